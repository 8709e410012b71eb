// Graceful failure: when the app cannot start (its wasm answers 404 or arrives broken, its JS
// glue is missing) or panics (at start, or later, in an event handler: a trap), every page stays
// readable. The essay is the plain article with a still in every step, as without scripting;
// widget pages show their drawing and their text; nothing is half-mounted or hidden, and no
// control that needs the app is left showing. And a debug build names its panics.
//
// Builds: dist/ (release), target/dist-panic/ (release with the `panic-probe` feature) and
// target/dist-debug/ (a debug build of the timeline page with it), made by scripts/test.sh.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { READ_PROBE, catalog, reachApp, serveProbed } from './lib/monkey.mjs';
import { REPO, afterFrames } from './lib/site.mjs';

const DIST = join(REPO, 'dist');
const PANIC = join(REPO, 'target', 'dist-panic');
const DEBUG = join(REPO, 'target', 'dist-debug');
const PAGES = catalog(DIST);
const BASE = '/explainer/';

/** A page's own files (its wasm and JS glue) in a build. */
function files(dist, dir) {
  const all = readdirSync(join(dist, dir));
  return { wasm: all.find((f) => f.endsWith('_bg.wasm')), js: all.find((f) => f.endsWith('.js') && f !== 'embed.js') };
}

/** Routes that break every page's wasm (or JS glue) the given way. */
function breaking(dist, how) {
  const routes = {};
  for (const p of PAGES) {
    const f = files(dist, p.dir);
    if (how === 'wasm-404') routes[`${BASE}${p.dir}${f.wasm}`] = { status: 404, type: 'text/plain', body: 'not found\n' };
    if (how === 'wasm-broken') {
      // A download cut short: half the module.
      const body = readFileSync(join(dist, p.dir, f.wasm));
      routes[`${BASE}${p.dir}${f.wasm}`] = { type: 'application/wasm', body: body.subarray(0, body.length >> 1) };
    }
    if (how === 'js-404') routes[`${BASE}${p.dir}${f.js}`] = { status: 404, type: 'text/plain', body: 'not found\n' };
  }
  return routes;
}

/** Runs in the page: what a reader sees of it, and what they could try to use. */
function readable() {
  const h = document.documentElement;
  const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && Number(getComputedStyle(el).opacity) > 0;
  const name = (el) => `${el.tagName.toLowerCase()}.${(el.getAttribute('class') || '').trim().split(/\s+/).join('.')}`;
  // Controls that only the app makes work.
  const controls = [...document.querySelectorAll('.stepper, [data-go], .chapter-pick, .embed-code, [data-copy], .chips, .dg-tools, .sw, .reset, .reader-tools, [data-tool], .whatif-try, [data-toggle], .ev-card .close')]
    .filter(shown)
    .map(name);
  const steps = [...document.querySelectorAll('.steps .step')];
  const main = document.querySelector('main');
  const widget = document.querySelector('main.widget');
  const inst = widget && widget.querySelector('.inst');
  return {
    js: h.classList.contains('js'),
    app: h.dataset.app ?? null,
    controls,
    steps: steps.length,
    stepsShown: steps.filter((s) => shown(s) && s.querySelector('p') && shown(s.querySelector('p'))).length,
    // A still is a picture of an SVG file; its box is sized in the markup, before the file.
    stillsShown: steps.filter((s) => shown(s.querySelector('picture.still')) && s.querySelector('picture.still img').getBoundingClientRect().height > 40).length,
    graphicShown: shown(document.querySelector('.graphic')),
    drawing: inst ? { shown: shown(inst), height: Math.round(inst.getBoundingClientRect().height) } : null,
    // (An SVG of shared definitions is hidden on purpose.)
    hidden: [...document.querySelectorAll('main [hidden]')].filter((e) => !e.matches('.ev-card') && !(e instanceof SVGElement)).map(name),
    text: main ? main.innerText.replace(/\s+/g, ' ').trim() : '',
  };
}

/** The readable page: what the checks below expect of every page whatever went wrong. */
function assertReadable(r, label, { baseline = null } = {}) {
  assert.equal(r.js, false, `${label}: the js mark is off`);
  assert.deepEqual(r.controls, [], `${label}: no control that needs the app is showing`);
  assert.deepEqual(r.hidden, [], `${label}: nothing in the page is hidden`);
  if (r.steps) {
    assert.equal(r.stepsShown, r.steps, `${label}: every step's text shows`);
    assert.equal(r.stillsShown, r.steps, `${label}: every step shows its still`);
    assert.equal(r.graphicShown, false, `${label}: no stage`);
  } else {
    assert.ok(r.drawing?.shown && r.drawing.height > 100, `${label}: the widget shows its drawing (${JSON.stringify(r.drawing)})`);
    assert.ok(r.text.length > 300, `${label}: and its text`);
  }
  if (baseline !== null) assert.equal(r.text, baseline, `${label}: the page reads as it does without scripting`);
}

/** What each page of a build reads like without scripting: a fallback must read the same. */
async function withoutScripting(browser, dist) {
  const out = {};
  const site = await serveProbed({ dist });
  try {
    // (The describe's own session: geckodriver allows one at a time.)
    const s = await browser.session({ width: 1280, height: 800, javascript: false });
    for (const p of catalog(dist)) {
      await s.get(`${site.url}${p.dir}`);
      const r = await s.exec(readable);
      assertReadable(r, `${p.name} without scripting`);
      out[p.name] = r.text;
    }
  } finally {
    await site.close();
  }
  return out;
}

