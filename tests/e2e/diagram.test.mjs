// The decision diagram widget (its own page, diagram/): stages by buttons, keys and addresses;
// what-if switches that move the needle and the verdict, keep their place, round-trip through
// the address and the embed code, and reset with one button. And the essay's own what-if
// buttons at its last diagram step.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { ARTIFACTS, TRACKER, loadContent, moving, quiet, ready, reload, serveDist, settleOn, settled } from './lib/site.mjs';

const content = loadContent();
const d = content.diagram;
const stages = d.stage;
const [left, right] = d.course; // stay out | enter Korea: the bar's left and right
const factor = Object.fromEntries(d.factor.map((f) => [f.id, f]));
const enters = Object.fromEntries(stages.flatMap((st, i) => st.adds.map((id) => [id, i])));

/** The sums at stage `si` with `off` switched off, from the content alone. */
function sums(si, off = []) {
  const s = [0, 0];
  for (const f of d.factor) if (enters[f.id] <= si && !off.includes(f.id)) s[f.toward === left.id ? 0 : 1] += f.strength;
  return s;
}

/** The side words a verdict must use for these sums ("Level" when even). */
const leansTo = ([l, r]) => (l === r ? 'Level' : l > r ? left.toward : right.toward);

/** What the diagram shows now, read in one script. */
function read(s, root = 'main.widget') {
  return s.exec((root) => {
    const main = document.querySelector(root);
    const inst = main.querySelector('.inst-dg');
    const x = (sel) => {
      const r = inst.querySelector(sel).getBoundingClientRect();
      return r.left + r.width / 2;
    };
    const seen = (e) => getComputedStyle(e).visibility === 'visible' && getComputedStyle(e).display !== 'none';
    return {
      scene: inst.dataset.scene,
      whatif: inst.classList.contains('is-whatif'),
      verdict: [...inst.querySelectorAll('.dg-verdict .sc')].filter(seen).map((v) => v.textContent.trim()).join(' | '),
      whatifVerdict: inst.querySelector('.whatif-verdict')?.textContent.trim() ?? '',
      needle: x('.needle') - x('.mid'),
      needleWas: seen(inst.querySelector('.needle-was')) ? x('.needle-was') - x('.mid') : null,
      off: [...inst.querySelectorAll('input[data-factor]')].filter((i) => !i.checked).map((i) => i.dataset.factor),
      struck: [...inst.querySelectorAll('.row.is-off')].map((r) => r.dataset.factor),
      segOff: [...inst.querySelectorAll('.seg.is-off')].length,
      // Rows' places within the ledger (a longer verdict above may move the ledger as a whole).
      rows: Object.fromEntries([...inst.querySelectorAll('.row')].filter(seen).map((r) => [r.dataset.factor, [Math.round(r.getBoundingClientRect().left), Math.round(r.getBoundingClientRect().top - inst.querySelector('.dg-ledger').getBoundingClientRect().top)]])),
      reset: inst.querySelector('.reset')?.disabled ?? null,
      count: main.querySelector('.step-count')?.textContent.replace(/\s+/g, ' ').trim(),
      prev: main.querySelector('[data-go=prev]')?.getAttribute('aria-disabled'),
      next: main.querySelector('[data-go=next]')?.getAttribute('aria-disabled'),
      live: main.querySelector('.live')?.textContent ?? '',
      search: location.search,
      hash: location.hash,
      history: history.length,
    };
  }, root);
}

/** Numbers in a verdict's small print, "Stay out 9 · Enter Korea 6", as [left, right]. */
const numbersIn = (text) => {
  const m = text.match(new RegExp(`${left.label} (\\d+) · ${right.label} (\\d+)`));
  return m ? [Number(m[1]), Number(m[2])] : null;
};

function assertBalance(got, si, off, where) {
  const want = sums(si, off);
  const text = off.length ? got.whatifVerdict : got.verdict;
  assert.deepEqual(numbersIn(text), want, `${where}: the sums (${text})`);
  assert.ok(text.toLowerCase().includes(leansTo(want).toLowerCase()), `${where}: the verdict leans to ${leansTo(want)} (${text})`);
  const side = Math.sign(got.needle) * (Math.abs(got.needle) < 1 ? 0 : 1);
  assert.equal(side, Math.sign(want[1] - want[0]), `${where}: the needle (${got.needle.toFixed(1)}px from the centre) sides with ${leansTo(want)}`);
}

