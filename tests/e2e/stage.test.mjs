// The stage, looked at as a reader would (issue 11): at every step of the essay and on every
// period and stage of the widgets, the picture fills its panel and names things in full.
//   - no empty horizontal band in the essay's graphic panel taller than 15 % of the panel, at
//     1280×800 and 375×740;
//   - no label cut short and no two labels overlapping, at 320, 375, 768, 1280 and 1920 px.
// What counts as ink, as cut and as overlapping is defined (and measured) in lib/measure.mjs.
// Screenshots of every step at 375, 768 and 1280 px go to tests/artifacts/steps/<engine>/<width>/
// (tests/tools/contact-sheet.mjs makes docs/contact-sheet.jpg of them).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { MAX_BAND, inspect, report } from './lib/measure.mjs';
import { ARTIFACTS, EXPLAINER, loadContent, lookAtStep, ready, serveDist } from './lib/site.mjs';

const content = loadContent();
const N = content.steps.length;

/** The sizes looked at: the band is measured at the two the issue names. */
const SIZES = [
  { w: 320, h: 640 },
  { w: 375, h: 740, band: true, shots: true },
  { w: 768, h: 1024, shots: true },
  { w: 1280, h: 800, band: true, shots: true },
  { w: 1920, h: 1080 },
];

const pad = (i) => String(i + 1).padStart(2, '0');

for (const engine of engines()) {
  describe(`stage [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => (site = await serveDist()));
    after(async () => site?.close());

    for (const { w, h, band, shots } of SIZES) {
      it(`essay at ${w}×${h}: every step ${band ? 'fills the panel, and ' : ''}names things in full, without overlaps`, async () => {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        const actual = await s.exec('return innerWidth');
        await s.get(site.url);
        await ready(s);
        const problems = [];
        const bands = [];
        for (let i = 0; i < N; i++) {
          // (a map on show with its land: the file named and arrived, as a reader sees it)
          const look = await lookAtStep(s, i);
          const id = content.steps[i].id;
          const r = report(look);
          if (r) problems.push(`step ${i + 1} (${id}):\n  ${r.replace(/\n/g, '\n  ')}`);
          if (band) {
            bands.push(look.band.ratio);
            if (look.band.ratio > MAX_BAND) {
              problems.push(
                `step ${i + 1} (${id}): an empty band ${look.band.height}px tall (${Math.round(look.band.ratio * 100)} % of the ${look.band.panel}px panel), ${look.band.top}–${look.band.bottom}px from its top`,
              );
            }
          }
          if (shots) await s.screenshot(join(ARTIFACTS, 'steps', engine, String(w), `${pad(i)}-${id}.png`));
        }
        if (band) {
          const sorted = [...bands].sort((a, b) => a - b);
          console.log(`# ${engine} ${actual}×${h}: tallest empty band per step, median ${Math.round(sorted[sorted.length >> 1] * 100)} %, worst ${Math.round(sorted.at(-1) * 100)} %`);
        }
        assert.equal(problems.join('\n'), '', `${actual}px wide (asked ${w}px)`);
      });
    }

    it('timeline widget: every period names things in full, without overlaps, at every width', async () => {
      const problems = [];
      for (const { w, h, shots } of SIZES) {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        const actual = await s.exec('return innerWidth');
        await s.get(`${site.url}timeline/`);
        await ready(s);
        const periods = await s.exec('return [...document.querySelectorAll(".chips [data-scene]")].map((c) => c.dataset.scene)');
        assert.ok(periods.length > 1, 'the widget has periods to show');
        for (const p of periods) {
          await s.exec(`document.querySelector('.chips [data-scene="${p}"]').click()`);
          await s.waitFor(`return document.querySelector('.inst-tl').dataset.scene === '${p}'`, 2000);
          const r = report(await inspect(s, 'main.widget'));
          if (r) problems.push(`${actual}px, ${p}:\n  ${r.replace(/\n/g, '\n  ')}`);
          if (shots) await s.screenshot(join(ARTIFACTS, 'widgets', engine, String(w), `timeline-${p}.png`));
        }
      }
      assert.equal(problems.join('\n'), '');
    });

    it('diagram widget: every stage, and a what-if, names things in full, without overlaps, at every width', async () => {
      const problems = [];
      const decisive = content.diagram.factor.find((f) => f.id === 'yalu-advance') ?? content.diagram.factor.at(-1);
      for (const { w, h, shots } of SIZES) {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        const actual = await s.exec('return innerWidth');
        await s.get(`${site.url}diagram/#stage-${content.diagram.stage[0].id}`);
        await ready(s);
        for (const [k, stage] of content.diagram.stage.entries()) {
          if (k > 0) await s.exec('document.querySelector("main.widget [data-go=next]").click()');
          await s.waitFor(`return document.querySelector('.inst-dg').dataset.scene === '${stage.id}'`, 2000);
          const r = report(await inspect(s, 'main.widget'));
          if (r) problems.push(`${actual}px, ${stage.id}:\n  ${r.replace(/\n/g, '\n  ')}`);
          if (shots) await s.screenshot(join(ARTIFACTS, 'widgets', engine, String(w), `diagram-${stage.id}.png`));
        }
        await s.get(`${site.url}diagram/?off=${decisive.id}`);
        await ready(s);
        await s.waitFor('return document.querySelector(".inst-dg").classList.contains("is-whatif")', 2000);
        const r = report(await inspect(s, 'main.widget'));
        if (r) problems.push(`${actual}px, without ${decisive.id}:\n  ${r.replace(/\n/g, '\n  ')}`);
        // The what-if verdict covers the stage's own verdict whole.
        const covered = await s.exec(`const v = document.querySelector('.whatif-verdict').getBoundingClientRect();
          return [...document.querySelectorAll('.dg-verdict .sc')].filter((e) => getComputedStyle(e).visibility === 'visible')
            .every((e) => { const r = e.getBoundingClientRect(); return r.top >= v.top - 1 && r.bottom <= v.bottom + 1; });`);
        if (!covered) problems.push(`${actual}px, without ${decisive.id}: the stage’s own verdict shows from under the what-if verdict`);
      }
      assert.equal(problems.join('\n'), '');
    });

    it('map widget (when built): names things in full, without overlaps, at every width', async (t) => {
      if (!existsSync(join(EXPLAINER.dist, 'map', 'index.html'))) return t.skip('no map page in this build');
      const problems = [];
      for (const { w, h } of SIZES) {
        const s = await browser.session({ width: w, height: h, reducedMotion: true });
        const actual = await s.exec('return innerWidth');
        await s.get(`${site.url}map/`);
        await ready(s);
        const scenes = await s.exec('return [...document.querySelectorAll(".chips [data-scene]")].map((c) => c.dataset.scene)');
        for (const p of scenes.length ? scenes : [null]) {
          if (p) {
            await s.exec(`document.querySelector('.chips [data-scene="${p}"]').click()`);
            await s.waitFor(`return document.querySelector('.inst-map').dataset.scene === '${p}'`, 2000);
          }
          const r = report(await inspect(s, 'main.widget'));
          if (r) problems.push(`${actual}px, ${p ?? 'default'}:\n  ${r.replace(/\n/g, '\n  ')}`);
        }
      }
      assert.equal(problems.join('\n'), '');
    });
  });
}
