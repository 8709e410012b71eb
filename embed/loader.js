/* Explainer embed loader (include once per page). Turns every <div data-explainer="timeline|diagram|map|essay">
   into a framed widget (the widget's own page: timeline/, diagram/, map/), with its starting point
   (data-event, data-stage, data-line, data-step) and what-if switches (data-off); sizes every
   explainer frame to its content (at the old ?widget=… addresses or the widgets' own pages);
   passes the page's #event-…, #stage-… or #line-… fragment through, and fires "explainer:state"
   events on the frame as readers move. Messages are taken only from our own frames, and only
   heights and ids are read from them. Widget names, keys and prefixes: model::route::WIDGETS. */
(function (d, w) {
  var me = d.currentScript, base = me ? me.src.replace(/[^\/]*$/, "") : "", frames = [];
  var KEY = { timeline: "event", diagram: "stage", map: "line", essay: "step" };
  function wants(f, h) {
    var k = KEY[f.getAttribute("data-widget")], m = /^(event|stage|line)-/.exec(h);
    return m ? m[1] === k : k === "step";
  }
  function hash() {
    var h = decodeURIComponent(w.location.hash.slice(1));
    return /^[a-z0-9-]{1,80}$/.test(h) ? h : "";
  }
  function track(f) {
    if (frames.indexOf(f) < 0) frames.push(f);
    var k = (/widget=(\w+)/.exec(f.src) || /\/(\w+)\/(index\.html)?([?#]|$)/.exec(f.src) || [])[1];
    if (!f.getAttribute("data-widget")) f.setAttribute("data-widget", KEY[k] ? k : "essay");
  }
  function mount(el) {
    if (el.querySelector("iframe")) return;
    var k = el.getAttribute("data-explainer"), f = d.createElement("iframe"), q = "?embed=1", h = hash();
    function add(n) {
      var v = el.getAttribute("data-" + n);
      if (v) q += "&" + n + "=" + encodeURIComponent(v).replace(/%2C/g, ",");
    }
    if (!KEY[k]) return;
    add(KEY[k]);
    add("off");
    add("theme");
    f.setAttribute("data-widget", k);
    f.src = base + (k === "essay" ? "" : k + "/") + q + (h && wants(f, h) ? "#" + h : "");
    f.title = el.getAttribute("data-title") || "Explainer " + k;
    f.setAttribute("loading", "lazy");
    f.style.cssText = "display:block;width:100%;border:0;height:" + (k === "essay" ? "80vh" : "480px");
    el.appendChild(f);
    track(f);
  }
  function scan() {
    [].forEach.call(d.querySelectorAll("[data-explainer]"), mount);
    [].forEach.call(d.querySelectorAll("iframe[data-explainer-frame]"), track);
  }
  w.addEventListener("message", function (e) {
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i], m = e.data;
      if (f.contentWindow !== e.source) continue;
      if (!m || typeof m !== "object") return;
      if (m.type === "explainer:height" && f.getAttribute("data-widget") !== "essay" && m.height > 0 && m.height < 1e5)
        f.style.height = Math.ceil(m.height) + "px";
      if (m.type === "explainer:state" && typeof m.target === "string")
        f.dispatchEvent(new CustomEvent("explainer:state", { bubbles: true, detail: { widget: String(m.widget), target: m.target } }));
      return;
    }
  });
  w.addEventListener("hashchange", function () {
    var h = hash();
    if (h) frames.forEach(function (f) { if (wants(f, h) && f.contentWindow) f.contentWindow.postMessage({ type: "explainer:goto", target: h }, "*"); });
  });
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", scan); else scan();
})(document, window);
