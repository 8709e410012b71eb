// The timeline widget (its own page, timeline/): periods to show, marks to move between by
// keyboard, each event's card (the chronology's own entry, with its source), addresses that open
// an event, and access.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { ARTIFACTS, loadContent, moving, ready, serveDist, settled } from './lib/site.mjs';

const content = loadContent();
const events = content.timeline.event;
const byId = Object.fromEntries(events.map((e) => [e.id, e]));

/** The periods (chips) and which marks each shows, read from the page. */
function periods(s) {
  return s.exec(() => {
    // A mark's place on the axis is its --t (0–1), from the page's stylesheet.
    const marks = [...document.querySelectorAll('.inst-tl .evs .ev')].map((e) => ({ id: e.dataset.id, t: parseFloat(getComputedStyle(e).getPropertyValue('--t')) }));
    return [...document.querySelectorAll('.chips [data-scene]')].map((c) => {
      const [t0, t1] = [parseFloat(c.dataset.t0), parseFloat(c.dataset.t1)];
      return { scene: c.dataset.scene, label: c.textContent, t0, t1, marks: marks.filter((m) => m.t >= t0 - 1e-6 && m.t <= t1 + 1e-6).map((m) => m.id) };
    });
  });
}

/** The state a reader sees: period, pressed chip, focused mark, open card, marks inside the plot. */
function state(s) {
  return s.exec(() => {
    const inst = document.querySelector('.inst-tl');
    const plot = inst.querySelector('.plot').getBoundingClientRect();
    const card = document.querySelector('#ev-card');
    return {
      scene: inst.dataset.scene,
      pressed: [...document.querySelectorAll('.chips [aria-pressed=true]')].map((c) => c.dataset.scene),
      focused: document.activeElement.closest('.ev')?.dataset.id ?? null,
      tabStops: [...inst.querySelectorAll('.mk[tabindex="0"]')].map((b) => b.closest('.ev').dataset.id),
      expanded: [...inst.querySelectorAll('.mk[aria-expanded=true]')].map((b) => b.closest('.ev').dataset.id),
      card: card.hidden ? null : card.textContent,
      cardSource: card.hidden ? null : card.querySelector('a.source')?.getAttribute('href'),
      // A mark is one button, its glyph (::before) centred in it.
      inPlot: [...inst.querySelectorAll('.evs .ev')]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.left >= plot.left - 1 && r.right <= plot.right + 1 && r.top >= plot.top - 1 && r.bottom <= plot.bottom + 1;
        })
        .map((e) => e.dataset.id),
      hash: location.hash,
      scrollY,
    };
  });
}

