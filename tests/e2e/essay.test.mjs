// The spine: the essay's scroll-driven stage, against the release build, in every engine of
// E2E_ENGINES. Loading, following the scroll, the address, fragments, sizes, the stepper and its
// keys, reading modes (reduced motion, plain, print), the live region and access.
// The stage's legibility at every step is stage.test.mjs; the pages before and without their
// script are drawn.test.mjs.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { inspect, report } from './lib/measure.mjs';
import { MIN_WIDTH } from './lib/monkey.mjs';
import {
  ARTIFACTS,
  TRACKER,
  activeStep,
  afterFrames,
  expectStage,
  expectedScenes,
  loadContent,
  moving,
  quiet,
  ready,
  reload,
  scrollStepTo,
  serveDist,
  settleOn,
  settled,
  stageState,
  stills,
  waitStep,
} from './lib/site.mjs';

const content = loadContent();
const N = content.steps.length;
const firstOf = (chapter) => content.steps.findIndex((st) => st.chapter === chapter.id);

for (const engine of engines()) {
  describe(`essay [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let root;
    before(async () => {
      // (With the tracker: a test may wait until nothing is booked. See site.mjs quiet().)
      site = await serveDist({ inject: TRACKER });
      root = await serveDist({ base: '/', inject: TRACKER });
    });
    after(async () => {
      await site?.close();
      await root?.close();
    });

    it('loads from a sub-path and from /, all from its own origin, without errors, at its opening picture', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      for (const server of [site, root]) {
        await s.get(server.url);
        await ready(s);
        const foreign = await s.exec(
          `return performance.getEntriesByType('resource').map((e) => e.name).filter((u) => new URL(u).origin !== location.origin)`,
        );
        assert.deepEqual(foreign, [], 'no request leaves the origin');
        const state = await stageState(s);
        assert.equal(state.step, -1, 'above the first step nothing is active');
        assert.equal(state.view, content.steps[0].graphic.view, 'the stage opens on the first step’s instrument');
        assert.deepEqual(state.shown, [state.view], 'and shows it');
        assert.equal(state.insts.timeline.scene, 'overview', 'the timeline opens on its overview');
        assert.ok(!server.log.some((e) => e.status >= 400), `every request answered: ${JSON.stringify(server.log.filter((e) => e.status >= 400))}`);
      }
      const logs = await s.browserLogs();
      if (logs) assert.deepEqual(logs.filter((l) => l.level === 'SEVERE'), [], 'no console errors');
      await s.screenshot(join(ARTIFACTS, `${engine}-desktop-top.png`));
    });

    it('follows a slow scroll through every step, down and up: instrument, scene and what is lit', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      const openings = (await stageState(s)).insts;
      const opening = Object.fromEntries(Object.entries(openings).map(([k, v]) => [k, v.scene]));
      for (const order of [[...Array(N).keys()], [...Array(N).keys()].reverse()]) {
        for (const i of order) {
          // Three places in the step: just past the trigger line, its middle, its end.
          for (const where of ['top', 'middle', 'end']) {
            await s.exec(
              `const el = document.querySelectorAll('.steps .step')[arguments[0]];
               const r = el.getBoundingClientRect(), line = innerHeight * 0.55;
               const y = arguments[1] === 'top' ? r.top - line + 8 : arguments[1] === 'middle' ? r.top + r.height / 2 - line : r.bottom - line - 8;
               scrollBy({ top: y, behavior: 'instant' });`,
              i,
              where,
            );
            await waitStep(s, i);
          }
          await expectStage(s, content, i, 'slow scroll');
          // Instruments off stage keep the scene the story left them at.
          const scenes = expectedScenes(content, i, opening);
          const now = (await stageState(s)).insts;
          for (const [inst, scene] of Object.entries(scenes)) {
            if (now[inst]) assert.equal(now[inst].scene, scene, `step ${i}: the ${inst} holds ${scene}`);
          }
        }
      }
    });

    it('lands on the right step after fast jumps in any order, and clears the address above the first', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      for (const i of [N - 1, 0, 11, 3, 15, 7, N - 2, 1]) {
        await scrollStepTo(s, i, 0.3);
        await waitStep(s, i);
        await expectStage(s, content, i, 'fast jump');
      }
      await s.exec('scrollTo({ top: 0, behavior: "instant" })');
      await waitStep(s, -1);
      await s.waitFor('return location.hash === ""', 3000);
    });

    it('keeps the address on the settled step with replaceState, without history entries', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      const before = await s.exec('return history.length');
      for (const i of [2, 5, 9, N - 1]) {
        await settleOn(s, i);
        await s.waitFor(`return location.hash === '#${content.steps[i].id}'`, 3000);
      }
      assert.equal(await s.exec('return history.length'), before, 'no history entries');
      assert.equal(await s.exec('return location.pathname'), new URL(site.url).pathname, 'the path is kept');
    });

    it('opens each step’s fragment straight at that step, and a chapter’s at its first step', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      for (const [i, step] of content.steps.entries()) {
        await s.get('about:blank'); // a new page each time, not a jump within the last one
        await s.get(`${site.url}#${step.id}`);
        await ready(s);
        await waitStep(s, i, 8000);
        await expectStage(s, content, i, `#${step.id}`);
      }
      for (const ch of [content.essay.chapter[1], content.essay.chapter.at(-1)]) {
        await s.get('about:blank');
        await s.get(`${site.url}#${ch.id}`);
        await ready(s);
        await waitStep(s, firstOf(ch), 8000);
      }
    });

    it('follows a link in the contents to a chapter: its first step on stage, its heading in view, on a phone and a desktop', async () => {
      for (const [w, h] of [[375, 740], [1280, 800]]) {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        await s.get(site.url);
        await ready(s);
        for (const ch of [content.essay.chapter[2], content.essay.chapter[1], content.essay.chapter.at(-1)]) {
          await s.exec('document.querySelector(`.toc a[href="#${arguments[0]}"]`).click()', ch.id);
          await waitStep(s, firstOf(ch), 5000);
          await expectStage(s, content, firstOf(ch), `${w}px, contents → #${ch.id}`);
          // The heading is on screen and not under the pinned picture.
          const [top, bottom, covered] = await s.exec(
            `const r = document.getElementById(arguments[0] + '-h').getBoundingClientRect();
             const g = document.querySelector('.graphic').getBoundingClientRect();
             const beside = g.left >= r.right || g.right <= r.left;
             return [r.top, r.bottom, !beside && r.top < g.bottom];`,
            ch.id,
          );
          assert.ok(top >= 0 && bottom <= h && !covered, `${w}px, #${ch.id}: heading at ${Math.round(top)}–${Math.round(bottom)} px, ${covered ? 'under the picture' : 'in view'}`);
        }
      }
    });

    it('survives a reload in mid-page, a resize and an unknown fragment', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      await settleOn(s, 6);
      await reload(s);
      await ready(s);
      await waitStep(s, 6, 8000);
      await expectStage(s, content, 6, 'after a reload');
      // To the phone layout, as on an orientation change (as narrow as the engine's window goes).
      const phone = Math.max(390, MIN_WIDTH[engine]);
      await s.setViewportSize(phone, 800);
      // Once the page has had the resize and done what it booked for it:
      // (the resize event comes with the next rendering update, before its frame callbacks)
      await s.waitFor(`return innerWidth === ${phone}`, 5000);
      await afterFrames(s);
      await quiet(s);
      assert.equal(await activeStep(s), 6, 'after resizing to a phone the reader is still at step 6');
      await expectStage(s, content, 6, 'after a resize');
      await s.setViewportSize(1280, 800);
      await s.get(`${site.url}?fresh=1#no-such-step`);
      await ready(s);
      const notice = await s.exec('return document.querySelector(".graphic .notice")?.textContent ?? ""');
      assert.match(notice, /no step called “no-such-step”/);
      assert.equal(await activeStep(s), -1, 'the essay opens at the start');
      await s.get(`${site.url}?fresh=2#%3Cimg%20src=x%3E`);
      await ready(s);
      assert.equal(await s.exec('return document.querySelectorAll("img:not(picture.still > img), [src=x]").length'), 0, 'nothing from the address is rendered as markup');
    });

    it('works from 320 to 2560 px wide and at 200 % zoom, without sideways scrolling', async () => {
      // 640 × 400 is what a 1280 × 800 window shows at 200 % zoom, and 640 × 500 a 1280 × 1000 one.
      for (const [w, h] of [[320, 640], [375, 740], [640, 500], [768, 1024], [1280, 800], [2560, 1440]]) {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        await s.get(site.url);
        await ready(s);
        for (const i of [0, 9, N - 1]) {
          await settleOn(s, i);
          await expectStage(s, content, i, `${w}×${h}`);
        }
        // Firefox's windows are at least 500 px wide and WebKitGTK's about 450: those engines are
        // tested at their narrowest.
        const [overflow, actual] = await s.exec('return [document.documentElement.scrollWidth - document.documentElement.clientWidth, innerWidth]');
        assert.ok(overflow <= 0, `${actual}px (asked ${w}px): the page scrolls sideways by ${overflow}px`);
      }
    });

    it('under 480 px tall (a phone on its side, 200 % zoom) is the plain article with a still in each step', async () => {
      for (const [w, h] of [[640, 400], [900, 470]]) {
        const s = await browser.session({ width: w, height: h });
        await s.get(site.url);
        await ready(s);
        const got = await s.exec(`return {
          graphic: getComputedStyle(document.querySelector('.graphic')).display,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          h: innerHeight }`);
        assert.equal(got.graphic, 'none', `${w}×${got.h}: no pinned graphic`);
        assert.deepEqual((await stills(s)).filter((x) => !x.shown).map((x) => x.id), [], `${w}×${got.h}: a still with its drawing in every step`);
        assert.ok(got.overflow <= 0, `${w}×${got.h}: sideways scroll of ${got.overflow}px`);
        const look = await inspect(s, '.steps');
        assert.equal(report(look), '', `${w}×${got.h}: the stills’ labels`);
      }
    });

    it('steps with the buttons, and with keys only when focus is in the stage', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      // Clicked from script: a WebDriver click would first scroll the (sticky, not yet pinned)
      // panel into view, which by itself moves the reader to the first step.
      const click = async (go) => s.exec('arguments[0].click()', await s.find(`.graphic .step-btn[data-go="${go}"]`));
      await click('next');
      await waitStep(s, 0);
      await click('next');
      await waitStep(s, 1);
      await expectStage(s, content, 1, 'next');
      await click('prev');
      await waitStep(s, 0);
      const count = await s.exec('return document.querySelector(".graphic .step-count").textContent.replace(/\\s+/g, " ").trim()');
      assert.equal(count, `1 / ${N}`);
      assert.equal(await s.exec('return document.querySelector(".graphic .step-btn[data-go=prev]").getAttribute("aria-disabled")'), 'true', 'no previous step at the first');
      // Keys with focus outside the stage do nothing.
      await s.exec('document.activeElement.blur(); document.body.focus()');
      await s.keys('j', 'ArrowDown');
      // (A key the stage took would have moved it by the next frames, and booked its settle timer.)
      await afterFrames(s);
      await quiet(s);
      assert.equal(await activeStep(s), 0);
      // With focus in the panel, keys step.
      await s.exec('document.querySelector(".graphic .panel").focus()');
      await s.keys('ArrowDown');
      await waitStep(s, 1);
      await s.keys('j');
      await waitStep(s, 2);
      await s.keys('k');
      await waitStep(s, 1);
      await s.keys('End');
      await waitStep(s, N - 1);
      assert.equal(await s.exec('return document.querySelector(".graphic .step-btn[data-go=next]").getAttribute("aria-disabled")'), 'true', 'no next step at the last');
      await s.keys('Home');
      await waitStep(s, 0);
      // The chapter list jumps, and follows.
      const ch = content.essay.chapter[4];
      await s.exec(`const sel = document.querySelector('.graphic .chapter-pick select');
        sel.value = String(arguments[0]); sel.dispatchEvent(new Event('change', { bubbles: true }));`, firstOf(ch));
      await waitStep(s, firstOf(ch));
      await expectStage(s, content, firstOf(ch), 'chapter list');
      const sel = await s.exec('return document.querySelector(".graphic .chapter-pick select").value');
      assert.equal(sel, String(firstOf(ch)));
    });

    it('honours reduced motion, from the system and from the switch: every change is instant', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      assert.equal(await s.exec('return document.documentElement.dataset.motion'), 'reduce');
      assert.equal(await s.exec('return document.querySelector("[data-tool=motion]").getAttribute("aria-pressed")'), 'true');
      await settleOn(s, 4);
      assert.deepEqual(await moving(s, '.graphic'), [], 'nothing in the stage moves (system setting)');
      // The stepper jumps rather than glides.
      const y0 = await s.exec('return scrollY');
      await s.exec('document.querySelector(".graphic .step-btn[data-go=next]").click()');
      const y1 = await s.exec('return new Promise((r) => requestAnimationFrame(() => r(scrollY)))');
      assert.ok(y1 - y0 > 100, `the stepper scrolled at once (${y0} → ${y1})`);

      const s2 = await browser.session({ width: 1280, height: 800 });
      await s2.get(site.url);
      await ready(s2);
      assert.equal(await s2.exec('return document.documentElement.dataset.motion'), 'full');
      await settleOn(s2, 4);
      assert.ok((await moving(s2, '.graphic')).length > 0, 'with motion, the stage has transitions (the check below is not empty)');
      await (await s2.find('[data-tool=motion]')).click();
      assert.equal(await s2.exec('return document.documentElement.dataset.motion'), 'reduce');
      assert.deepEqual(await moving(s2, '.graphic'), [], 'nothing in the stage moves (the switch)');
      assert.deepEqual(await moving(s2, '.steps'), [], 'nothing in the text moves');
    });

    it('reads without scroll effects: the plain article with a still in each step, and back', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      await settleOn(s, 8);
      const live = await quiet(s);
      // Clicked from script: a WebDriver click would first scroll up to the switch.
      await s.exec('document.querySelector("[data-tool=plain]").click()');
      assert.equal(await s.exec('return document.documentElement.dataset.mode'), 'plain');
      const got = await s.exec(`return {
        graphic: getComputedStyle(document.querySelector('.graphic')).display,
        near: [...document.querySelectorAll('.steps .step')].findIndex((el) => el.getBoundingClientRect().bottom > 0) }`);
      assert.equal(got.graphic, 'none', 'no pinned graphic');
      const all = await stills(s);
      assert.deepEqual(all.filter((x) => !x.shown).map((x) => x.id), [], 'a still with its drawing in every step');
      assert.deepEqual(all.filter((x) => x.alt !== x.summary).map((x) => x.id), [], 'the stills’ text alternatives are the steps’ summaries, read out');
      assert.ok(Math.abs(got.near - 8) <= 1, `the reader stays at the step they were reading (${got.near})`);
      const look = await inspect(s, '.steps');
      assert.equal(report(look), '', 'the stills’ labels');
      await s.screenshot(join(ARTIFACTS, `${engine}-plain.png`));
      // And back: the stage is built anew, and nothing of the old one is left running.
      await (await s.find('[data-tool=plain]')).click();
      await s.waitFor('return getComputedStyle(document.querySelector(".graphic")).display !== "none"', 3000);
      const step = await activeStep(s);
      assert.ok(step >= 0, 'the stage follows the scroll again');
      await expectStage(s, content, step, 'back from plain reading');
      for (let k = 0; k < 2; k++) {
        await (await s.find('[data-tool=plain]')).click();
        await (await s.find('[data-tool=plain]')).click();
      }
      // Read with nothing booked (the stage books its settle timer whenever it is built).
      assert.deepEqual(await quiet(s), live, 'as many listeners, frames, timers and objects alive as before');
    });

    it('prints the plain article with a still in every step', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(site.url);
      await ready(s);
      await settleOn(s, 3);
      // WebDriver cannot switch a page to print media in every engine: the page's own print
      // rules are applied to the screen instead, which is what the browser lays out for paper.
      const got = await s.exec(`
        const rules = [];
        for (const sheet of document.styleSheets) for (const r of sheet.cssRules)
          if (r instanceof CSSMediaRule && /\\bprint\\b/.test(r.media.mediaText)) rules.push(...[...r.cssRules].map((x) => x.cssText));
        const style = document.createElement('style');
        style.textContent = rules.join('\\n');
        document.head.append(style);
        return {
          rules: rules.length,
          graphic: getComputedStyle(document.querySelector('.graphic')).display,
          tools: [...document.querySelectorAll('.reader-tools, .toc, .whatif-try')].filter((e) => getComputedStyle(e).display !== 'none').length };`);
      assert.ok(got.rules > 0, 'the page has print rules');
      assert.equal(got.graphic, 'none', 'no pinned graphic on paper');
      assert.deepEqual((await stills(s)).filter((x) => !x.shown).map((x) => x.id), [], 'a still in every step');
      assert.equal(got.tools, 0, 'no controls on paper');
    });

    it('announces each settled step once, politely, in one live region', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      // Every live region of the page is listened to.
      await s.exec(`window.__said = [];
        for (const live of document.querySelectorAll('[aria-live], [role=status], [role=alert]'))
          new MutationObserver(() => { const t = live.textContent.trim(); if (t) window.__said.push(t); })
            .observe(live, { childList: true, characterData: true, subtree: true });`);
      const said = () => s.exec('return window.__said');
      /** Waits until step i has been announced (the reader settled on it). */
      const announced = (i) => s.waitFor(`return window.__said.includes(${JSON.stringify(content.steps[i].summary)})`, 5000);
      await settleOn(s, 2);
      await announced(2);
      await settleOn(s, 3);
      await announced(3);
      // Passing through steps without stopping says nothing about them: each is the active step
      // for a frame or two (the page's own clock: a busy machine slows the frames and the
      // settle timer alike), far less than the time a reader must stay to have settled.
      const passed = await s.execAsync(`const [from, to, done] = arguments;
        const steps = document.querySelectorAll('.steps .step'), panel = document.querySelector('.graphic .panel');
        const seen = [];
        const go = (i) => {
          if (i > to) return done(seen);
          const r = steps[i].getBoundingClientRect();
          scrollBy({ top: r.top - innerHeight * 0.45, behavior: 'instant' });
          const wait = (k) => requestAnimationFrame(() => (Number(panel.dataset.step) === i || k > 20 ? (seen.push(Number(panel.dataset.step)), go(i + 1)) : wait(k + 1)));
          wait(0);
        };
        go(from);`, 4, 7);
      assert.deepEqual(passed, [4, 5, 6, 7], 'the stage followed each step passed through');
      await settleOn(s, 8);
      await announced(8);
      await settleOn(s, 8); // a small scroll within the step says nothing new
      await quiet(s); // (any settle timer has fired)
      assert.deepEqual(await said(), [2, 3, 8].map((i) => content.steps[i].summary), 'each settled step’s summary, once');
      assert.equal(await s.exec('return document.querySelectorAll(".graphic [aria-live]").length'), 1, 'one live region speaks for the stage');
      assert.equal(await s.exec('return document.querySelector(".graphic [aria-live]").getAttribute("aria-live")'), 'polite');
      // A what-if at the last diagram step is said once too.
      const dg = content.steps.findLastIndex((st) => st.graphic.view === 'diagram');
      await settleOn(s, dg);
      await announced(dg);
      await quiet(s);
      await s.exec('window.__said = []; document.querySelector(".whatif-try [data-toggle]").click()');
      await s.waitFor('return window.__said.length > 0', 5000);
      await quiet(s);
      const whatif = await said();
      assert.equal(whatif.length, 1, `a what-if is said once: ${JSON.stringify(whatif)}`);
      assert.match(whatif[0], /^Thought experiment/);
      const hidden = await s.exec('return [".tl-ctx", ".lanes", ".layer", ".dg-tug", ".dg-courses"].every((c) => [...document.querySelectorAll(".graphic " + c)].every((e) => e.closest("[aria-hidden=true]")))');
      assert.ok(hidden, 'the drawing’s decoration is hidden from assistive technology');
    });

    it('passes axe-core: light and dark, desktop and phone, and in plain reading', async () => {
      // A timeline step and a diagram step in each; the top and plain reading once.
      const tl = content.steps.findIndex((st) => st.graphic.view === 'timeline' && st.graphic.highlight.length > 2);
      const dg = content.steps.findLastIndex((st) => st.graphic.view === 'diagram');
      for (const [w, h, theme] of [[1280, 800, 'light'], [1280, 800, 'dark'], [375, 740, 'light']]) {
        const s = await browser.session({ width: w, height: h });
        await s.get(`${site.url}?theme=${theme}`);
        await ready(s);
        let v;
        if (w > 1000 && theme === 'light') {
          v = await runAxe(s);
          assert.deepEqual(v, [], `${w}px ${theme}, top: ${formatViolations(v)}`);
        }
        for (const i of [tl, dg]) {
          await settleOn(s, i);
          await settled(s);
          v = await runAxe(s);
          assert.deepEqual(v, [], `${w}px ${theme}, step ${i}: ${formatViolations(v)}`);
        }
        if (w < 500) await s.screenshot(join(ARTIFACTS, `${engine}-phone-${theme}.png`));
        if (theme === 'light' && w > 1000) {
          await s.exec('scrollTo(0, 0)');
          await (await s.find('[data-tool=plain]')).click();
          await settled(s);
          v = await runAxe(s);
          assert.deepEqual(v, [], `${w}px plain: ${formatViolations(v)}`);
        }
      }
    });
  });
}
