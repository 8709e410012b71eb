// The release build (dist/) served as a host would, and what the tests need to know about it:
// the content (read from content/*.toml with Python's tomllib, independently of the Rust code)
// and small page helpers that read the pages' state from the DOM.
//
// The pages (model/src/contract.rs): every drawing is in the HTML. An instrument is
// `.inst[data-inst][data-scene]`; the essay's stage is `.graphic .panel[data-view][data-step]`
// holding one per instrument; each step is `article.step[data-view][data-scene][data-summary]`
// with a still (`picture.still`, an SVG file whose text alternative is the summary). Timeline
// marks are `button.ev.mk` in `.evs` (the glyph is their ::before); what belongs to one scene
// carries `data-for` and has class `on` while its scene shows; other scenes' layers wait in
// `<template data-for>` until first shown. The app marks `<html data-app="live">` once it has
// attached (or "failed", when the page keeps its plain, drawn state); the essay loads its app
// lazily (`window.__explainerLazy`) when the reader reaches the story. Widget pages are
// `<widget>/` beside the essay; editions (`ko/`, `zh-hans/`) have the same pages.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from './measure.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = join(here, '..', '..', '..');

/**
 * Which explainer the suites test: ours (content/, built into dist/), or with
 * `E2E_EXPLAINER=mini` the fixture that shares nothing with it (tests/fixtures/mini, built into
 * target/dist-mini by scripts/test.sh). The suites that read everything they check from the
 * content (stage, drawn before the script, embed, monkey) run on both.
 */
export const EXPLAINER = (() => {
  // (Any other explainer: its content folder and its release build, named by E2E_CONTENT and E2E_DIST.)
  if (process.env.E2E_CONTENT && process.env.E2E_DIST) return { name: 'other', content: process.env.E2E_CONTENT, dist: process.env.E2E_DIST };
  const which = process.env.E2E_EXPLAINER || 'essay';
  if (which === 'mini') return { name: 'mini', content: join(REPO, 'tests', 'fixtures', 'mini'), dist: join(REPO, 'target', 'dist-mini') };
  if (which !== 'essay') throw new Error(`E2E_EXPLAINER=${which}: the explainers are essay (the default) and mini`);
  return { name: 'essay', content: join(REPO, 'content'), dist: join(REPO, 'dist') };
})();

/** Where the tests write screenshots and reports: tests/artifacts/ (the fixture's: its own folder in it). */
export const ARTIFACTS = join(REPO, 'tests', 'artifacts', ...(EXPLAINER.name === 'essay' ? [] : [EXPLAINER.name]));

/** The content as data: steps in reading order with what their graphic shows. */
export function loadContent(dir = EXPLAINER.content) {
  const py = `
import json, os, sys, tomllib
d = sys.argv[1]
load = lambda n: tomllib.load(open(f"{d}/{n}", "rb")) if os.path.exists(f"{d}/{n}") else None
print(json.dumps({n: load(f"{n}.toml") for n in ("essay", "timeline", "diagram", "map")}))`;
  const c = JSON.parse(execFileSync('python3', ['-c', py, dir], { encoding: 'utf8' }));
  c.steps = c.essay.chapter.flatMap((ch) => ch.step.map((s) => ({ ...s, chapter: ch.id })));
  return c;
}

/**
 * What the content says step i shows: the instrument on stage, its scene (sceneOf), and what is
 * lit: the timeline's highlighted events, or the diagram's highlighted factors (the stage's new
 * factors when the step names none). Other instruments (the map) are checked by their view and
 * scene only.
 */
export function expectedStage(content, i) {
  const step = content.steps[i];
  const g = step.graphic;
  const want = { step: i, id: step.id, view: g.view, scene: sceneOf(content, step) };
  if (g.view === 'timeline') want.lit = [...(g.highlight ?? [])].sort();
  if (g.view === 'diagram') {
    const adds = content.diagram.stage.find((st) => st.id === g.stage)?.adds ?? [];
    want.lit = [...(g.highlight?.length ? g.highlight : adds)].sort();
  }
  return want;
}

