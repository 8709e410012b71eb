// The monkey: seeded random sequences of what readers do, on every page of a build, with every
// error the page sees counted. Used by monkey.test.mjs (and by lifecycle/failure for the probe).
//
//   const site = await serveProbed();                       // dist/ with the error probe in every page
//   const pages = catalog();                                // the essay and every widget page built
//   await runMonkey(session, { url, seed: 1, actions: 100, engine: 'chromium' });
//
// A run is reproducible from its seed: every choice (the action, the element among those a
// reader could reach, the key, the size) comes from one seeded generator, so the same seed
// replays the same reader (up to the page's own timing). On failure the error says how:
//   MONKEY_SEED=7 MONKEY_ACTIONS=120 MONKEY_PAGES=essay E2E_ENGINES=firefox node --test e2e/monkey.test.mjs

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLAINER, REPO, TRACKER, serveDist, sleep, withScript } from './site.mjs';
import { WebDriverError } from './webdriver.mjs';

/** The narrowest viewport each engine's window allows here (Firefox ~500, WebKitGTK ~447). */
export const MIN_WIDTH = { chromium: 320, firefox: 500, webkit: 447 };
export const MAX_WIDTH = 1920;

// ---- The address table, read from the model --------------------------------------------------

/** `model::route::WIDGETS` as data, read from the Rust source (the one table). */
export function widgetTable(source = readFileSync(join(REPO, 'model', 'src', 'route.rs'), 'utf8')) {
  const table = /pub const WIDGETS: \[Spec; \d+\] = \[([\s\S]*?)\n\];/.exec(source);
  if (!table) throw new Error('route.rs: WIDGETS not found');
  const specs = [...table[1].matchAll(/Spec \{([\s\S]*?)\}/g)].map(([, body]) => {
    const field = (name) => {
      const m = new RegExp(`\\b${name}: "([^"]*)"`).exec(body);
      if (!m) throw new Error(`route.rs: WIDGETS entry without ${name}: ${body}`);
      return m[1];
    };
    return { widget: /widget: Widget::(\w+)/.exec(body)[1], name: field('name'), dir: field('dir'), key: field('key'), prefix: field('prefix'), height: field('height') };
  });
  if (!specs.length) throw new Error('route.rs: WIDGETS is empty');
  return specs;
}

/** Every page of a build: the essay, then each widget whose page was built (`<dir>index.html`). */
export function catalog(dist = EXPLAINER.dist) {
  return widgetTable()
    .filter((w) => existsSync(join(dist, w.dir, 'index.html')))
    .map((w) => ({ ...w, path: w.dir }));
}

// ---- The probe: every error a page sees, from before its first script --------------------------

/**
 * Put first in every page the tests serve (before the page's own boot script): counts uncaught
 * errors (including traps), unhandled rejections, failed resources and console.error calls in
 * `window.__monkey`, keeps the reader on the site (a click on a link to another document is
 * cancelled: the monkey tests this page, not the web), and tracks what the page has booked
 * (site.mjs TRACKER: `window.__pending()`).
 */
export const PROBE = `<script>(function(){var M=window.__monkey={errors:[],warnings:[],t0:Date.now()};
function say(k,m){M.errors.length<50&&M.errors.push(k+": "+String(m).slice(0,600))}
addEventListener("error",function(e){var t=e.target;if(t&&t!==window&&t.tagName){say("resource failed",(t.src||t.href||t.tagName));return}
say("uncaught",(e.error&&e.error.stack)?e.error.name+": "+e.error.message+"\\n"+e.error.stack:e.message+" @"+e.filename+":"+e.lineno)},true);
addEventListener("unhandledrejection",function(e){var r=e.reason;say("unhandled rejection",r&&r.stack?r.name+": "+r.message+"\\n"+r.stack:r)});
var ce=console.error,cw=console.warn;
console.error=function(){say("console.error",[].map.call(arguments,String).join(" "));return ce.apply(console,arguments)};
console.warn=function(){M.warnings.length<50&&M.warnings.push([].map.call(arguments,String).join(" ").slice(0,300));return cw.apply(console,arguments)};
document.addEventListener("click",function(e){var a=e.target&&e.target.closest&&e.target.closest("a[href]");
if(a&&!(a.origin===location.origin&&a.pathname===location.pathname&&a.search===location.search))e.preventDefault()},true);})();</script>${TRACKER}`;