for (const engine of engines()) {
  describe(`timeline widget [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => (site = await serveDist()));
    after(async () => site?.close());

    it('shows each period from its chip: the window moves, and every mark in it is on show', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}timeline/`);
      await ready(s);
      const list = await periods(s);
      assert.equal(list[0].scene, 'overview');
      assert.equal(list.length, content.timeline.era.length + 1, 'the overview and one period per era');
      assert.deepEqual(list.slice(1).map((p) => p.label), content.timeline.era.map((e) => e.label));
      for (const p of list) {
        await s.exec(`document.querySelector('.chips [data-scene="${p.scene}"]').click()`);
        const st = await state(s);
        assert.equal(st.scene, p.scene);
        assert.deepEqual(st.pressed, [p.scene], 'one chip pressed');
        const missing = p.marks.filter((id) => !st.inPlot.includes(id));
        assert.deepEqual(missing, [], `${p.scene}: every mark in its window is in the plot`);
        // Marks well outside the window (more than 3 % of its span) are not.
        const far = await s.exec(`const [t0, t1] = [arguments[0], arguments[1]], m = (t1 - t0) * 0.03;
          return [...document.querySelectorAll('.inst-tl .evs .ev')].filter((e) => { const t = parseFloat(getComputedStyle(e).getPropertyValue('--t')); return t < t0 - m || t > t1 + m; }).map((e) => e.dataset.id);`, p.t0, p.t1);
        assert.deepEqual(st.inPlot.filter((id) => far.includes(id)), [], `${p.scene}: marks far outside its window are not drawn in the plot`);
        assert.equal(st.tabStops.length, 1, 'one tab stop');
        assert.ok(p.marks.includes(st.tabStops[0]), `${p.scene}: the tab stop is on a mark on show`);
      }
      assert.deepEqual(await moving(s, 'main.widget'), [], 'with motion reduced, nothing moves');
    });

    it('is driven by the keyboard: Tab in, arrows between the marks on show, Enter for the card, Escape out', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}timeline/`);
      await ready(s);
      const list = await periods(s);
      const period = list.find((p) => p.scene !== 'overview' && p.marks.length >= 3);
      await s.exec(`document.querySelector('.chips [data-scene="${period.scene}"]').click()`);
      await s.exec('document.querySelector(".chips [aria-pressed=true]").focus()');
      // Tab from the pressed chip goes past the other chips to the drawing's one tab stop.
      const chipsAfter = await s.exec('const c = [...document.querySelectorAll(".chips [data-scene]")]; return c.length - 1 - c.findIndex((x) => x.getAttribute("aria-pressed") === "true")');
      for (let k = 0; k <= chipsAfter; k++) await s.keys('Tab');
      let st = await state(s);
      assert.ok(st.focused, 'Tab reaches a mark');
      assert.ok(period.marks.includes(st.focused), `the mark is on show (${st.focused})`);
      // Arrows walk the marks on show, in order, and stop at the ends.
      const order = events.map((e) => e.id).filter((id) => period.marks.includes(id));
      assert.equal(st.focused, order[0], 'Tab enters at the first mark on show');
      await s.keys('Home');
      assert.equal((await state(s)).focused, order[0], 'Home: the first mark on show');
      await s.keys('ArrowRight');
      assert.equal((await state(s)).focused, order[1], 'ArrowRight: the next');
      await s.keys('ArrowDown');
      assert.equal((await state(s)).focused, order[2], 'ArrowDown: the next');
      await s.keys('ArrowLeft');
      assert.equal((await state(s)).focused, order[1], 'ArrowLeft: back');
      await s.keys('End');
      assert.equal((await state(s)).focused, order.at(-1), 'End: the last mark on show');
      await s.keys('ArrowRight');
      assert.equal((await state(s)).focused, order.at(-1), 'no further than the last mark on show');
      await s.keys('Home', 'ArrowRight', 'Enter');
      await s.waitFor('return !document.querySelector("#ev-card").hidden', 3000);
      st = await state(s);
      const ev = byId[order[1]];
      assert.deepEqual(st.expanded, [ev.id], 'the mark says its card is open');
      assert.ok(st.card.includes(ev.title), 'the card shows the event');
      assert.equal(st.cardSource, ev.source.url, 'the card links the source');
      const entry = await s.exec(`return document.querySelector('#event-${ev.id}').textContent`);
      assert.ok(st.card.includes(entry.trim().slice(0, 80)), 'the card is the chronology’s entry');
      assert.equal(st.hash, `#event-${ev.id}`, 'the address names the event');
      // With the card open, arrows move it along.
      await s.keys('ArrowRight');
      st = await state(s);
      assert.deepEqual(st.expanded, [order[2]], 'the card follows the arrows');
      await s.keys('Escape');
      await s.waitFor('return document.querySelector("#ev-card").hidden', 2000);
      st = await state(s);
      assert.equal(st.focused, order[2], 'focus stays on the mark');
      assert.deepEqual(st.expanded, []);
      assert.equal(st.scrollY, 0, 'keys in the timeline don’t scroll the page');
      // Escape from inside the card closes it and brings focus back to the mark.
      await s.keys('Enter');
      await s.waitFor('return !document.querySelector("#ev-card").hidden', 2000);
      await s.exec('document.querySelector("#ev-card .close").focus()');
      await s.keys('Escape');
      await s.waitFor('return document.querySelector("#ev-card").hidden', 2000);
      assert.equal((await state(s)).focused, order[2], 'focus back on the mark');
    });

    it('opens the period and the card an address names: #event-… and ?event=', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}timeline/`);
      await ready(s);
      const list = await periods(s);
      const narrowest = (id) =>
        list
          .filter((p) => p.marks.includes(id))
          .sort((a, b) => a.t1 - a.t0 - (b.t1 - b.t0))[0].scene;
      for (const [address, id] of [
        ['?event=inchon-landing', 'inchon-landing'],
        ['#event-yalu-crossing', 'yalu-crossing'],
        [`#event-${events[0].id}`, events[0].id],
        [`?event=${events.at(-1).id}`, events.at(-1).id],
      ]) {
        await s.get('about:blank'); // a new page, not a jump within the last one
        await s.get(`${site.url}timeline/${address}`);
        await ready(s);
        await s.waitFor('return !document.querySelector("#ev-card").hidden', 3000);
        const st = await state(s);
        assert.equal(st.scene, narrowest(id), `${address}: the narrowest period that shows it`);
        assert.deepEqual(st.pressed, [st.scene]);
        assert.deepEqual(st.expanded, [id], `${address}: its card`);
        assert.ok(st.inPlot.includes(id), `${address}: its mark in the plot`);
        assert.ok(st.card.includes(byId[id].title));
        assert.equal(st.cardSource, byId[id].source.url);
      }
      await s.screenshot(join(ARTIFACTS, `${engine}-timeline-widget.png`));
    });

    it('says so when an address names no event, and shows the overview', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      for (const address of ['?event=atlantis', '#event-atlantis']) {
        await s.get('about:blank');
        await s.get(`${site.url}timeline/${address}`);
        await ready(s);
        assert.match(await s.exec('return document.querySelector("main .notice")?.textContent ?? ""'), /no event called “atlantis”/);
        const st = await state(s);
        assert.equal(st.scene, 'overview');
        assert.equal(st.card, null);
      }
    });

    it('passes axe-core, light and dark, with a card open', async () => {
      for (const theme of ['light', 'dark']) {
        const s = await browser.session({ width: 1280, height: 900 });
        await s.get(`${site.url}timeline/?theme=${theme}&event=stalin-request`);
        await ready(s);
        await s.waitFor('return !document.querySelector("#ev-card").hidden', 3000);
        await settled(s);
        const v = await runAxe(s);
        assert.deepEqual(v, [], formatViolations(v));
      }
    });
  });
}
