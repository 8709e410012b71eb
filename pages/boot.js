/* Before first paint, on every page. Addresses: the old widget addresses of the essay
   (?widget=timeline…) go to the widgets' own pages; `embed` follows the route's one rule
   (present and not 0, false or no). Then scripting is marked on (the stage is laid out only
   then), with the theme and embed mode the address asks for. If the app cannot start, or traps,
   the mark comes off again: the reader keeps the plain article with its stills, and no control
   that needs the app is left showing. Checked against the model's address table by a test. */
(function (d, w) {
  var h = d.documentElement, l = w.location, q, page = h.getAttribute("data-page");
  var dirs = { timeline: "timeline/", diagram: "diagram/", map: "map/" };
  try { q = new URLSearchParams(l.search); } catch (e) { return; }
  var wd = q.get("widget");
  if (page === "essay" && wd && dirs[wd]) {
    q.delete("widget");
    var s = q.toString();
    // Leaving: the essay's app is not to be fetched on the way (Trunk.toml's pattern_script).
    w.__explainerAway = 1;
    l.replace(dirs[wd] + (s ? "?" + s : "") + l.hash);
    return;
  }
  if (typeof WebAssembly !== "object") return;
  h.className += " js";
  var t = q.get("theme"), e = q.get("embed");
  if (t === "light" || t === "dark") h.setAttribute("data-theme", t);
  if (e !== null && e !== "0" && e !== "false" && e !== "no") h.setAttribute("data-embed", "");
  // The essay's app is needed once the reader reaches the story (the intro reads without it):
  // it loads when the story comes into view, or at the first key or touch, or at once when the
  // address names a step or a what-if, or the page is embedded.
  if (page === "essay" && !l.hash && !q.has("off") && !h.hasAttribute("data-embed") && w.IntersectionObserver) {
    var pressed = null;
    w.__explainerWhen = function (go) {
      var done = 0, start = function () { if (!done) { done = 1; go(); } };
      // A button pressed before the app was there is pressed again once it is.
      w.addEventListener("click", function (e) {
        if (!h.hasAttribute("data-app") && e.target.closest) pressed = e.target.closest("button");
      }, true);
      w.__explainerStarted = function () { if (pressed) pressed.click(); pressed = null; };
      var io = new IntersectionObserver(function (es) {
        for (var i = 0; i < es.length; i++) if (es[i].isIntersecting) { io.disconnect(); start(); }
      });
      var story = d.getElementById("story");
      if (story) io.observe(story); else start();
      ["keydown", "pointerdown", "focusin"].forEach(function (t) { w.addEventListener(t, start, { once: true, capture: true }); });
    };
  }
  w.__explainerFailed = function () {
    h.className = h.className.replace(/(^|\s)js(\s|$)/g, " ");
    h.setAttribute("data-app", "failed");
  };
  w.addEventListener("error", function (ev) {
    if (ev.error instanceof WebAssembly.RuntimeError) w.__explainerFailed();
  });
})(document, window);
