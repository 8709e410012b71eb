/* Explainer embed loader (include once per page). Turns every <div data-explainer="timeline|diagram|map|essay">
   into a framed widget (each widget's own page, <name>/, in the edition data-lang names; the essay is the
   explainer's own page), sizes
   every explainer frame to its content, passes the page's #event-…, #stage-…, #line-… or step fragment
   through, and fires "explainer:state" events on the frame as readers move. Messages are taken only
   from our own frames, and only heights and ids are read from them.
   W repeats the model's address table (model/src/route.rs WIDGETS) as name: [query key, starting
   height]; a widget's page is the folder <name>/ and its fragment prefix <key>- (the essay has
   neither). A test checks that they agree. */
(function (d, w) {
  var me = d.currentScript, base = me ? me.src.replace(/[^\/]*$/, "") : "", frames = [], keys = [], k;
  var W = { essay: ["step", "80vh"], timeline: ["event", "560px"], diagram: ["stage", "720px"], map: ["line", "620px"] };
  for (k in W) if (k != "essay") keys.push(W[k][0]);
  var named = new RegExp("^(" + keys.join("|") + ")-");
  // Whether a frame showing widget k takes fragment h: its own prefix, or (the essay) a step, named by none.
  function wants(k, h) {
    return k == "essay" ? !named.test(h) : h.indexOf(W[k][0] + "-") == 0;
  }
  function hash() {
    var h = w.location.hash.slice(1);
    try { h = decodeURIComponent(h); } catch (e) { return ""; }
    return /^[a-z0-9-]{1,80}$/.test(h) ? h : "";
  }
  // The widget a frame shows: as we marked it, from its page's folder, or from an old address (?widget=…).
  function track(f) {
    var k = f.dataset.widget, s = f.src, m = /\/(\w+)\/(index\.html)?([?#]|$)/.exec(s), o = /[?&]widget=(\w+)/.exec(s);
    if (!W[k]) f.dataset.widget = m && W[m[1]] ? m[1] : o && W[o[1]] ? o[1] : "essay";
    if (frames.indexOf(f) < 0) frames.push(f);
  }
  function mount(el) {
    var k = el.dataset.explainer, t = W[k], f = d.createElement("iframe"), h = hash(), q = "?embed=1";
    if (!t || el.querySelector("iframe")) return;
    function add(key) { var v = el.dataset[key]; if (v) q += "&" + key + "=" + encodeURIComponent(v); }
    add(t[0]); add("off"); add("theme");
    f.dataset.widget = k;
    // data-lang: an edition's language (ko, zh-Hans), whose pages are in its own folder.
    var lang = el.dataset.lang;
    f.src = base + (lang ? lang.toLowerCase() + "/" : "") + (k == "essay" ? "" : k + "/") + q + (h && wants(k, h) ? "#" + h : "");
    f.title = el.dataset.title || "Explainer " + k;
    f.loading = "lazy";
    f.style.cssText = "display:block;width:100%;border:0;height:" + t[1];
    el.appendChild(f);
    track(f);
  }
  function scan() {
    [].forEach.call(d.querySelectorAll("[data-explainer]"), mount);
    [].forEach.call(d.querySelectorAll("iframe[data-explainer-frame]"), track);
  }
  w.addEventListener("message", function (e) {
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i], m = e.data || 0;
      if (f.contentWindow !== e.source) continue;
      if (m.type === "explainer:height" && f.dataset.widget !== "essay" && m.height > 0 && m.height < 1e5)
        f.style.height = Math.ceil(m.height) + "px";
      if (m.type === "explainer:state" && typeof m.target === "string")
        f.dispatchEvent(new CustomEvent("explainer:state", { bubbles: true, detail: { widget: String(m.widget), target: m.target } }));
      return;
    }
  });
  w.addEventListener("hashchange", function () {
    var h = hash();
    if (h) frames.forEach(function (f) { if (wants(f.dataset.widget, h) && f.contentWindow) f.contentWindow.postMessage({ type: "explainer:goto", target: h }, "*"); });
  });
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", scan); else scan();
})(document, window);