/** Inserts the probe before a page's first script. */
export function withProbe(html) {
  return withScript(html, PROBE);
}

/**
 * Serves a build (default dist/) under /explainer/ like serveDist, with the probe in every page
 * (editions' and widgets' too). `routes` are added (and win), e.g. to break the wasm.
 */
export async function serveProbed({ dist = EXPLAINER.dist, routes = {}, host, base = '/explainer/' } = {}) {
  return serveDist({ dist, base, host, routes, inject: PROBE });
}

/** What the probe saw, and the app's state: `data-app` (live | failed), `data-live`, `data-alive`, what is pending. */
export const READ_PROBE = `const h = document.documentElement, M = window.__monkey;
  if (!h) return { errors: [], warnings: 0, app: null, live: null, href: location.href, js: false, loading: true };
  return { errors: M ? M.errors.slice() : ['no probe in this page'], warnings: M ? M.warnings.length : 0, app: h.dataset.app || null,
    live: h.dataset.live === undefined ? null : Number(h.dataset.live), alive: h.dataset.alive === undefined ? null : Number(h.dataset.alive),
    pending: typeof window.__pending === 'function' ? window.__pending() : null, href: location.href, js: h.classList.contains('js') };`;

/** Waits until the app has started (`data-app` live) or given up (failed); returns which. */
export async function appSettled(s, timeout = 20000) {
  return s.waitFor('return document.readyState !== "loading" && document.documentElement.dataset.app', timeout);
}

/**
 * The essay loads its app once the reader reaches the story (pages/boot.js): scrolls there, as a
 * reader would, then waits as appSettled does. Other pages start at once.
 */
export async function reachApp(s, timeout = 20000) {
  await s.waitFor('return document.readyState !== "loading"', timeout);
  await s.exec('if (window.__explainerLazy && !document.documentElement.dataset.app) document.getElementById("story")?.scrollIntoView()');
  return appSettled(s, timeout);
}

// ---- A seeded generator ------------------------------------------------------------------------

/** mulberry32: small, fast, and the same in every Node. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    weighted(weights) {
      const entries = Object.entries(weights).filter(([, w]) => w > 0);
      let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, w] of entries) if ((r -= w) < 0) return key;
      return entries.at(-1)[0];
    },
  };
}

// ---- What a reader does ------------------------------------------------------------------------

/**
 * Runs in the page: a batch of scripted reader actions, each followed by a wait, then what the
 * probe saw. Every choice of element comes from the numbers in the batch (`r`), among the
 * elements a reader could reach now (visible ones).
 */
