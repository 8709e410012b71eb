// The spine: the essay's scroll-driven steps, against the release build, in every engine of
// E2E_ENGINES. Geometry, fragments, the stepper and its keys, reading modes, and access.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { ARTIFACTS, activeStep, expectedGraphic, graphicState, loadContent, ready, scrollStepTo, serveDist, sleep, waitStep } from './lib/site.mjs';

const content = loadContent();
const N = content.steps.length;

function assertShows(state, content, i, where) {
  const want = expectedGraphic(content, i);
  assert.equal(state.view, want.view, `${where}: step ${i} (${content.steps[i].id}) shows the ${want.view}`);
  if (want.view === 'timeline') assert.deepEqual(state.lit, want.lit, `${where}: lit events at step ${content.steps[i].id}`);
  else assert.equal(state.stage, want.stage, `${where}: diagram stage at step ${content.steps[i].id}`);
}

for (const engine of engines()) {
  describe(`essay [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let root;
    before(async () => {
      site = await serveDist();
      root = await serveDist({ base: '/' });
    });
    after(async () => {
      await site?.close();
      await root?.close();
    });

    it('loads from a sub-path and from /, all from its own origin, without console errors', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      for (const server of [site, root]) {
        await s.get(server.url);
        await ready(s);
        const foreign = await s.exec(
          `return performance.getEntriesByType('resource').map((e) => e.name).filter((u) => new URL(u).origin !== location.origin)`,
        );
        assert.deepEqual(foreign, [], 'no request leaves the origin');
        assert.equal(await activeStep(s), -1, 'above the first step nothing is active');
      }
      const logs = await s.browserLogs();
      if (logs) assert.deepEqual(logs.filter((l) => l.level === 'SEVERE'), [], 'no console errors');
      // Nothing moves when the app takes over (where the engine reports layout shifts).
      const cls = await s.execAsync(`const done = arguments[arguments.length - 1];
        if (!PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) return done(null);
        new PerformanceObserver((l) => done(l.getEntries().reduce((a, e) => a + (e.hadRecentInput ? 0 : e.value), 0)))
          .observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => done(0), 1000);`);
      if (cls !== null) assert.equal(cls, 0, 'cumulative layout shift');
      await s.screenshot(join(ARTIFACTS, `${engine}-desktop-top.png`));
    });

    it('scrolls slowly through every step, down and up, and the graphic follows', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      for (const order of [[...Array(N).keys()], [...Array(N).keys()].reverse()]) {
        for (const i of order) {
          await scrollStepTo(s, i, 0.45); // just past the trigger line at 55 %
          await waitStep(s, i);
          assertShows(await graphicState(s), content, i, 'slow scroll');
        }
      }
      await scrollStepTo(s, 9, 0.45);
      await waitStep(s, 9);
      await s.screenshot(join(ARTIFACTS, `${engine}-desktop-mid.png`));
    });

    it('lands on the right step after fast jumps in any order', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      for (const i of [N - 1, 0, 11, 3, 15, 7, N - 2, 1]) {
        await scrollStepTo(s, i, 0.3);
        await waitStep(s, i);
        assertShows(await graphicState(s), content, i, 'fast jump');
      }
      // Back above the first step: nothing active, fragment cleared.
      await s.exec('scrollTo({ top: 0, behavior: "instant" })');
      await waitStep(s, -1);
      await s.waitFor('return location.hash === ""', 3000);
    });

    it('keeps the address on the active step with replaceState, without history entries', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      const before = await s.exec('return history.length');
      for (const i of [2, 5, 9]) {
        await scrollStepTo(s, i, 0.45);
        await waitStep(s, i);
        await s.waitFor(`return location.hash === '#${content.steps[i].id}'`, 3000);
      }
      assert.equal(await s.exec('return history.length'), before, 'no history spam');
    });

    it('opens each step’s fragment straight at that step', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      for (const [i, step] of content.steps.entries()) {
        await s.get(`${site.url}#${step.id}`);
        await ready(s);
        await waitStep(s, i, 8000);
        assertShows(await graphicState(s), content, i, `#${step.id}`);
      }
      // A chapter's fragment opens its first step.
      const ch = content.essay.chapter[3];
      await s.get(`${site.url}#${ch.id}`);
      await ready(s);
      await waitStep(s, content.steps.findIndex((st) => st.id === ch.step[0].id), 8000);
    });

    it('survives a reload in mid-page, a resize and an unknown fragment', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      await scrollStepTo(s, 6, 0.45);
      await waitStep(s, 6);
      await s.exec('location.reload()');
      await sleep(300);
      await ready(s);
      await waitStep(s, 6, 8000);
      await s.setViewportSize(390, 800); // to the phone layout, as on an orientation change
      await sleep(400);
      const after = await activeStep(s);
      assert.ok(after >= 5 && after <= 7, `after resizing to a phone the reader is still near step 6 (got ${after})`);
      await s.get(`${site.url}?fresh=1#no-such-step`);
      await ready(s);
      const notice = await s.exec('return document.querySelector(".panel .notice")?.textContent ?? ""');
      assert.match(notice, /no step called “no-such-step”/);
      await s.get(`${site.url}?fresh=2#%3Cimg%20src=x%3E`);
      await ready(s);
      assert.equal(await s.exec('return document.querySelectorAll(".panel img").length'), 0, 'nothing from the address is rendered as markup');
    });

    it('works from 320 to 2560 px wide and at 200 % zoom, without sideways scrolling', async () => {
      // 640 × 400 is what a 1280 × 800 window shows at 200 % zoom.
      for (const [w, h] of [[320, 640], [640, 400], [2560, 1440]]) {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        await s.get(site.url);
        await ready(s);
        for (const i of [0, 9, N - 1]) {
          await scrollStepTo(s, i, w < 900 ? 0.6 : 0.45);
          await waitStep(s, i);
        }
        // Some engines' windows have a minimum width (Firefox 500 px, WebKitGTK about 450 px).
        const [overflow, actual] = await s.exec('return [document.documentElement.scrollWidth - innerWidth, innerWidth]');
        assert.ok(overflow <= 0, `${actual}px (asked ${w}px): the page scrolls sideways by ${overflow}px`);
      }
    });

    it('steps with the buttons and with keys only when focus is in the explainer', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      // Clicked from script: a WebDriver click would first scroll the (sticky, not yet visible)
      // panel into view, which by itself moves the reader to the first step.
      const click = async (label) => s.exec('arguments[0].click()', await s.find(`.panel button[aria-label="${label}"]`));
      await click('Next step');
      await waitStep(s, 0);
      await click('Next step');
      await waitStep(s, 1);
      await click('Previous step');
      await waitStep(s, 0);
      assert.match(await s.exec('return document.querySelector(".step-count").textContent'), new RegExp(`Step 1 of ${N}`));
      // "j" with focus outside the explainer's panel does nothing.
      await s.exec('document.activeElement.blur(); document.body.focus()');
      await s.keys('j');
      await sleep(300);
      assert.equal(await activeStep(s), 0);
      // With focus in the panel, keys step.
      await s.exec('document.querySelector(".panel").focus()');
      await s.keys('ArrowDown');
      await waitStep(s, 1);
      await s.keys('End');
      await waitStep(s, N - 1);
      await s.keys('Home');
      await waitStep(s, 0);
      // The chapter list jumps.
      await s.exec(`const sel = document.querySelector('.chapter-pick select');
        sel.value = sel.options[4].value; sel.dispatchEvent(new Event('change', { bubbles: true }));`);
      const first = content.steps.findIndex((st) => st.chapter === content.essay.chapter[4].id);
      await waitStep(s, first);
    });

    it('honours reduced motion, from the system and from the switch', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      const unsupported = s.unsupported ?? [];
      if (!unsupported.some((u) => /reduced/i.test(u))) {
        assert.equal(await s.exec('return document.documentElement.dataset.motion'), 'reduce');
      }
      const s2 = await browser.session({ width: 1280, height: 800 });
      await s2.get(site.url);
      await ready(s2);
      assert.equal(await s2.exec('return document.documentElement.dataset.motion'), 'full');
      await (await s2.find('#reader-tools .switch:nth-child(2)')).click();
      assert.equal(await s2.exec('return document.documentElement.dataset.motion'), 'reduce');
      const dur = await s2.exec('return getComputedStyle(document.querySelector(".instrument")).transitionDuration');
      assert.match(dur, /^0s(, 0s)*$/, `no transitions when motion is reduced (got ${dur})`);
    });

    it('reads without scroll effects: the plain article with a still in each step', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      await (await s.find('#reader-tools .switch')).click();
      assert.equal(await s.exec('return document.documentElement.dataset.mode'), 'plain');
      await s.waitFor(`return document.querySelectorAll('.still-art .tl, .still-art .dg').length === ${N}`, 5000);
      assert.equal(await s.exec('return getComputedStyle(document.querySelector(".graphic")).display'), 'none');
      const hidden = await s.exec('return [...document.querySelectorAll(".still")].filter((f) => f.getAttribute("aria-hidden")).length');
      assert.equal(hidden, 0, 'the step summaries are readable in plain mode');
      await s.screenshot(join(ARTIFACTS, `${engine}-plain.png`));
    });

    it('prints with a still of the graphic in every step', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      assert.equal(await s.exec('return document.querySelectorAll(".still-art .tl, .still-art .dg").length'), 0, 'no stills until asked');
      // What the browser does just before it lays the page out for paper.
      await s.exec('window.dispatchEvent(new Event("beforeprint"))');
      await s.waitFor(`return document.querySelectorAll('.still-art .tl, .still-art .dg').length === ${N}`, 5000);
    });

    it('announces each step’s summary once, politely, and hides the drawing itself', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      await scrollStepTo(s, 4, 0.45);
      await waitStep(s, 4);
      await s.waitFor('return document.querySelector(".panel .live").textContent.length > 0', 3000);
      assert.equal(await s.exec('return document.querySelector(".panel .live").textContent'), content.steps[4].summary);
      assert.equal(await s.exec('return document.querySelectorAll(".panel [aria-live=polite]").length'), 1, 'one polite region speaks for the panel');
      assert.equal(await s.exec('return document.querySelectorAll(".instrument-timeline .era[aria-hidden=true], .instrument-timeline .tl-axis[aria-hidden=true]").length > 0'), true);
    });

    it('has the whole text without JavaScript', async (t) => {
      const s = await browser.session({ width: 1280, height: 800, javascript: false });
      if ((s.unsupported ?? []).some((u) => /javascript/i.test(u))) return t.skip(`${engine}: ${s.unsupported.join('; ')}`);
      await s.get(site.url);
      // WebDriver's own scripts still run with page scripting off.
      const html = await s.exec('return document.body.innerText');
      assert.equal(await s.exec('return document.documentElement.classList.contains("js")'), false, 'the page knows scripting is off');
      for (const step of content.steps) {
        const first = step.text.split(/\s+/).slice(0, 6).join(' ').replace(/\*/g, '');
        assert.ok(html.includes(first), `step ${step.id} is in the page`);
      }
    });

    it('passes axe-core at the top, mid-essay, on a phone and in plain mode', async () => {
      for (const [w, h] of [[1280, 800], [375, 740]]) {
        const s = await browser.session({ width: w, height: h });
        await s.get(site.url);
        await ready(s);
        let v = await runAxe(s);
        assert.deepEqual(v, [], formatViolations(v));
        await scrollStepTo(s, 11, w < 500 ? 0.62 : 0.3);
        await waitStep(s, 11);
        await sleep(500);
        v = await runAxe(s);
        assert.deepEqual(v, [], formatViolations(v));
        if (w < 500) {
          await s.screenshot(join(ARTIFACTS, `${engine}-phone-mid.png`));
          await s.exec('scrollTo(0, 0)');
          await s.screenshot(join(ARTIFACTS, `${engine}-phone-top.png`));
        }
        await (await s.find('#reader-tools .switch')).click();
        await sleep(200);
        v = await runAxe(s);
        assert.deepEqual(v, [], formatViolations(v));
      }
    });
  });
}