/** Flips a factor's switch as a reader does. */
const flip = (s, id, root = 'main.widget') => s.exec(`document.querySelector('${root} .inst-dg input[data-factor="${id}"]').click()`);

for (const engine of engines()) {
  describe(`diagram widget [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    // (With the tracker: a test may wait until nothing is booked. See site.mjs quiet().)
    before(async () => (site = await serveDist({ inject: TRACKER })));
    after(async () => site?.close());

    it('steps through its stages with the buttons and the keys; the address, the count and the balance follow', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}diagram/#stage-${stages[0].id}`);
      await ready(s);
      let got = await read(s);
      assert.equal(got.scene, stages[0].id);
      assert.equal(got.count, `1 / ${stages.length}`);
      assert.equal(got.prev, 'true');
      const history = got.history;
      for (const [i, st] of stages.entries()) {
        if (i > 0) await (await s.find('main.widget [data-go=next]')).click();
        got = await read(s);
        assert.equal(got.scene, st.id);
        assert.equal(got.count, `${i + 1} / ${stages.length}`);
        assert.equal(got.hash, `#stage-${st.id}`, 'the address names the stage');
        assertBalance(got, i, [], st.id);
        assert.deepEqual(Object.keys(got.rows).sort(), stages.slice(0, i + 1).flatMap((x) => x.adds).sort(), `${st.id}: a row for each factor in play`);
        assert.ok(got.live.startsWith(`Stage ${i + 1} of ${stages.length}.`), `${st.id}: said (${got.live})`);
      }
      assert.equal(got.next, 'true', 'no next stage at the last');
      assert.equal(got.history, history, 'no history entries');
      await (await s.find('main.widget [data-go=prev]')).click();
      assert.equal((await read(s)).scene, stages.at(-2).id);
      await s.exec('document.querySelector("main.widget").focus()');
      await s.keys('Home');
      assert.equal((await read(s)).scene, stages[0].id, 'Home');
      await s.keys('ArrowRight', 'ArrowRight');
      assert.equal((await read(s)).scene, stages[2].id, 'ArrowRight twice');
      await s.keys('ArrowLeft');
      assert.equal((await read(s)).scene, stages[1].id, 'ArrowLeft');
      await s.keys('End');
      assert.equal((await read(s)).scene, stages.at(-1).id, 'End');
      assert.equal(await s.exec('return scrollY'), 0, 'the keys did not scroll the page');
    });

    it('opens the stage an address names (#stage-…, ?stage=), and says so when it names none', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      for (const [address, want] of [
        [`#stage-${stages[3].id}`, stages[3].id],
        [`?stage=${stages[4].id}`, stages[4].id],
        [`?stage=${stages[1].id}#stage-${stages[5].id}`, stages[5].id],
      ]) {
        await s.get('about:blank');
        await s.get(`${site.url}diagram/${address}`);
        await ready(s);
        assert.equal((await read(s)).scene, want, address);
      }
      await s.get(`${site.url}diagram/?stage=nowhere&off=nothing`);
      await ready(s);
      const got = await read(s);
      assert.equal(got.scene, stages.at(-1).id);
      const notice = await s.exec('return document.querySelector("main .notice")?.textContent ?? ""');
      assert.match(notice, /no stage called “nowhere”/);
      assert.match(notice, /no factor called “nothing”/);
    });

    it('what-if: switches move the needle and the verdict, keep the rows in place, and reset with one button', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}diagram/`);
      await ready(s);
      const last = stages.length - 1;
      const before = await read(s);
      assert.equal(before.scene, stages.at(-1).id, 'the widget opens at its last stage');
      assertBalance(before, last, [], 'all counted');
      assert.equal(before.reset, true, 'nothing to reset');
      assert.ok(Object.keys(before.rows).length === d.factor.length, 'every switch in view without opening anything');
      // Switch off every factor pulling toward entering Korea: the balance swings to staying out.
      const korea = d.factor.filter((f) => f.toward === right.id).map((f) => f.id);
      for (const [k, id] of korea.entries()) {
        await flip(s, id);
        const got = await read(s);
        const off = korea.slice(0, k + 1);
        assert.deepEqual([...got.off].sort(), [...off].sort(), 'the switches');
        assert.deepEqual([...got.struck].sort(), [...off].sort(), 'the rows switched off are struck through');
        assert.equal(got.segOff, off.length, 'and their bar segments outlined');
        assert.ok(got.whatif, 'the diagram is in a what-if state');
        assertBalance(got, last, off, `without ${off.join(', ')}`);
        assert.ok(Math.abs(got.needleWas - before.needle) < 1, 'a hollow needle stays where the count was');
        assert.deepEqual(got.rows, before.rows, 'switched-off rows keep their place: no row moves in the ledger');
        assert.equal(got.reset, false, 'reset is offered');
        for (const id of off) assert.ok(got.whatifVerdict.includes(factor[id].label), `the verdict names “${factor[id].label}”`);
      }
      assert.deepEqual(await moving(s, 'main.widget'), [], 'with motion reduced, nothing moves');
      await s.screenshot(join(ARTIFACTS, `${engine}-diagram-whatif.png`));
      await (await s.find('main.widget .reset')).click();
      const after = await read(s);
      assert.deepEqual({ ...after, live: '', history: 0 }, { ...before, live: '', history: 0 }, 'reset restores everything');
    });

    it('what-if: each factor switched off alone gives the outcome its row states', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}diagram/`);
      await ready(s);
      const last = stages.length - 1;
      const outs = await s.exec('return Object.fromEntries([...document.querySelectorAll(".row")].map((r) => [r.dataset.factor, r.querySelector(".row-out")?.textContent ?? ""]))');
      for (const f of d.factor) {
        await flip(s, f.id);
        const got = await read(s);
        assertBalance(got, last, [f.id], `without ${f.id}`);
        const want = sums(last, [f.id]);
        assert.ok(outs[f.id].includes(`(${want[0]} to ${want[1]})`), `${f.id}: its row states the sums (${outs[f.id]})`);
        assert.ok(outs[f.id].includes(leansTo(want) === 'Level' ? 'level' : leansTo(want)), `${f.id}: its row states the side (${outs[f.id]})`);
        await flip(s, f.id);
      }
    });

    it('what-if state round-trips through the address, the Embed panel’s code and the reset button', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      const [a, b] = ['seventh-fleet', 'us-threat'].filter((id) => factor[id]).concat(d.factor.map((f) => f.id)).slice(0, 2);
      await s.get(`${site.url}diagram/?off=${a},${b}`);
      await ready(s);
      let got = await read(s);
      assert.deepEqual([...got.off].sort(), [a, b].sort(), '?off= restores the switches');
      assert.ok(got.whatif);
      assertBalance(got, stages.length - 1, [a, b], `?off=${a},${b}`);
      assert.equal(new URLSearchParams(got.search).get('off'), `${a},${b}`);
      const history = got.history;
      // Flipping a switch rewrites off=, without history entries.
      await flip(s, a);
      got = await read(s);
      assert.equal(new URLSearchParams(got.search).get('off'), b, 'off= follows the switches');
      await flip(s, a);
      got = await read(s);
      assert.deepEqual(new URLSearchParams(got.search).get('off').split(',').sort(), [a, b].sort());
      assert.equal(got.history, history, 'no history entries');
      // The Embed panel's code carries the state.
      await (await s.find('main.widget > .embed-code summary')).click();
      const codes = await s.waitFor('const c = [...document.querySelectorAll("main.widget > .embed-code textarea")].map((t) => t.value); return c.length === 3 && c.every(Boolean) && c', 5000); // (the panel’s body comes out of its template as it opens: three codes)
      // (The attribute as HTML has it: a browser reads &amp; as &.)
      const iframeSrc = (codes[0].match(/src="([^"]+)"/)?.[1] ?? '').replace(/&amp;/g, '&');
      assert.deepEqual(new URL(iframeSrc).searchParams.get('off')?.split(',').sort(), [a, b].sort(), `the iframe code carries off= (${iframeSrc})`);
      assert.equal(new URL(iframeSrc).pathname, new URL(`${site.url}diagram/`).pathname, 'the iframe code points at the widget’s own page');
      assert.match(codes[1], new RegExp(`data-off="(${a},${b}|${b},${a})"`), 'the element code carries data-off');
      assert.match(codes[1], /data-stage="[a-z0-9-]+"/, 'and the stage');
      // …and the reset button clears it from the address.
      await (await s.find('main.widget > .embed-code summary')).click();
      await (await s.find('main.widget .reset')).click();
      got = await read(s);
      assert.deepEqual(got.off, []);
      assert.equal(new URLSearchParams(got.search).get('off'), null, 'reset clears off=');
      await s.get('about:blank');
      await s.get(iframeSrc);
      await ready(s);
      assert.deepEqual([...(await read(s)).off].sort(), [a, b].sort(), 'the embed code’s address opens with the switches off');
    });

    it('announces a stage or a switch once', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}diagram/`);
      await ready(s);
      await s.exec(`window.__said = [];
        for (const region of document.querySelectorAll('[aria-live]'))
          new MutationObserver(() => { const t = region.textContent.trim(); if (t) window.__said.push(t); })
            .observe(region, { childList: true, characterData: true, subtree: true });`);
      await (await s.find('main.widget [data-go=prev]')).click();
      // Said, and nothing more is on its way.
      await s.waitFor('return window.__said.length > 0', 5000);
      await quiet(s);
      assert.equal((await s.exec('return window.__said')).length, 1, `a stage change is said once: ${JSON.stringify(await s.exec('return window.__said'))}`);
      await s.exec('window.__said = []');
      await flip(s, d.factor[0].id);
      await s.waitFor('return window.__said.length > 0', 5000);
      await quiet(s);
      const said = await s.exec('return window.__said');
      assert.equal(said.length, 1, `a switch is said once: ${JSON.stringify(said)}`);
    });

    it('passes axe-core, light and dark, with a factor switched off', async () => {
      for (const theme of ['light', 'dark']) {
        const s = await browser.session({ width: 1280, height: 900 });
        await s.get(`${site.url}diagram/?theme=${theme}&off=${d.factor.at(-2).id}`);
        await ready(s);
        await settled(s);
        const v = await runAxe(s);
        assert.deepEqual(v, [], formatViolations(v));
      }
    });
  });

  describe(`diagram in the essay [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => (site = await serveDist({ inject: TRACKER })));
    after(async () => site?.close());

    it('the last diagram step’s buttons flip switches in place; the address keeps them, and a reload restores them', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      const i = content.steps.findLastIndex((st) => st.graphic.view === 'diagram');
      await settleOn(s, i);
      const buttons = await s.exec('return [...document.querySelectorAll(".whatif-try [data-toggle]")].filter((b) => b.getClientRects().length).map((b) => b.dataset.toggle)');
      assert.ok(buttons.length >= 1 && buttons.length <= 3, `the step offers one to three what-ifs (${buttons})`);
      assert.ok(buttons.every((id) => factor[id]), 'each names a factor');
      const stage = stages.findIndex((st) => st.id === content.steps[i].graphic.stage);
      await s.waitFor(`return location.hash === '#${content.steps[i].id}'`, 3000);
      await s.exec(`document.querySelector('.whatif-try [data-toggle="${buttons[0]}"]').click()`);
      let got = await read(s, '.graphic');
      assert.deepEqual(got.off, [buttons[0]], 'the switch is off');
      assert.equal(await s.exec(`return document.querySelector('.whatif-try [data-toggle="${buttons[0]}"]').getAttribute('aria-pressed')`), 'true');
      assertBalance(got, stage, [buttons[0]], `essay without ${buttons[0]}`);
      await s.waitFor(`return new URLSearchParams(location.search).get('off') === '${buttons[0]}'`, 3000);
      await quiet(s); // past the settle timer: the step's own update keeps the switch
      assert.equal(await s.exec('return location.search + location.hash'), `?off=${buttons[0]}#${content.steps[i].id}`, 'the step and the switch in the address');
      await reload(s);
      await ready(s);
      got = await read(s, '.graphic');
      assert.deepEqual(got.off, [buttons[0]], 'a reload restores the switch');
      assert.equal(await s.exec(`return document.querySelector('.whatif-try [data-toggle="${buttons[0]}"]').getAttribute('aria-pressed')`), 'true');
      // The Embed panel, asked for the diagram, carries the stage and the switch.
      await s.exec('document.querySelector(".graphic .embed-code").open = true');
      // (its body comes out of its template on the toggle that follows)
      await s.waitFor('return !!document.querySelector(".graphic .embed-code .embed-pick select")', 5000);
      await s.exec(`const sel = document.querySelector('.graphic .embed-pick select'); sel.value = 'diagram'; sel.dispatchEvent(new Event('change', { bubbles: true }));`);
      const code = await s.waitFor('return document.querySelector(".graphic .embed-code textarea").value', 3000);
      assert.match(code, new RegExp(`off=${buttons[0]}`), `the embed code carries the switch (${code})`);
      await s.exec(`document.querySelector('.whatif-try [data-toggle="${buttons[0]}"]').click()`);
      await s.waitFor(`return !location.search.includes('off=')`, 3000);
    });
  });
}