function pageActions(batch, done) {
  const h = document.documentElement;
  const visible = (el) => {
    if (!el.isConnected || el.closest('[hidden],[inert]')) return false;
    if (el.checkVisibility) return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const pick = (list, r) => (list.length ? list[Math.min(list.length - 1, Math.floor(r * list.length))] : null);
  const name = (el) => {
    const data = [...el.attributes].filter((a) => /^(data-|aria-label|id$|href$|value$)/.test(a.name)).map((a) => `${a.name}=${a.value}`);
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}${data.length ? ` ${data.join(' ')}` : ''}>${text ? ` "${text}"` : ''}`;
  };
  const sameDocument = (a) => a.origin === location.origin && a.pathname === location.pathname && a.search === location.search;
  // What a reader can click, in kinds (links, timeline marks, other buttons, disclosures and
  // switches): a kind first, then one of its elements, so that the page's many marks and
  // footnote links don't drown its few buttons.
  const clickable = (r) => {
    const all = [...document.querySelectorAll('button, summary, input[type=checkbox], input[type=radio], a[href], [role=button]')].filter(
      (el) => visible(el) && (el.tagName !== 'A' || sameDocument(el)),
    );
    const kinds = [
      all.filter((el) => el.tagName === 'A'),
      all.filter((el) => el.matches('.mk, .ev *')),
      all.filter((el) => el.tagName === 'BUTTON' && !el.matches('.mk, .ev *')),
      all.filter((el) => el.tagName !== 'A' && el.tagName !== 'BUTTON'),
    ].filter((k) => k.length);
    return pick(kinds, r) || [];
  };
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  // The next frame (the app does its work in frames), or 60 ms where frames are slow to come.
  const frame = () =>
    new Promise((r) => {
      requestAnimationFrame(() => r());
      setTimeout(r, 60);
    });
  // Where a reader could jump: ids in the page, and the names each widget takes in a fragment.
  const targets = () => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => /^[\w-]+$/.test(id));
    const events = [...document.querySelectorAll('.ev[data-id]')].map((e) => `event-${e.dataset.id}`);
    const stages = [...document.querySelectorAll('[data-stage-ids]')].flatMap((e) => e.dataset.stageIds.split(/\s+/).map((id) => `stage-${id}`));
    const lines = [...document.querySelectorAll('.chips [data-scene], .inst-map[data-scene]')].map((e) => `line-${e.dataset.scene.split('.')[0]}`);
    // A host page names the explainer's steps, events, stages and lines (set by the test).
    const named = window.__monkeyTargets || [];
    return [...ids, ...events, ...events, ...stages, ...stages, ...lines, ...lines, ...named, ...named, 'no-such-step', 'event-nonsense', '%E0%A4%A', ''];
  };
  const act = {
    click(r) {
      const el = pick(clickable(r[1]), r[0]);
      if (!el) return 'click: nothing to click';
      el.focus({ preventScroll: true });
      el.click();
      return `click ${name(el)}`;
    },
    // The reader's switches (plain reading, reduce motion) and the what-if buttons: what the
    // issue's trap came from, so tried more often than a random button.
    tool(r) {
      const el = pick([...document.querySelectorAll('[data-tool], [data-toggle], .chips [data-scene], input[data-factor], .reset')].filter(visible), r[0]);
      if (!el) return 'tool: none on show';
      el.click();
      return `click ${name(el)}`;
    },
    details(r) {
      const el = pick([...document.querySelectorAll('details > summary')].filter(visible), r[0]);
      if (!el) return 'details: none on show';
      el.click();
      return `toggle ${name(el.parentElement)} (open=${el.parentElement.open})`;
    },
    select(r) {
      const el = pick([...document.querySelectorAll('select')].filter((e) => visible(e) && !e.disabled), r[0]);
      if (!el) return 'select: none on show';
      const o = pick([...el.options], r[1]);
      el.focus({ preventScroll: true });
      el.value = o.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return `select ${name(el)} = ${o.value}`;
    },
    hash(r) {
      const t = pick(targets(), r[0]);
      location.hash = `#${t}`;
      return `location.hash = #${t}`;
    },
    scroll(r) {
      const max = Math.max(0, h.scrollHeight - innerHeight);
      if (r[1] < 0.5) {
        const top = Math.round(r[0] * max);
        scrollTo({ top, behavior: r[2] < 0.5 ? 'smooth' : 'instant' });
        return `scrollTo ${top} of ${max} (${r[2] < 0.5 ? 'smooth' : 'instant'})`;
      }
      const by = Math.round((r[0] - 0.5) * 3 * innerHeight);
      scrollBy({ top: by, behavior: r[2] < 0.5 ? 'smooth' : 'instant' });
      return `scrollBy ${by}`;
    },
    async print(r) {
      dispatchEvent(new Event('beforeprint'));
      await wait(Math.round(r[0] * 200));
      dispatchEvent(new Event('afterprint'));
      return 'beforeprint, afterprint';
    },
    // Engines without an emulated page zoom: CSS zoom on the root (the layout sees a narrower or
    // wider page, as with the browser's zoom).
    zoom(r) {
      const z = pick(['', '0.5', '0.67', '0.8', '1.25', '1.5', '2', ''], r[0]);
      h.style.zoom = z;
      return `zoom ${z || 'reset'}`;
    },
    async pause(r) {
      const ms = Math.round(200 + r[0] * 700);
      await wait(ms);
      return `pause ${ms} ms`;
    },
  };
  (async () => {
    const did = [];
    window.__monkeyInBatch = true;
    for (const a of batch) {
      try {
        did.push(await act[a.kind](a.r));
      } catch (e) {
        did.push(`${a.kind}: the monkey's own script threw ${e}`);
      }
      await (a.wait ? wait(a.wait) : frame());
    }
    const M = window.__monkey;
    window.__monkeyInBatch = false;
    done({
      did,
      errors: M ? M.errors.slice() : ['no probe in this page'],
      app: h.dataset.app || null,
      live: h.dataset.live === undefined ? null : Number(h.dataset.live),
      href: location.href,
    });
  })();
}

