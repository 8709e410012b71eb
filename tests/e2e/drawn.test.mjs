// Drawn before the script (issue 10): every page has its picture in the HTML.
//   - with JavaScript off, when the app's files fail, and while they are still on their way,
//     each page shows its drawing with its title, labels and the text a reader needs, and no
//     control that needs the script;
//   - nothing moves when the app takes over;
//   - each widget page loads its own small files only;
//   - the old addresses (?widget=…&embed=1, with their options and fragments) still work.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { inspect, report } from './lib/measure.mjs';
import { reachApp } from './lib/monkey.mjs';
import { ARTIFACTS, EXPLAINER, TRACKER, afterFrames, loadContent, quiet, ready, serveDist, settled, stills } from './lib/site.mjs';

const content = loadContent();
const N = content.steps.length;
const events = content.timeline.event;
const eras = content.timeline.era;
const year = (d) => String(d).slice(0, 4);
const TIMELINE_TITLE = `Timeline, ${year(eras[0].from)}–${year(eras.at(-1).to)}`;
const lastStage = content.diagram.stage.at(-1);
const inPlayAtEnd = content.diagram.stage.flatMap((st) => st.adds);
const dist = EXPLAINER.dist;
const wasmOf = (dir) => readdirSync(join(dist, dir)).filter((f) => f.endsWith('.wasm'));

/**
 * The controls a page offers: visible buttons, inputs, selects, text areas and other focusable
 * elements (links and a disclosure's own summary work without the script, and are left out)
 * that are exposed to assistive technology (no aria-hidden="true" around them), or in the tab
 * order, or show a pointer. A mark of the drawing that is none of these is a picture, not a
 * control.
 */
function visibleControls(s) {
  return s.exec(() => {
    const seen = (e) => (e.checkVisibility ? e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : e.getClientRects().length > 0) && e.getBoundingClientRect().width > 1;
    const offered = (e) => !e.closest('[aria-hidden=true]') || e.tabIndex >= 0 || getComputedStyle(e).cursor === 'pointer';
    const out = {};
    for (const e of document.querySelectorAll('button, input, select, textarea, [role=button], [tabindex]:not([tabindex="-1"]):not(a):not(summary)')) {
      if (!seen(e) || !offered(e)) continue;
      const k = `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).trim().split(/\s+/).join('.')}` : ''}`;
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  });
}

/** The page's picture: its instruments on show, their size, their marks in the plot, their labels. */
function picture(s, scope) {
  return s.exec((scope) => {
    const seen = (e) => (e.checkVisibility ? e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : e.getClientRects().length > 0);
    const root = document.querySelector(scope);
    return [...root.querySelectorAll('.inst')].filter(seen).map((inst) => {
      const r = inst.getBoundingClientRect();
      const plot = inst.querySelector('.plot')?.getBoundingClientRect();
      const inPlot = (e) => {
        const m = e.getBoundingClientRect();
        return plot && m.width > 0 && m.left >= plot.left - 10 && m.right <= plot.right + 10 && m.top >= plot.top - 10 && m.bottom <= plot.bottom + 10;
      };
      return {
        inst: inst.dataset.inst,
        scene: inst.dataset.scene,
        w: Math.round(r.width),
        h: Math.round(r.height),
        // A mark is one button (its glyph is its ::before), centred on its place.
        marks: [...inst.querySelectorAll('.evs .ev')].filter((m) => seen(m) && inPlot(m)).length,
        labels: [...inst.querySelectorAll('.lbl')].filter(seen).map((l) => l.textContent.trim()),
        courses: [...inst.querySelectorAll('.course b')].filter(seen).map((b) => b.textContent.trim()),
        verdict: [...inst.querySelectorAll('.dg-verdict .sc')].filter(seen).map((v) => v.textContent.trim()),
        rows: [...inst.querySelectorAll('.row')].filter(seen).map((row) => row.dataset.factor),
        segments: [...inst.querySelectorAll('.seg')].filter((g) => seen(g) && g.getBoundingClientRect().width > 1).length,
        caveat: [...inst.querySelectorAll('.dg-caveat')].filter(seen).length,
      };
    });
  }, scope);
}

/** Boxes of what a reader sees first, to compare before and after the app takes over. */
function layout(s) {
  return s.exec(() => {
    const seen = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible';
    const pick = [
      'h1',
      '.reader-tools',
      '.graphic .panel',
      '.stepper',
      '.chips',
      '.inst:not(.is-still)',
      '.plot',
      '.dg-verdict',
      '.dg-ledger',
      '.steps .step:nth-child(-n+3)',
      '.chron',
      '.credit-line',
    ];
    const out = { scrollY, height: document.documentElement.scrollHeight };
    for (const sel of pick) {
      document.querySelectorAll(sel).forEach((e, i) => {
        if (i > 3 || !seen(e)) return;
        const r = e.getBoundingClientRect();
        out[`${sel}#${i}`] = [r.left, r.top, r.width, r.height].map((v) => Math.round(v * 2) / 2).join(' ');
      });
    }
    [...document.querySelectorAll('.lbl, .evs .ev, .row')].filter(seen).slice(0, 40).forEach((e, i) => {
      const r = e.getBoundingClientRect();
      out[`mark#${i}`] = [r.left, r.top].map((v) => Math.round(v * 2) / 2).join(' ');
    });
    return out;
  });
}

