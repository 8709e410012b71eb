/* The one inline script of every page, the same on every page (so a Content Security Policy
   names it by one hash; the build writes the policy). Before first paint: the old widget
   addresses of the essay (?widget=timeline…) go to the widgets' own pages; `embed` follows the
   route's one rule (present and not 0, false or no). Then scripting is marked on (the stage is
   laid out only then), with the theme and embed mode the address asks for, and the essay's
   instruments' stylesheet is asked for. Then the page's app is loaded from the addresses the
   page names (<html data-js data-wasm>): at once on a widget's page; on the essay's when the
   reader reaches the story. If the app cannot start, or traps, the mark comes off again: the
   reader keeps the plain article with its stills, and no control that needs the app is left
   showing. Checked against the model's address table by a test. */
(function (d, w) {
  var h = d.documentElement, l = w.location, q, page = h.getAttribute("data-page");
  var dirs = { timeline: "timeline/", diagram: "diagram/", map: "map/" };
  try { q = new URLSearchParams(l.search); } catch (e) { return; }
  var wd = q.get("widget");
  if (page === "essay" && wd && dirs[wd]) {
    q.delete("widget");
    var s = q.toString();
    l.replace(dirs[wd] + (s ? "?" + s : "") + l.hash);
    return;
  }
  if (typeof WebAssembly !== "object") return;
  h.className += " js";
  var t = q.get("theme"), e = q.get("embed");
  if (t === "light" || t === "dark") h.setAttribute("data-theme", t);
  if (e !== null && e !== "0" && e !== "false" && e !== "no") h.setAttribute("data-embed", "");
  // The essay's instruments are drawn by their own stylesheet: it is not needed to read the
  // article, so it does not hold up the first paint; the stage shows once it is there.
  var css = h.getAttribute("data-css");
  if (css) {
    var ln = d.createElement("link");
    ln.rel = "stylesheet";
    ln.href = css;
    ln.addEventListener("load", function () { h.className += " css"; });
    d.head.appendChild(ln);
  }
  var failed = function (err) {
    // Said where a developer looks; the reader keeps the plain article.
    if (err && w.console) console.error("explainer: the app stopped:", err);
    h.className = h.className.replace(/(^|\s)js(\s|$)/g, " ");
    h.setAttribute("data-app", "failed");
  };
  w.__explainerFailed = failed;
  w.addEventListener("error", function (ev) {
    if (ev.error instanceof WebAssembly.RuntimeError) failed();
  });
  var pressed = null, done = 0;
  var go = function () {
    if (done) return;
    done = 1;
    import(h.getAttribute("data-js")).then(function (m) {
      return m.default({ module_or_path: h.getAttribute("data-wasm") });
    }).then(function () {
      // A button pressed before the app was there is pressed again once it is.
      if (pressed) pressed.click();
      pressed = null;
    }).catch(failed);
  };
  var ready = function (f) {
    if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", f); else f();
  };
  // The essay's app is needed once the reader reaches the story (the intro reads without it):
  // it loads when the story comes into view, or at the first key, touch or focus, or at once when
  // the address names a step or a what-if, or the page is embedded.
  if (page === "essay" && !l.hash && !q.has("off") && !h.hasAttribute("data-embed") && w.IntersectionObserver) {
    w.__explainerLazy = 1;
    w.addEventListener("click", function (ev) {
      if (!h.hasAttribute("data-app") && ev.target.closest) pressed = ev.target.closest("button");
    }, true);
    ["keydown", "pointerdown", "focusin"].forEach(function (k) { w.addEventListener(k, go, { once: true, capture: true }); });
    ready(function () {
      var story = d.getElementById("story");
      if (!story) return go();
      var io = new IntersectionObserver(function (es) {
        for (var i = 0; i < es.length; i++) if (es[i].isIntersecting) { io.disconnect(); go(); }
      });
      io.observe(story);
    });
  } else {
    ready(go);
  }
})(document, window);
