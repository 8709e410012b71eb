/* Explainer embed loader (include once per page). Turns every <div data-explainer="timeline|diagram|essay">
   into a framed widget, sizes every explainer frame to its content, passes the page's #event-… or
   #stage-… fragment through, and fires "explainer:state" events on the frame as readers move.
   Messages are taken only from our own frames, and only heights and ids are read from them. */
(function (d, w) {
  var me = d.currentScript, base = me ? me.src.replace(/[^\/]*$/, "") : "", frames = [];
  var KEY = { timeline: "event", diagram: "stage", essay: "step" };
  function wants(f, h) {
    var k = f.getAttribute("data-widget");
    return k === "timeline" ? /^event-/.test(h) : k === "diagram" ? /^stage-/.test(h) : !/^(event|stage)-/.test(h);
  }
  function hash() {
    var h = decodeURIComponent(w.location.hash.slice(1));
    return /^[a-z0-9-]{1,80}$/.test(h) ? h : "";
  }
  function track(f) {
    if (frames.indexOf(f) < 0) frames.push(f);
    // Which widget: from its page's folder (…/diagram/?embed=1) or the older ?widget=diagram.
    var w = (/widget=(\w+)/.exec(f.src) || /(\w+)\/(\W|$)/.exec(f.src) || 0)[1];
    if (!f.getAttribute("data-widget")) f.setAttribute("data-widget", KEY[w] ? w : "essay");
  }
  function mount(el) {
    if (el.querySelector("iframe")) return;
    var k = el.getAttribute("data-explainer"), f = d.createElement("iframe"), q = "?widget=" + encodeURIComponent(k) + "&embed=1";
    var v = el.getAttribute("data-" + KEY[k]), t = el.getAttribute("data-theme"), h = hash();
    if (v) q += "&" + KEY[k] + "=" + encodeURIComponent(v);
    if (t) q += "&theme=" + encodeURIComponent(t);
    f.setAttribute("data-widget", k);
    f.src = base + q + (h && wants(f, h) ? "#" + h : "");
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