/**
 * Records every transition that starts on the essay's stage before the app has attached: the
 * stage is drawn and shown before the app (its stylesheet arrives on its own), and nothing on it
 * should glide into place as it does. (`transitionrun` is fired as a transition is made, however
 * short it turns out.)
 */
const EARLY_MOTION = `<script>window.__early = [];
addEventListener('transitionrun', function (e) { var t = e.target;
  if (!document.documentElement.hasAttribute('data-app') && t.closest && t.closest('.graphic') && window.__early.length < 20)
    window.__early.push((t.className && t.className.baseVal === undefined ? t.className : t.tagName) + ' ' + e.propertyName + (e.pseudoElement || '')); }, true);</script>`;

for (const engine of engines()) {
  describe(`drawn before the script [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let broken;
    before(async () => {
      // (With the tracker: a test may wait until nothing is booked. See site.mjs quiet(). And
      // with a record of the transitions that start on the essay's stage before its app is there.)
      site = await serveDist({ inject: TRACKER + EARLY_MOTION });
      // The same build whose app files fail to arrive (a blocked or broken download).
      const routes = {};
      for (const dir of ['', 'timeline/', 'diagram/']) {
        for (const f of wasmOf(dir || '.')) routes[`/explainer/${dir}${f}`] = { status: 404, body: 'blocked' };
      }
      broken = await serveDist({ routes });
    });
    after(async () => {
      await site?.close();
      await broken?.close();
    });

    it('without JavaScript, the essay is the plain article: all its text, a still in every step, no controls', async () => {
      const s = await browser.session({ width: 1280, height: 800, javascript: false });
      await s.get(site.url);
      assert.equal(await s.exec('return document.documentElement.classList.contains("js")'), false, 'the page knows scripting is off');
      const text = await s.exec('return document.body.innerText');
      for (const step of content.steps) {
        const first = step.text.split(/\s+/).slice(0, 6).join(' ').replace(/\*/g, '');
        assert.ok(text.includes(first), `step ${step.id} is in the page`);
      }
      assert.equal(await s.exec("return getComputedStyle(document.querySelector('.graphic')).display"), 'none', 'no empty stage');
      // Without scripting nothing loads lazily: every still arrives.
      const all = await s.waitFor(async () => {
        const got = await stills(s);
        return got.every((x) => x.loaded) && got;
      }, 15000);
      assert.deepEqual(all.filter((x) => !x.shown).map((x) => x.id), [], 'a still with its drawing in every step');
      for (const [i, still] of all.entries()) {
        const step = content.steps[i];
        assert.equal(still.id, step.id);
        assert.equal(still.alt, step.summary, `${step.id}: the still’s text alternative is the step’s summary`);
        // The still is the step's own drawing, at each width: its files, and what they say.
        const files = await s.exec(`const p = document.querySelectorAll('.steps .step')[arguments[0]].querySelector('picture.still');
          return [...p.querySelectorAll('source')].map((x) => x.getAttribute('srcset')).concat(p.querySelector('img').getAttribute('src'))`, i);
        assert.deepEqual(files, [`stills/${step.id}-wide.svg`, `stills/${step.id}-narrow.svg`], `${step.id}: its stills`);
        for (const f of files) {
          const svg = await (await fetch(`${site.url}${f}`)).text();
          const texts = [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
          const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
          assert.equal(title?.replace(/&amp;/g, '&'), step.summary, `${f}: titled with the summary`);
          const flat = texts.join('').replace(/\s+/g, '').toLowerCase();
          if (step.graphic.view === 'timeline') {
            assert.ok(/<(circle|polygon|rect)[^>]* class="a-/.test(svg), `${f}: marks in the still`);
            for (const id of step.graphic.highlight) {
              const t = events.find((e) => e.id === id).title;
              assert.ok(flat.includes(t.replace(/\s+/g, '').toLowerCase()), `${f}: “${t}” named in the still (labels: ${texts.join(' | ')})`);
            }
          }
          if (step.graphic.view === 'diagram') {
            for (const c of content.diagram.course) assert.ok(flat.includes(c.label.replace(/\s+/g, '').toLowerCase()), `${f}: the course “${c.label}” named`);
            const [l, r] = content.diagram.course.map((c) => c.label);
            assert.equal(texts.filter((t) => new RegExp(`^${l} \\d+ · ${r} \\d+$`).test(t.trim())).length, 1, `${f}: one verdict, with its sums`);
            const inPlay = content.diagram.stage.slice(0, content.diagram.stage.findIndex((x) => x.id === step.graphic.stage) + 1).flatMap((x) => x.adds);
            const labels = content.diagram.factor.filter((x) => inPlay.includes(x.id)).map((x) => x.label);
            assert.ok(labels.some((t) => flat.includes(t.replace(/\s+/g, '').toLowerCase())), `${f}: rows for the factors in play`);
          }
          if (step.graphic.view === 'map') {
            const line = content.map.line.find((x) => x.id === step.graphic.line);
            assert.ok(flat.includes(line.label.replace(/\s+/g, '').toLowerCase()), `${f}: the line “${line.label}” named (labels: ${texts.join(' | ')})`);
          }
        }
      }
      assert.equal(report(await inspect(s, '.steps')), '', 'the stills’ labels');
      assert.deepEqual(await visibleControls(s), {}, 'no control that needs the script');
      await s.screenshot(join(ARTIFACTS, `${engine}-nojs-essay.png`));
    });

    it('without JavaScript, the timeline page shows its drawing, its title’s whole span, its labels and its chronology', async () => {
      const s = await browser.session({ width: 1280, height: 800, javascript: false });
      await s.get(`${site.url}timeline/`);
      assert.equal(await s.exec('return document.querySelector("h1").textContent'), TIMELINE_TITLE);
      // (read once nothing is moving: a mark is counted where it rests)
      await settled(s);
      const [tl] = await picture(s, 'main');
      assert.equal(tl?.inst, 'timeline', 'the timeline is drawn');
      assert.ok(tl.h > 300, `a drawing of some size (${tl.w}×${tl.h})`);
      assert.equal(tl.marks, events.length, 'every event is a mark in the plot');
      assert.ok(tl.labels.length >= 3, `labels name events (${tl.labels.join(' | ')})`);
      const years = await s.exec('return [...document.querySelectorAll(".ctx-yr")].map((y) => y.textContent)');
      assert.deepEqual([years[0], years.at(-1)], TIMELINE_TITLE.match(/\d{4}/g), 'the axis spans what the title says');
      assert.equal(report(await inspect(s, 'main')), '', 'labels in full, without overlaps');
      // The chronology: every event with its date and source, behind a disclosure that needs no script.
      const chron = await s.exec(`return [...document.querySelectorAll('.chron ol.events > li')].map((li) => ({
        id: li.id, time: li.querySelector('time[datetime]')?.getAttribute('datetime'), src: li.querySelector('a.source')?.getAttribute('href') }))`);
      assert.deepEqual(chron.map((c) => c.id), events.map((e) => `event-${e.id}`));
      assert.ok(chron.every((c) => c.time), 'each with a <time>');
      assert.deepEqual(chron.map((c) => c.src), events.map((e) => e.source.url), 'each with its source');
      await (await s.find('.chron summary')).click();
      assert.ok(await s.exec('return document.querySelector(".chron ol.events").getBoundingClientRect().height > 500'), 'the chronology opens without the script');
      assert.deepEqual(await visibleControls(s), {}, 'no control that needs the script');
      await s.screenshot(join(ARTIFACTS, `${engine}-nojs-timeline.png`));
    });

    it('without JavaScript, the timeline’s marks are not offered as buttons that do nothing', async () => {
      const s = await browser.session({ width: 1280, height: 800, javascript: false });
      await s.get(`${site.url}timeline/`);
      const controls = await visibleControls(s);
      assert.equal(controls['button.mk'] ?? 0, 0, `${controls['button.mk']} marks are offered as <button aria-expanded="false">, which open nothing without the app`);
      // With the app, they are: exposed, one in the tab order.
      const live = await browser.session({ width: 1280, height: 800 });
      await live.get(`${site.url}timeline/`);
      await ready(live);
      const marks = await live.exec('return [document.querySelector(".evs").getAttribute("aria-hidden"), document.querySelectorAll(".evs .mk[tabindex=\'0\']").length, getComputedStyle(document.querySelector(".mk")).cursor]');
      assert.deepEqual(marks, [null, 1, 'pointer'], 'the live timeline offers its marks');
    });

    it('without JavaScript, the diagram page shows its drawing, the verdict and the ledger', async () => {
      const s = await browser.session({ width: 1280, height: 800, javascript: false });
      await s.get(`${site.url}diagram/`);
      assert.equal(await s.exec('return document.querySelector("h1").textContent'), content.diagram.title);
      await settled(s);
      const [dg] = await picture(s, 'main');
      assert.equal(dg?.inst, 'diagram', 'the diagram is drawn');
      assert.equal(dg.scene, lastStage.id, 'at its last stage');
      assert.deepEqual(dg.courses, content.diagram.course.map((c) => c.label), 'both courses named');
      assert.equal(dg.verdict.length, 1, 'its verdict in words');
      assert.deepEqual([...dg.rows].sort(), [...inPlayAtEnd].sort(), 'a row for every factor in play');
      assert.equal(dg.segments, inPlayAtEnd.length, 'a bar segment for every factor in play');
      assert.equal(dg.caveat, 1, 'the caveat');
      const labels = await s.exec('return [...document.querySelectorAll(".row .row-label")].map((l) => l.textContent)');
      for (const f of content.diagram.factor) assert.ok(labels.includes(f.label), `“${f.label}” in the ledger`);
      assert.equal(report(await inspect(s, 'main')), '', 'labels in full, without overlaps');
      assert.deepEqual(await visibleControls(s), {}, 'no control that needs the script (stepper, switches, reset, embed code)');
      await s.screenshot(join(ARTIFACTS, `${engine}-nojs-diagram.png`));
    });

    it('when the app’s files fail, every page falls back to its drawn, plain state', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      for (const page of ['', 'timeline/', 'diagram/']) {
        await s.get(`${broken.url}${page}`);
        // (The essay starts its app when the reader reaches the story.)
        assert.equal(await reachApp(s, 10000), 'failed', `${page || 'essay'}: the app says it failed`);
        assert.equal(await s.exec('return document.documentElement.classList.contains("js")'), false, `${page || 'essay'}: the script mark comes off`);
        if (page) {
          const drawn = await picture(s, 'main');
          assert.ok(drawn.length > 0 && drawn.every((d) => d.h > 100), `${page}: the drawing is there`);
        } else {
          assert.deepEqual((await stills(s)).filter((x) => !x.shown).map((x) => x.id), [], 'essay: a still with its drawing in every step');
        }
        assert.deepEqual(await visibleControls(s), {}, `${page || 'essay'}: no control that needs the app`);
      }
    });

    it('while the app is on its way, the essay’s stage shows its opening picture, and nothing moves when the app takes over', async () => {
      for (const [page, w, h] of [['', 1280, 800], ['', 375, 740], ['timeline/', 1280, 800], ['diagram/', 1280, 800], ['diagram/', 375, 740]]) {
        const s = await browser.session({ width: w, height: h });
        const release = site.hold(/\.wasm$/);
        try {
          const from = site.log.length;
          await s.get(`${site.url}${page}`);
          // The page as it is while its app is on its way: loaded, its deferred stylesheet (the
          // essay's) arrived, and (a widget's page, which starts its app at once) its wasm asked
          // for and held; the essay asks for its app only when the reader reaches the story.
          await s.waitFor('const h = document.documentElement; return document.readyState === "complete" && (!h.dataset.css || h.classList.contains("css"))', 10000);
          if (page) await s.waitFor(() => site.log.slice(from).some((e) => e.held), 10000);
          await afterFrames(s);
          await settled(s);
          assert.equal(await s.exec('return document.documentElement.dataset.app ?? null'), null, `${page || 'essay'}: the app has not started`);
          assert.ok(await s.exec('return document.documentElement.classList.contains("js")'), 'the page is laid out for its app');
          const drawn = await picture(s, page ? 'main' : '.graphic');
          assert.ok(drawn.length === 1 && drawn[0].h > 150, `${page || 'essay'} ${w}px: one instrument drawn on the stage (${JSON.stringify(drawn.map((d) => [d.inst, d.w, d.h]))})`);
          if (!page) assert.equal(drawn[0].scene, 'overview', 'the essay’s stage opens on the timeline’s overview');
          if (drawn[0].inst === 'timeline') assert.ok(drawn[0].marks >= Math.min(11, events.length) && drawn[0].labels.length > 0, `with its marks and labels (${drawn[0].marks} marks)`);
          if (!page) assert.deepEqual(await s.exec('return window.__early'), [], `essay at ${w}px: nothing glided into place as the stage was drawn`);
          const before = await layout(s);
          release();
          await ready(s);
          // Everything the app booked as it took over has run, and nothing is still moving.
          await quiet(s);
          await settled(s);
          const after = await layout(s);
          const moved = Object.keys(before).filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k]} → ${after[k]}`);
          assert.deepEqual(moved, [], `${page || 'essay'} at ${w}px: nothing moves when the app takes over`);
          // Chromium also reports layout shifts itself.
          const shifts = await s.execAsync(`const done = arguments[arguments.length - 1];
            if (!PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) return done(null);
            const name = (n) => n ? (n.nodeType === 1 ? n.tagName.toLowerCase() + '.' + [...n.classList].join('.') : '#text in ' + name(n.parentElement)) : '?';
            const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(' ');
            // The buffered entries are delivered in a task of their own once observed: they have
            // all come by the second frame after (none may come at all).
            const seen = [];
            const o = new PerformanceObserver((l) => seen.push(...l.getEntries()));
            o.observe({ type: 'layout-shift', buffered: true });
            requestAnimationFrame(() => requestAnimationFrame(() => {
              seen.push(...o.takeRecords());
              o.disconnect();
              done(seen.filter((e) => !e.hadRecentInput).map((e) => ({ value: e.value,
                sources: (e.sources || []).map((x) => name(x.node) + ': ' + rect(x.previousRect) + ' → ' + rect(x.currentRect)) })));
            }));`);
          if (shifts !== null) assert.deepEqual(shifts, [], `${page || 'essay'} at ${w}px: the engine reports layout shifts`);
        } finally {
          release();
        }
      }
    });

    it('each widget page loads its own files only: no essay, no other widget', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      const essayText = content.steps[0].text.split(/\s+/).slice(0, 6).join(' ');
      for (const page of ['timeline/', 'diagram/']) {
        await s.get('about:blank');
        const from = site.log.length;
        await s.get(`${site.url}${page}`);
        await ready(s);
        await quiet(s);
        const asked = site.log.slice(from).map((e) => e.path);
        const foreign = asked.filter((p) => !p.startsWith(`/explainer/${page}`));
        assert.deepEqual(foreign, [], `${page} asks for nothing outside its folder`);
        const resources = await s.exec('return performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)');
        assert.ok(resources.some((p) => p.endsWith('.wasm')) && resources.some((p) => p.endsWith('.js')), `${page} loads its own app (${resources.join(', ')})`);
        assert.deepEqual(resources.filter((p) => !p.startsWith(`/explainer/${page}`)), [], 'nor does the browser report any');
        assert.equal(await s.exec('return document.querySelectorAll(".steps, .step, article.step").length'), 0, 'no essay markup');
        assert.ok(!(await s.exec('return document.documentElement.outerHTML')).includes(essayText), 'no essay text');
        const other = page === 'timeline/' ? '.inst-dg' : '.inst-tl';
        assert.equal(await s.exec(`return document.querySelectorAll('${other}, .inst-map').length`), 0, 'no other instrument');
      }
      // Every app file in the build is whole (a wasm module starts with \0asm).
      for (const dir of ['.', 'timeline', 'diagram']) {
        for (const f of wasmOf(dir)) {
          const head = Buffer.from(await (await fetch(`${site.url}${dir === '.' ? '' : `${dir}/`}${f}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).subarray(0, 4);
          assert.deepEqual([...head], [0, 0x61, 0x73, 0x6d], `${dir}/${f} is a wasm module`);
        }
      }
    });

    it('every page fetches each of its app’s files once', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      for (const page of ['', 'timeline/', 'diagram/']) {
        await s.get('about:blank');
        const from = site.log.length;
        await s.get(`${site.url}${page}`);
        await ready(s);
        await quiet(s);
        const asked = site.log.slice(from).map((e) => e.path).filter((p) => /\.(js|wasm)$/.test(p));
        const twice = asked.filter((p, i) => asked.indexOf(p) !== i);
        assert.deepEqual(twice, [], `${page || 'essay'}: fetched more than once (the preload hint is not used): ${asked.join(', ')}`);
      }
    });

    it('old addresses still work: ?widget=…&embed=1 with options and fragments open the lean pages', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      // Events, stages and a factor of the explainer's own content.
      const [ev, ev2] = [events[Math.floor(events.length / 2)].id, events.at(-2).id];
      const mid = content.diagram.stage[Math.min(2, content.diagram.stage.length - 2)].id;
      const off = content.diagram.factor.at(-1).id;
      const cases = [
        ['?widget=timeline&embed=1', 'timeline/?embed=1', { embed: true }],
        [`?widget=timeline&event=${ev}`, `timeline/?event=${ev}`, { card: ev }],
        [`?widget=timeline&embed=1&theme=dark#event-${ev2}`, `timeline/?embed=1&theme=dark#event-${ev2}`, { embed: true, theme: 'dark', card: ev2 }],
        ['?widget=diagram&embed=1', 'diagram/?embed=1', { embed: true, stage: lastStage.id }],
        [`?widget=diagram&embed=1&stage=${mid}&theme=light`, `diagram/?embed=1&stage=${mid}&theme=light`, { embed: true, theme: 'light', stage: mid }],
        [`?widget=diagram&stage=${mid}#stage-${lastStage.id}`, `diagram/?stage=${mid}#stage-${lastStage.id}`, { stage: lastStage.id }],
        [`?widget=diagram&off=${off}`, `diagram/?off=${off}`, { off: [off] }],
      ];
      for (const [old, lands, want] of cases) {
        // (On the way the browser still fetches what the essay's page preloads, its js and wasm:
        // the redirect happens in the page, after the preload scanner has seen them.)
        await s.get('about:blank');
        await s.get(`${site.url}${old}`);
        await ready(s);
        // The redirect keeps every option; the page may then write its own state (stage-…,
        // event-…, off=) into the address.
        const url = new URL(await s.url());
        const target = new URL(`${site.url}${lands}`);
        assert.equal(url.pathname, target.pathname, `${old} lands on ${lands}`);
        for (const [k, v] of target.searchParams) if (k !== 'stage' && k !== 'event') assert.equal(url.searchParams.get(k), v, `${old}: ${k}=${v} kept`);
        assert.equal(url.searchParams.get('widget'), null, `${old}: no widget= left`);
        const got = await s.exec(`return {
          embed: document.documentElement.hasAttribute('data-embed'),
          theme: document.documentElement.dataset.theme,
          stage: document.querySelector('.inst-dg')?.dataset.scene,
          card: document.querySelector('.evs .mk[aria-expanded=true]')?.dataset.id,
          off: [...document.querySelectorAll('.inst-dg input[data-factor]:not(:checked)')].map((i) => i.dataset.factor) }`);
        if (want.embed) assert.equal(got.embed, true, `${old}: embedded`);
        if (want.theme) assert.equal(got.theme, want.theme, `${old}: theme`);
        if (want.stage) assert.equal(got.stage, want.stage, `${old}: stage`);
        if (want.card) assert.equal(got.card, want.card, `${old}: the event’s card`);
        if (want.off) assert.deepEqual(got.off, want.off, `${old}: switches off`);
      }
    });
  });
}