/**
 * The scene a step puts its instrument in, as docs/ARCHITECTURE.md defines it: the step's id for
 * the timeline and the diagram; for the map, its line's id, followed by the places it lights
 * (joined by dots) when they are not the line's own.
 */
export function sceneOf(content, step) {
  const g = step.graphic;
  if (g.view !== 'map') return step.id;
  const own = content.map?.line?.find((l) => l.id === g.line)?.highlight ?? [];
  const given = g.highlight ?? [];
  return given.length && given.join() !== own.join() ? [g.line, ...given].join('.') : g.line;
}

/**
 * What the page has booked with the browser and not yet had back: timers (setTimeout) and
 * animation frames, counted by wrapping the window's own functions before any script of the
 * page runs (`window.__pending()`). The app registers its frames and timers through these, so
 * "nothing pending" is a state a test can wait for: every frame it booked has run, every timer
 * has fired or been cleared (a count taken then is not one with a timer alive in it). A timer of
 * 30 s or more is not counted: WebKit's driver books its own script timeout (the session's 30 s)
 * in the page with the page's setTimeout, and leaves it; the apps book none that long.
 */
export const TRACKER = `<script>(function(w){var t=new Set(),f=new Set(),st=w.setTimeout,ct=w.clearTimeout,ra=w.requestAnimationFrame,ca=w.cancelAnimationFrame;
w.setTimeout=function(cb,ms){var a=[].slice.call(arguments,2),id=st.call(w,function(){t.delete(id);if(typeof cb==="function")cb.apply(w,a)},ms);if(!(ms>=30000))t.add(id);return id};
w.clearTimeout=function(id){t.delete(id);return ct.call(w,id)};
if(ra){w.requestAnimationFrame=function(cb){var id=ra.call(w,function(x){f.delete(id);cb(x)});f.add(id);return id};
w.cancelAnimationFrame=function(id){f.delete(id);return ca.call(w,id)}}
w.__pending=function(){return t.size+f.size}})(window);</script>`;

/** Inserts `script` (markup) before a page's first script, so that it runs before the page's own. */
export function withScript(html, script) {
  const at = html.indexOf('<script');
  if (at < 0) throw new Error('page without a script');
  return html.slice(0, at) + script + html.slice(at);
}

/** Every page of a build (its index.html files, editions' and widgets' included), as URL paths under `base`. */
export function pagesOf(dist = EXPLAINER.dist, base = '/explainer/') {
  const out = [];
  const walk = (dir, depth) => {
    if (existsSync(join(dist, dir, 'index.html'))) out.push({ file: join(dist, dir, 'index.html'), path: `${base}${dir}` });
    if (depth < 2) for (const d of readdirSync(join(dist, dir), { withFileTypes: true })) if (d.isDirectory()) walk(`${dir}${d.name}/`, depth + 1);
  };
  walk('', 0);
  return out;
}

/**
 * Serves `dist` under `/explainer/` (a sub-path, as most hosts would) with compression.
 * `inject`: markup put before the first script of every page (the tests' probes: TRACKER, the
 * monkey's PROBE). `headers`: serve every file with the headers the build wrote in
 * `dist/_headers` (the strict Content-Security-Policy among them), as a host is told to.
 */
export async function serveDist({ dist = EXPLAINER.dist, base = '/explainer/', host, routes = {}, cors = true, inject = null, headers = false } = {}) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no build at ${dist}: run trunk build --release first`);
  const pages = {};
  if (inject) {
    for (const p of pagesOf(dist, base)) {
      const route = { type: 'text/html; charset=utf-8', body: withScript(readFileSync(p.file, 'utf8'), inject) };
      pages[p.path] = route;
      pages[`${p.path}index.html`] = route;
    }
  }
  return startServer({ root: dist, base, compress: true, cors, host, routes: { ...pages, ...routes }, headers: headers ? readHeaders(dist) : null });
}

/**
 * The headers `dist/_headers` gives (Netlify/Cloudflare Pages format): a path pattern at the
 * start of a line, then its `Name: value` lines, indented. Only `/*` (every file) is written by
 * the build; anything else is an error here, so that a new rule is not silently ignored.
 */