/** Runs in the page: focuses what keys will go to (the stage, a control, or nothing). */
function focusForKeys(r, done) {
  const visible = (el) => el.isConnected && !el.closest('[hidden],[inert]') && (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0);
  const focusable = [...document.querySelectorAll('button, a[href], select, summary, input, [tabindex]')].filter(
    (el) => visible(el) && el.tabIndex >= -1 && !el.disabled,
  );
  let el = null;
  if (r[0] < 0.4) el = document.querySelector('.graphic .panel, main.widget .panel, .ev .mk[tabindex="0"]');
  else if (r[0] < 0.85) el = focusable[Math.floor(r[1] * focusable.length)] || null;
  if (el && visible(el)) {
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el = null;
  }
  if (el) el.focus({ preventScroll: r[2] < 0.5 });
  else if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  const a = document.activeElement;
  done(a && a !== document.body ? `${a.tagName.toLowerCase()}${a.className && typeof a.className === 'string' ? `.${a.className.trim().split(/\s+/)[0]}` : ''}` : 'body');
}

/** Runs in the page: a clickable element for a real (WebDriver) click. */
function clickTarget(r, done) {
  const sameDocument = (a) => a.origin === location.origin && a.pathname === location.pathname && a.search === location.search;
  const list = [...document.querySelectorAll('button, summary, input[type=checkbox], a[href], select')].filter(
    (el) =>
      el.isConnected &&
      !el.closest('[hidden],[inert]') &&
      (el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : el.getClientRects().length > 0) &&
      (el.tagName !== 'A' || sameDocument(el)),
  );
  done(list.length ? list[Math.floor(r * list.length)] : null);
}

const KEYS = ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'PageDown', 'PageUp', 'j', 'k', 'Home', 'End', 'Tab', 'Shift+Tab', 'Escape', 'Enter', ' '];

/** How often each action comes, per kind of page. Real input (keys, wheel, resize, history) goes through WebDriver. */
const WEIGHTS = {
  // scripted, batched in one executeScript
  click: 12,
  tool: 8,
  details: 2,
  select: 4,
  hash: 5,
  scroll: 7,
  print: 1.5,
  zoom: 1.5,
  pause: 2,
  // real input and navigation
  keys: 14,
  realClick: 3,
  wheel: 8,
  resize: 9,
  back: 2.5,
  forward: 1.5,
  theme: 1,
  media: 3,
};
// On a host page, outside the frames: what a reader does to the host's page.
const HOST_WEIGHTS = { hash: 8, scroll: 6, pause: 2, print: 1, keys: 5, wheel: 6, resize: 5, back: 2, forward: 1, media: 2 };
// Inside a frame: what a reader does in the widget (the window and the history are the host's).
const FRAME_WEIGHTS = { ...WEIGHTS, resize: 0, back: 0, forward: 0, theme: 0, media: 0, realClick: 0 };
const SCRIPTED = new Set(['click', 'tool', 'details', 'select', 'hash', 'scroll', 'print', 'zoom', 'pause']);

/** Chromium's DevTools protocol through chromedriver, or null where there is none. */
async function cdp(s, cmd, params = {}) {
  if (s.engine !== 'chromium') return null;
  return s.command('POST', '/goog/cdp/execute', { cmd, params });
}

/** Refusals that are the browser's, not the page's: a click on something covered, gone or out of reach. */
function refused(error) {
  return (
    error instanceof WebDriverError &&
    ['element click intercepted', 'element not interactable', 'stale element reference', 'no such element', 'move target out of bounds', 'invalid element state'].includes(error.code)
  );
}