for (const engine of engines()) {
  describe(`failure [${engine}]`, () => {
    const browser = useDriver(engine);
    let noScript = {};
    before(async () => (noScript = await withoutScripting(browser, DIST)));

    for (const how of ['wasm-404', 'wasm-broken', 'js-404']) {
      it(`${how}: every page is its plain reading`, async () => {
        const site = await serveProbed({ routes: breaking(DIST, how) });
        try {
          const s = await browser.session({ width: 1280, height: 800 });
          for (const p of how === 'wasm-404' ? PAGES : PAGES.slice(0, 2)) {
            await s.get(`${site.url}${p.dir}`);
            assert.equal(await reachApp(s), 'failed', `${p.name}: the app says it failed`);
            assertReadable(await s.exec(readable), `${p.name}, ${how}`, { baseline: noScript[p.name] });
            const seen = await s.exec(READ_PROBE);
            assert.ok(seen.errors.every((e) => /resource failed|console\.error/.test(e) || how !== 'wasm-404'), seen.errors.join('\n'));
          }
        } finally {
          await site.close();
        }
      });
    }

    describe('a panic in a test build (release, panic-probe)', () => {
      let site, panicNoScript;
      before(async () => {
        assert.ok(existsSync(join(PANIC, 'index.html')), `no panic-probe build at ${PANIC}: scripts/test.sh makes it`);
        site = await serveProbed({ dist: PANIC });
        // (The test build has the original edition only: its own pages are the baseline.)
        panicNoScript = await withoutScripting(browser, PANIC);
      });
      after(() => site?.close());

      it('while starting: every page is its plain reading', async () => {
        const s = await browser.session({ width: 1280, height: 800 });
        for (const p of PAGES) {
          await s.get(`${site.url}${p.dir}?panic-probe=start`);
          assert.equal(await reachApp(s), 'failed', p.name);
          assertReadable(await s.exec(readable), `${p.name}, panic at start`, { baseline: panicNoScript[p.name] });
        }
      });

      it('later, in an event handler (a trap), after the reader used the page: every page falls back to its plain reading', async () => {
        const s = await browser.session({ width: 1280, height: 800 });
        for (const p of PAGES) {
          await s.get(`${site.url}${p.dir}?panic-probe=event`);
          assert.equal(await reachApp(s), 'live', p.name);
          // A reader was here: a step or two, an open event, a switch flipped, the Embed panel.
          await s.exec(() => {
            for (const sel of ['[data-go="next"]', '.chips [data-scene]:nth-child(2)', '.evs .mk:not(.is-out)', '.sw input', '.embed-code summary']) {
              const el = document.querySelector(sel);
              if (el && el.getClientRects().length) el.click();
            }
            scrollBy(0, 900);
          });
          // (what the clicks booked has run: the trap comes after the reader's actions, not among them)
          await afterFrames(s);
          await s.exec('dispatchEvent(new Event("explainer-panic-probe"))');
          await s.waitFor('return document.documentElement.dataset.app === "failed"', 5000);
          const seen = await s.exec(READ_PROBE);
          assert.ok(
            seen.errors.some((e) => /RuntimeError/.test(e) && /unreachable/i.test(e)),
            `${p.name}: the trap reached the window: ${seen.errors.join('\n')}`,
          );
          assertReadable(await s.exec(readable), `${p.name}, panic later`);
        }
      });
    });

    describe('a debug build names its panics', () => {
      let site;
      before(async () => {
        assert.ok(existsSync(join(DEBUG, 'index.html')), `no debug build at ${DEBUG}: scripts/test.sh makes it`);
        site = await serveProbed({ dist: DEBUG });
      });
      after(() => site?.close());

      for (const [when, message] of [
        ['start', 'panic probe: at start'],
        ['event', 'panic probe: on an event'],
      ]) {
        it(`in the console, with its message and where it was (${when})`, async () => {
          const s = await browser.session({ width: 1000, height: 800 });
          await s.get(`${site.url}?panic-probe=${when}`);
          await reachApp(s);
          if (when === 'event') await s.exec('dispatchEvent(new Event("explainer-panic-probe"))');
          await s.waitFor('return document.documentElement.dataset.app === "failed"', 5000);
          const { errors } = await s.exec(READ_PROBE);
          const named = errors.find((e) => e.startsWith('console.error: explainer panicked'));
          assert.ok(named, errors.join('\n'));
          assert.match(named, /panicked at web\/src\/boot\.rs:\d+:\d+:/, 'where');
          assert.ok(named.includes(message), `what: ${named}`);
          const logs = await s.browserLogs();
          if (logs) assert.ok(logs.some((l) => l.level === 'SEVERE' && l.message.includes(message)), 'and in the browser log');
          assertReadable(await s.exec(readable), `debug, panic ${when}`);
        });
      }
    });
  });
}

describe('release builds', () => {
  const wasms = (dist) => PAGES.map((p) => join(dist, p.dir, files(dist, p.dir).wasm));
  it('carry no panic probe and no panic hook (the test builds do)', () => {
    for (const f of wasms(DIST)) {
      const bytes = readFileSync(f);
      assert.equal(bytes.includes('panic probe'), false, f);
      assert.equal(bytes.includes('explainer panicked'), false, f);
    }
    if (existsSync(PANIC)) for (const f of wasms(PANIC)) assert.ok(readFileSync(f).includes('panic probe'), `${f}: the probe build has it`);
  });
});