export function readHeaders(dist) {
  const text = readFileSync(join(dist, '_headers'), 'utf8');
  const out = {};
  let pattern = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      pattern = line.trim();
      if (pattern !== '/*') throw new Error(`_headers: a rule for ${pattern}: the test server applies /* only`);
      continue;
    }
    const m = /^\s+([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!m || !pattern) throw new Error(`_headers: cannot read ${JSON.stringify(line)}`);
    out[m[1].toLowerCase()] = m[2].trim();
  }
  return out;
}

/** Waits until the page's app has attached (`<html data-app="live">`); fails if it gave up. */
export async function ready(s, timeout = 15000) {
  // The essay loads its app once the reader reaches the story (pages/boot.js): scroll until its
  // top edge comes into view at the bottom of the window, as a reader's would (no step reaches
  // the trigger line yet, so the stage keeps its opening picture), then back to where the page
  // was, so that what follows starts from there.
  const y = await s.exec(
    `if (!window.__explainerLazy || document.documentElement.dataset.app) return null;
     const y = scrollY, story = document.getElementById('story');
     if (story && story.getBoundingClientRect().top > innerHeight - 8) scrollTo({ top: story.getBoundingClientRect().top + scrollY - innerHeight + 8, behavior: 'instant' });
     return y;`,
  );
  const state = await s.waitFor('return document.documentElement.dataset.app', timeout);
  if (y !== null) {
    await s.exec('scrollTo({ top: arguments[0], behavior: "instant" })', y);
    // The stage follows a scroll in the next frame: let it, before anything reads it.
    await afterFrames(s);
  }
  if (state !== 'live') {
    throw new Error(`the app did not start (data-app="${state}") at ${await s.url()}: ${JSON.stringify(await s.browserLogs())}`);
  }
}

/**
 * Resolves after the page has drawn `n` more frames: whatever the app booked for the next frame
 * (the scroll engine measures in one) has run. A wait on the page's own clock, not a guess.
 */
export async function afterFrames(s, n = 2) {
  await s.execAsync(
    `const [n, done] = arguments; let k = 0;
     const tick = () => (++k >= n ? done(true) : requestAnimationFrame(tick));
     requestAnimationFrame(tick);`,
    n,
  );
}

/**
 * Reloads the page and resolves once the new document is there (not the old one still going):
 * the old document is marked first, and the wait is for a document without the mark.
 */
export async function reload(s) {
  await s.exec('window.__e2eOld = 1; location.reload()');
  await s.waitFor('return !window.__e2eOld && document.readyState !== "loading"', 30000);
}

export const activeStep = (s) => s.exec('return Number(document.querySelector(".graphic .panel").dataset.step)');

/** Scrolls instantly so that step i's top sits `frac` of the viewport from the top. */
export async function scrollStepTo(s, i, frac) {
  await s.exec(
    `const el = document.querySelectorAll('.steps .step')[arguments[0]];
     const top = el.getBoundingClientRect().top + scrollY;
     scrollTo({ top: top - innerHeight * arguments[1], behavior: 'instant' });`,
    i,
    frac,
  );
}

/**
 * Scrolls to step i as a reader settled on it sees it: the step just past the trigger line (55 %
 * of the height on wide screens, 62 % on phones: model/src/scroll.rs), then on until the graphic
 * is pinned, if it is not yet (above the first steps it still scrolls with the page).
 */
export async function settleOn(s, i) {
  await s.exec(
    `const el = document.querySelectorAll('.steps .step')[arguments[0]];
     const trigger = innerWidth < 900 ? 0.62 : 0.55;
     scrollTo({ top: el.getBoundingClientRect().top + scrollY - innerHeight * (trigger - 0.04), behavior: 'instant' });
     const g = document.querySelector('.graphic').getBoundingClientRect();
     const room = el.getBoundingClientRect().bottom - innerHeight * trigger - 4;
     if (g.top > 0) scrollBy({ top: Math.min(g.top, room), behavior: 'instant' });`,
    i,
  );
  await waitStep(s, i);
}