/**
 * One monkey run in a session, on the page at `url` (or a host page with explainer frames: set
 * `frames`). Throws, with the seed, the actions so far and the errors, at the first error the
 * page sees; returns a summary otherwise.
 * @param {import('./webdriver.mjs').Session} s
 * @param {{url: string, seed: number, actions: number, label?: string, frames?: string,
 *   origins?: string[]}} options
 *   frames: CSS selector of explainer iframes in a host page, acted in as well as the host;
 *   origins: the origins that count as the site (others are left with back/forward or a reload).
 */
export async function runMonkey(s, { url, seed, actions, label = url, frames = null, origins = [new URL(url).origin] }) {
  // Each page gets its own sequence from the same seed.
  const r = rng(seed ^ [...label].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
  const engine = s.engine;
  const min = MIN_WIDTH[engine] ?? 320;
  const log = [];
  const started = Date.now();
  const media = { scheme: null, motion: null, print: false, zoom: 1, window: null };
  let wheelWorks = true;
  let inFrame = null; // the frame element we are switched into, or null for the top page
  const stats = { scripted: 0, real: 0, navigations: 0, frames: 0 };
  const timing = {}; // ms per action kind, for tuning
  const timed = (kind, t0) => {
    const t = (timing[kind] ??= { n: 0, ms: 0 });
    t.n++;
    t.ms += Date.now() - t0;
  };

  // Window chrome around the viewport, measured once: a resize is then one command.
  const chrome = await (async () => {
    const [iw, ih] = await s.exec('return [innerWidth, innerHeight]');
    const rect = await s.command('GET', '/window/rect');
    return { dw: rect.width - iw, dh: rect.height - ih };
  })();

  let done = 0;
  const fail = (why, seen = []) => {
    const tail = log.slice(-25).map((l) => `  ${l}`).join('\n');
    const err = new Error(
      `monkey ${label} [${engine}] seed ${seed}: ${why} after action ${done} of ${actions}\n` +
        `errors:\n${seen.map((e) => `  ${e}`).join('\n') || '  (none)'}\n` +
        `last actions:\n${tail}\n` +
        `replay: MONKEY_SEED=${seed} MONKEY_ACTIONS=${Math.max(1, done)} MONKEY_PAGES=${label} E2E_ENGINES=${engine} node --test --test-concurrency=1 e2e/monkey.test.mjs`,
    );
    err.monkey = { seed, at: done, errors: seen, log };
    return err;
  };

  const onSite = (href) => origins.some((o) => href.startsWith(o));

  /** Fails on anything the probe saw, a page that gave up, or Chromium's SEVERE console lines. */
  const judge = async (seen) => {
    const logs = await s.browserLogs();
    const severe = (logs ?? []).filter((l) => l.level === 'SEVERE').map((l) => `console (browser log): ${l.message}`);
    const errors = [...(seen?.errors ?? []), ...severe];
    if (errors.length) throw fail('the page saw errors', errors);
    if (seen && seen.app === 'failed') throw fail('the app gave up (data-app="failed") with no error seen');
  };

  const readProbe = async () => (await s.exec(`if (!window.__monkey && location.href === 'about:blank') return null; ${READ_PROBE}`)) ?? null;

  /** Back in the top page, and on the site; waits for a page that is loading. */
  const toTop = async () => {
    if (inFrame) {
      await s.switchToParent();
      inFrame = null;
    }
  };

  const settle = async () => {
    await s.waitFor('return document.readyState !== "loading" && !!document.documentElement', 20000).catch(() => {});
    const href = await s.url();
    if (!onSite(href)) {
      log.push(`    (left the site for ${href}: forward)`);
      await s.command('POST', '/forward', {});
      if (!onSite(await s.url())) await s.get(url);
    }
    if (frames) {
      // The host page: loaded; its frames start on their own.
      await s.waitFor('return document.readyState === "complete"', 20000);
      return;
    }
    // The essay may wait for the reader to reach its story before it loads the app (pages/boot.js):
    // the monkey reads on meanwhile, as a reader would, and the app comes when it comes.
    const state = await s
      .waitFor('return document.readyState !== "loading" && (document.documentElement.dataset.app || window.__explainerLazy)', 20000)
      .catch(() => null);
    if (!state) throw fail('the page did not start within 20 s');
  };

  /** Every frame's probe (host pages), read from inside each frame. */
  const judgeFrames = async () => {
    if (!frames) return;
    await toTop();
    const list = await s.findAll(frames);
    for (const f of list) {
      try {
        await s.switchToFrame(f);
      } catch {
        continue;
      }
      const seen = await readProbe().catch(() => null);
      await s.switchToParent();
      if (seen) {
        if (seen.errors.length || seen.app === 'failed') {
          log.push(`    in frame ${seen.href}`);
          await judge(seen);
        }
      }
    }
  };

  const nums = () => [r.next(), r.next(), r.next()];
  const pauseAfter = () => {
    const x = r.next();
    // Mostly quick, as a reader clicking along; now and then long enough for the essay to
    // count the reader as settled (600 ms) and write the address.
    return x < 0.65 ? 0 : x < 0.94 ? r.int(16, 120) : r.int(300, 800);
  };

  await s.get(url);
  await settle();
  await judge(await readProbe());
  if (frames) await judgeFrames();

  let lastFrameSweep = 0;
  while (done < actions) {
    // Where the next actions happen: the page, or (host pages) inside one of the explainer's frames.
    if (frames && !inFrame && r.next() < 0.6) {
      const list = await s.findAll(frames);
      const f = list.length ? list[Math.floor(r.next() * list.length)] : null;
      if (f) {
        try {
          await s.exec('arguments[0].scrollIntoView({block: "nearest"})', f);
          await s.switchToFrame(f);
          const ok = await s.exec('return !!window.__monkey && !!document.documentElement.dataset.app');
          if (ok) {
            inFrame = f;
            stats.frames++;
            log.push(`    (into frame ${await s.exec('return location.pathname + location.search')})`);
          } else await s.switchToParent();
        } catch {
          await toTop();
        }
      }
    } else if (inFrame && r.next() < 0.3) {
      await toTop();
      log.push('    (back to the host page)');
    }

    const weights = !frames ? WEIGHTS : inFrame ? FRAME_WEIGHTS : HOST_WEIGHTS;
    let kind = r.weighted(weights);
    if (kind === 'zoom' && engine === 'chromium') kind = 'media';

    if (SCRIPTED.has(kind)) {
      // A few scripted actions in a row go in one round trip.
      const batch = [{ kind, r: nums(), wait: pauseAfter() }];
      while (batch.length < 4 && done + batch.length < actions) {
        const next = r.weighted(weights);
        if (!SCRIPTED.has(next) || (next === 'zoom' && engine === 'chromium')) break;
        batch.push({ kind: next, r: nums(), wait: pauseAfter() });
      }
      const t0 = Date.now();
      let seen;
      try {
        seen = await s.execAsync(pageActions, batch);
        // (Firefox may answer null for a script whose page went away.)
        if (!seen || !Array.isArray(seen.did)) throw new Error('Document was unloaded (no answer)');
      } catch (error) {
        // A history navigation the driver reported done may still be unloading the page (seen in
        // Firefox): the batch is lost with that page; go on in the new one.
        // Chromium answers "script timeout" at once when the document went away under the
        // script (a link to the page's own address without its fragment loads it anew): the
        // batch's mark is gone with that document.
        const gone = /script timeout/.test(error.message) && (await s.exec('return !window.__monkeyInBatch').catch(() => false));
        if (!gone && !/Document was unloaded|Callback was not called before the unload event/.test(error.message)) {
          // Where the page is now, for the report (the batch's own record is lost with it).
          const now = await s.exec('return [location.href, document.readyState, document.documentElement.dataset.app, document.activeElement && document.activeElement.outerHTML.slice(0, 120)]').catch((e) => e.message);
          throw fail(`the driver failed on a batch of ${batch.map((b) => b.kind).join(', ')}: ${error.message} (the page now: ${JSON.stringify(now)})`);
        }
        log.push(`    (the page went away under a batch of ${batch.length}: ${error.message.replace(/^.*: /, '')})`);
        done += batch.length;
        await settle();
        log.push(`    (now at ${(await s.url()).replace(/^[a-z]+:\/\/[^/]+/, '')})`);
        await judge(await readProbe());
        continue;
      }
      for (const d of seen.did) log.push(`${++done}. ${d}`);
      stats.scripted += batch.length;
      await judge(seen);
      timed('scripted batch', t0);
      continue;
    }

    done++;
    stats.real++;
    let what = kind;
    const t0 = Date.now();
    try {
      switch (kind) {
        case 'keys': {
          const focused = await s.execAsync(focusForKeys, nums());
          const keys = Array.from({ length: r.int(1, 3) }, () => r.pick(KEYS));
          what = `keys ${keys.map((k) => (k === ' ' ? 'Space' : k)).join(' ')} (focus: ${focused})`;
          log.push(`${done}. ${what}`);
          await s.keys(...keys);
          break;
        }
        case 'realClick': {
          const el = await s.execAsync(clickTarget, r.next());
          if (!el) {
            log.push(`${done}. real click: nothing to click`);
            break;
          }
          const desc = await s.exec('const e = arguments[0]; return e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\\s+/)[0] : "") + " " + (e.getAttribute("aria-label") || e.textContent.trim().slice(0, 30))', el);
          log.push(`${done}. real click ${desc}`);
          try {
            await el.click();
          } catch (error) {
            if (!refused(error)) throw error;
            log.push(`    (refused: ${error.code})`);
          }
          break;
        }
        case 'wheel': {
          const dims = await s.exec('return [innerWidth, innerHeight]');
          if (!Array.isArray(dims)) throw new Error('Document was unloaded (no viewport)');
          const [vw, vh] = dims;
          const x = r.int(0, vw - 1);
          const y = r.int(0, vh - 1);
          const dy = r.pick([-1, 1, 1]) * r.int(60, 1600);
          const dx = r.next() < 0.15 ? r.int(-300, 300) : 0;
          log.push(`${done}. wheel ${dx},${dy} at ${x},${y}`);
          if (wheelWorks) {
            try {
              await s.command('POST', '/actions', { actions: [{ type: 'wheel', id: 'wheel', actions: [{ type: 'scroll', x, y, deltaX: dx, deltaY: dy, origin: 'viewport' }] }] });
              break;
            } catch (error) {
              if (!(error instanceof WebDriverError)) throw error;
              if (error.code === 'move target out of bounds') log.push('    (out of reach: scrolling by script)');
              else {
                wheelWorks = false;
                log.push(`    (no wheel input in this driver: ${error.code}; scrolling by script)`);
              }
            }
          }
          await s.exec('scrollBy(arguments[0], arguments[1])', dx, dy);
          break;
        }
        case 'resize': {
          const x = r.next();
          const widths = [320, 360, 419, 420, 560, 599, 600, 768, 899, 900, 1024, 1280, 1440, 1920];
          const w = Math.max(min, x < 0.3 ? min : x < 0.65 ? r.int(min, MAX_WIDTH) : r.pick(widths));
          const h = r.pick([480, 560, 640, 720, 800, 900, 1080, r.int(420, 1200)]);
          log.push(`${done}. resize to ${w}x${h}`);
          if (media.zoom !== 1) {
            await cdp(s, 'Emulation.clearDeviceMetricsOverride');
            media.zoom = 1;
          }
          await s.setWindowSize(w + chrome.dw, h + chrome.dh);
          break;
        }
        case 'back':
        case 'forward': {
          await judge(await readProbe()); // what the page saw before it may go away
          log.push(`${done}. ${kind}`);
          // Drivers may answer before a navigation to another document has begun: mark this
          // document, then wait for the address or the document to change.
          const before = await s.exec('window.__monkeyDoc = Math.random(); return [location.href, window.__monkeyDoc]');
          if (frames && engine === 'webkit') {
            // WebKitWebDriver waits for a load that never comes when the entry it goes to is a
            // frame's fragment: the page's own history, then.
            await s.exec(`history.${kind}()`);
            log.push('    (history by script: WebKitWebDriver hangs on frames’ entries)');
          } else await s.command('POST', `/${kind}`, {});
          await s
            .waitFor(() => s.exec('return location.href !== arguments[0] || window.__monkeyDoc !== arguments[1]', ...before).catch(() => false), 500, 25)
            .catch(() => log.push('    (nowhere to go)'));
          await sleep(150); // a new document's load may start just after the address changed
          stats.navigations++;
          await settle();
          log.push(`    (now at ${(await s.url()).replace(/^[a-z]+:\/\/[^/]+/, '')})`);
          break;
        }
        case 'theme': {
          await judge(await readProbe());
          const here = new URL(await s.url());
          const theme = r.pick(['dark', 'light', 'auto', 'dark', 'neon']);
          here.searchParams.set('theme', theme);
          log.push(`${done}. open ${here.pathname}${here.search}${here.hash}`);
          await s.get(here.href);
          stats.navigations++;
          await settle();
          break;
        }
        case 'media': {
          if (engine !== 'chromium') {
            // No emulation in these drivers: the print events, and the zoom.
            const seen = await s.execAsync(pageActions, [{ kind: r.next() < 0.5 ? 'print' : 'zoom', r: nums(), wait: 0 }]);
            if (!seen || !Array.isArray(seen.did)) throw new Error('Document was unloaded (no answer)');
            log.push(`${done}. ${seen.did[0]}`);
            await judge(seen);
            break;
          }
          const which = r.pick(['scheme', 'motion', 'print', 'zoom']);
          if (which === 'zoom') {
            // As the browser's zoom does: fewer, larger CSS pixels in the same window.
            const z = r.pick([0.5, 0.67, 0.8, 1.25, 1.5, 2, 1]);
            if (media.zoom === 1) media.window = await s.exec('return [innerWidth, innerHeight]');
            const [vw, vh] = media.window;
            log.push(`${done}. zoom ${z * 100}% (device metrics)`);
            if (z === 1) await cdp(s, 'Emulation.clearDeviceMetricsOverride');
            else await cdp(s, 'Emulation.setDeviceMetricsOverride', { width: Math.round(vw / z), height: Math.round(vh / z), deviceScaleFactor: z, mobile: false });
            media.zoom = z;
            break;
          }
          if (which === 'scheme') media.scheme = r.pick(['dark', 'light', null]);
          if (which === 'motion') media.motion = r.pick(['reduce', 'no-preference', null]);
          if (which === 'print') media.print = !media.print;
          const features = [];
          if (media.scheme) features.push({ name: 'prefers-color-scheme', value: media.scheme });
          if (media.motion) features.push({ name: 'prefers-reduced-motion', value: media.motion });
          log.push(`${done}. emulate media ${media.print ? 'print' : 'screen'}${features.map((f) => `, ${f.name}: ${f.value}`).join('')}`);
          await cdp(s, 'Emulation.setEmulatedMedia', { media: media.print ? 'print' : '', features });
          if (which === 'print') await s.exec(`dispatchEvent(new Event(${JSON.stringify(media.print ? 'beforeprint' : 'afterprint')}))`);
          break;
        }
        default:
          throw new Error(`unknown action ${kind}`);
      }
    } catch (error) {
      if (error.monkey) throw error;
      // The same (Firefox): a page still going away after a history step.
      if (!/Document was unloaded|Callback was not called before the unload event/.test(error.message)) throw fail(`the driver failed on "${what}": ${error.message}`, []);
      log.push(`    (the page went away: ${error.message.replace(/^.*: /, '')})`);
      await settle();
    }
    await sleep(r.next() < 0.75 ? 0 : r.int(16, 250));
    await judge(await readProbe());
    timed(kind, t0);

    if (frames && done - lastFrameSweep >= 25) {
      lastFrameSweep = done;
      const was = inFrame;
      await judgeFrames();
      if (was) log.push('    (back to the host page)');
    }
  }
  await toTop();
  await judge(await readProbe());
  await judgeFrames();
  // Printing emulation and zoom off again, for whatever runs next in this session.
  if (engine === 'chromium') {
    await cdp(s, 'Emulation.setEmulatedMedia', { media: '', features: [] });
    await cdp(s, 'Emulation.clearDeviceMetricsOverride');
  }
  return { seed, actions: done, ms: Date.now() - started, ...stats, log, timing };
}
