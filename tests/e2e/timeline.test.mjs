// The timeline: revealed by the essay's steps, explorable by keyboard and pointer, and alone.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { ARTIFACTS, loadContent, ready, scrollStepTo, serveDist, sleep, waitStep } from './lib/site.mjs';

const content = loadContent();
const events = content.timeline.event;
const firstDay = (d) => d.split('..')[0];

/** The labels on show, as rendered boxes. */
const labelBoxes = (s, root) =>
  s.exec(`return [...document.querySelectorAll('${root} .ev:not(.is-out):not(.is-nolabel) .ev-label')].map((l) => {
    const r = l.getBoundingClientRect(); return { id: l.closest('.ev').dataset.id, l: r.left, r: r.right, t: r.top, b: r.bottom };
  })`);

function assertNoOverlap(boxes, where) {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;
      assert.ok(!overlap, `${where}: labels ${a.id} and ${b.id} overlap`);
    }
}

for (const engine of engines()) {
  describe(`timeline [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => (site = await serveDist()));
    after(async () => site?.close());

    it('each timeline step lights its events and reveals only what the story has reached', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      for (const [i, step] of content.steps.entries()) {
        if (step.graphic.view !== 'timeline') continue;
        await scrollStepTo(s, i, 0.45);
        await waitStep(s, i);
        const state = await s.exec(`return [...document.querySelectorAll('.instrument-timeline .ev')].map((e) => ({
          id: e.dataset.id, lit: e.classList.contains('is-hl'), out: e.classList.contains('is-out') }))`);
        for (const id of step.graphic.highlight) {
          const ev = state.find((e) => e.id === id);
          assert.ok(ev?.lit && !ev.out, `step ${step.id}: ${id} is lit and on show`);
        }
        // Nothing after the furthest date the story has reached is on show.
        const reached = content.steps.slice(0, i + 1).filter((st) => st.graphic.view === 'timeline').map((st) => st.graphic.to).sort().at(-1);
        for (const e of events) {
          const ev = state.find((x) => x.id === e.id);
          if (firstDay(e.date) > reached + '-99') assert.ok(ev.out, `step ${step.id}: ${e.id} (${e.date}) is not revealed yet`);
        }
      }
    });

    it('labels never overlap, on a phone or a wide screen', async () => {
      for (const [w, h] of [[320, 640], [1920, 1000]]) {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        await s.get(`${site.url}?widget=timeline`);
        await ready(s, '.widget');
        const spans = await s.findAll('.spans .chip');
        for (const chip of spans) {
          await chip.click();
          await sleep(100);
          const boxes = await labelBoxes(s, '.widget');
          assert.ok(boxes.length > 0, `${w}px: some labels are on show`);
          assertNoOverlap(boxes, `${w}px, ${await chip.text()}`);
        }
      }
    });

    it('is driven by the keyboard: Tab in, arrows between events, Enter for details, Escape out', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}?widget=timeline`);
      await ready(s, '.widget');
      await s.exec('document.querySelector(".tl-filters .chip:last-child").focus()');
      await s.keys('Tab');
      const focused = () => s.exec('return document.activeElement.closest(".ev")?.dataset.id ?? null');
      const first = await focused();
      assert.ok(first, 'Tab enters the timeline at an event');
      await s.keys('ArrowRight');
      const second = await focused();
      assert.notEqual(second, first, 'ArrowRight moves to the next event');
      await s.keys('ArrowLeft');
      assert.equal(await focused(), first);
      await s.keys('ArrowRight', 'Enter');
      await s.waitFor('return !!document.querySelector(".tl-card .ev-card a.source")', 3000);
      const card = await s.exec('return document.querySelector(".tl-card .ev-card").textContent');
      const ev = events.find((e) => e.id === second);
      assert.ok(card.includes(ev.title), 'the card shows the event');
      const href = await s.exec('return document.querySelector(".tl-card .ev-card a.source").href');
      assert.equal(href, ev.source.url, 'the card links the source');
      assert.equal(await s.exec('return document.activeElement.getAttribute("aria-expanded")'), 'true');
      await s.keys('Escape');
      await s.waitFor('return document.activeElement.getAttribute("aria-expanded") === "false"', 2000);
      assert.equal(await focused(), second, 'focus stays on the event');
      // Keys pressed in the timeline don't scroll the page.
      assert.equal(await s.exec('return scrollY'), 0);
    });

    it('filters by actor', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}?widget=timeline`);
      await ready(s, '.widget');
      const shown = () => s.exec('return [...document.querySelectorAll(".widget .ev:not(.is-out)")].map((e) => e.dataset.id)');
      const all = await shown();
      const chip = await s.find('.tl-filters .chip.actor-prc');
      await chip.click();
      assert.equal(await chip.attr('aria-pressed'), 'false');
      const without = await shown();
      const onlyPrc = events.filter((e) => e.actors.length === 1 && e.actors[0] === 'PRC').map((e) => e.id);
      assert.ok(onlyPrc.length > 0);
      for (const id of onlyPrc) if (all.includes(id)) assert.ok(!without.includes(id), `${id} (PRC only) is filtered out`);
      await chip.click();
      assert.deepEqual(await shown(), all);
    });

    it('opens alone at the event the address names, with its source, and says so when it can’t', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}?widget=timeline&event=inchon-landing`);
      await ready(s, '.widget');
      await s.waitFor('return !!document.querySelector(".tl-card .ev-card")', 3000);
      assert.match(await s.exec('return document.querySelector(".tl-card").textContent'), /Inchon/);
      assert.equal(await s.exec('return getComputedStyle(document.querySelector(".steps")).display'), 'none', 'only the widget shows');
      await s.get(`${site.url}?widget=timeline#event-yalu-crossing`);
      await ready(s, '.widget');
      await s.waitFor('return document.querySelector(".ev.is-sel")?.dataset.id === "yalu-crossing"', 3000);
      await s.get(`${site.url}?widget=timeline&event=atlantis`);
      await ready(s, '.widget');
      assert.match(await s.exec('return document.querySelector(".widget .notice").textContent'), /no event called “atlantis”/);
      await s.screenshot(join(ARTIFACTS, `${engine}-timeline-widget.png`));
    });

    it('is an ordered list of <time> elements and passes axe-core, light and dark', async () => {
      for (const theme of ['light', 'dark']) {
        const s = await browser.session({ width: 1280, height: 900 });
        await s.get(`${site.url}?widget=timeline&theme=${theme}&event=stalin-request`);
        await ready(s, '.widget');
        const times = await s.exec('return document.querySelectorAll(".widget ol.tl-events > li time[datetime]").length');
        assert.equal(times, events.length);
        const v = await runAxe(s);
        assert.deepEqual(v, [], formatViolations(v));
      }
    });
  });
}