/**
 * A wait condition: the essay's map, when it is on show, has its land (the app named the file and
 * the file has arrived: its resource entry is complete). True at once where no map shows.
 */
export const LAND = `const inst = document.querySelector('.graphic .inst-map');
  if (!inst || !inst.getClientRects().length || getComputedStyle(inst).visibility !== 'visible') return true;
  const img = inst.querySelector('image.geo-land'), href = img && img.getAttribute('href');
  if (!href) return false;
  const url = new URL(href, document.baseURI).href;
  return performance.getEntriesByType('resource').some((e) => e.name === url && e.responseEnd > 0);`;

/**
 * Settles on step i as a reader does, waits until a map on show has its land, and measures the
 * stage's panel (lib/measure.mjs `inspect`): what the stage checks of every explainer and edition read.
 */
export async function lookAtStep(s, i) {
  await settleOn(s, i);
  await s.waitFor(LAND, 10000);
  return inspect(s, '.graphic .panel');
}

/** Resolves when the panel shows step `i`. */
export async function waitStep(s, i, timeout = 5000) {
  await s.waitFor(`return Number(document.querySelector(".graphic .panel").dataset.step) === ${i}`, timeout);
}

/**
 * What the stage shows now, read in one script: the panel's view and step, the instrument that
 * is visible, each instrument's scene, and what is lit in each: timeline marks drawn larger than
 * the rest (a lit mark's glyph, its ::before, is scaled) and the lit events' labels on show;
 * diagram rows on show in the lit weight.
 */
export function stageState(s) {
  return s.exec(() => {
    const p = document.querySelector('.graphic .panel');
    const visible = (el) => {
      const cs = getComputedStyle(el);
      return cs.visibility === 'visible' && cs.display !== 'none' && Number(cs.opacity) > 0.5 && el.getBoundingClientRect().height > 0;
    };
    const insts = {};
    for (const el of p.querySelectorAll('.inst[data-inst]')) {
      const o = { scene: el.dataset.scene };
      if (el.dataset.inst === 'timeline') {
        o.lit = [...el.querySelectorAll('.evs .ev')]
          .filter((e) => {
            const t = getComputedStyle(e, '::before').transform;
            return t !== 'none' && new DOMMatrix(t).a > 1.2;
          })
          .map((e) => e.dataset.id)
          .sort();
        o.named = [...el.querySelectorAll('.layer .lbl:is(.k-lit, .k-anchor)')]
          .filter((l) => l.closest('.layer').dataset.for === o.scene && visible(l) && visible(l.closest('.layer')))
          .map((l) => l.dataset.id)
          .sort();
      }
      if (el.dataset.inst === 'diagram') {
        o.lit = [...el.querySelectorAll('.row')]
          .filter((r) => getComputedStyle(r).display !== 'none' && Number(getComputedStyle(r.querySelector('.row-label')).fontWeight) >= 800)
          .map((r) => r.dataset.factor)
          .sort();
      }
      insts[el.dataset.inst] = o;
    }
    const shown = [...p.querySelectorAll('.instrument[data-for-view]')].filter(visible).map((i) => i.dataset.forView);
    return { view: p.dataset.view, step: Number(p.dataset.step), shown, insts };
  });
}

/** Differences between the stage now and what step `want` (from expectedStage) should show. */
export function stageDiff(state, want) {
  const d = [];
  if (state.step !== want.step) d.push(`active step ${state.step}, not ${want.step}`);
  if (state.view !== want.view) d.push(`the stage shows the ${state.view}, not the ${want.view}`);
  if (state.shown.join() !== want.view) d.push(`visible instruments: ${state.shown.join(', ') || 'none'}`);
  const inst = state.insts[want.view];
  if (!inst) return [...d, `no ${want.view} instrument in the stage`];
  if (inst.scene !== want.scene) d.push(`the ${want.view} is at scene ${inst.scene}, not ${want.scene}`);
  if (want.lit && inst.lit.join() !== want.lit.join()) d.push(`lit: ${inst.lit.join(', ')}; the content lights ${want.lit.join(', ')}`);
  if (want.view === 'timeline' && inst.named.join() !== want.lit.join()) d.push(`lit events named: ${inst.named.join(', ')}; want ${want.lit.join(', ')}`);
  return d;
}

/**
 * Waits (up to `timeout`, transitions included) until the stage shows step i as the content
 * says, and fails with what differs.
 */
export async function expectStage(s, content, i, where, timeout = 3000) {
  const want = expectedStage(content, i);
  let diff = [];
  try {
    await s.waitFor(async () => (diff = stageDiff(await stageState(s), want)).length === 0, timeout, 60);
  } catch {
    throw new Error(`${where}: step ${i} (${want.id}): ${diff.join('; ')}`);
  }
}

/**
 * Each step's still as a reader sees it: `shown` (the picture is laid out, not aria-hidden, and
 * its image has a box over 100 px tall: the file's own size is in the markup, so the box is
 * there before the lazily loaded file), `loaded` (the file arrived and decoded: a natural
 * size), its `alt` and the step's `summary`, `src` (the file the browser chose for the width).
 */
export function stills(s) {
  return s.exec(() =>
    [...document.querySelectorAll('.steps .step')].map((step) => {
      const pic = step.querySelector('picture.still');
      const img = pic?.querySelector('img');
      const box = img?.getBoundingClientRect();
      return {
        id: step.id,
        summary: step.dataset.summary,
        shown: !!img && pic.getClientRects().length > 0 && getComputedStyle(pic).display !== 'none' && getComputedStyle(pic).visibility === 'visible' && !pic.closest('[aria-hidden=true]') && box.height > 100,
        loaded: !!img && img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
        alt: img?.getAttribute('alt') ?? null,
        src: img?.currentSrc ?? null,
      };
    }),
  );
}

/** Each instrument's scene at step i: the last step so far that showed it, or its opening scene. */
export function expectedScenes(content, i, openings) {
  const scenes = { ...openings };
  for (const step of content.steps.slice(0, i + 1)) scenes[step.graphic.view] = sceneOf(content, step);
  return scenes;
}

/**
 * Every element under `root` (and its ::before and ::after) whose transitions or animations take
 * time, as "tag.classes: durations": none when motion is reduced.
 */
export function moving(s, root) {
  return s.exec((sel) => {
    const out = [];
    const root = document.querySelector(sel);
    for (const el of [root, ...root.querySelectorAll('*')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const cs = getComputedStyle(el, pseudo);
        const t = cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
        const a = cs.animationName !== 'none' && cs.animationDuration.split(',').some((d) => parseFloat(d) > 0);
        if (t || a) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${pseudo ?? ''}: ${cs.transitionDuration} ${a ? cs.animationName : ''}`);
      }
    }
    return out;
  }, root);
}

/**
 * Waits until the page has nothing booked (no timer, no animation frame: see TRACKER, which the
 * page must be served with) and returns, read at that moment, what the app counts on <html>:
 * `live` (listeners, frames, timers, observers registered now: `data-live`) and `alive` (its
 * objects alive now: instruments, players, scopes: `data-alive`).
 */
export async function quiet(s, timeout = 10000) {
  return s.waitFor(
    `if (typeof window.__pending !== 'function') throw new Error('the page was not served with the tracker');
     const h = document.documentElement;
     return window.__pending() === 0 && h.dataset.live !== undefined ? { live: Number(h.dataset.live), alive: Number(h.dataset.alive ?? NaN) } : null;`,
    timeout,
    25,
  );
}

/** Resolves once no transition or animation is running in the page (axe reads colours as shown). */
export async function settled(s, timeout = 3000) {
  await s.waitFor('return !document.getAnimations || document.getAnimations().every((a) => a.playState !== "running")', timeout);
}

/** The engine's window limits: the width a session really got for a requested one. */
export const innerWidth = (s) => s.exec('return innerWidth');

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
