// A second, tiny essay built through the same code (scripts/test.sh builds it into
// target/dist-mini with EXPLAINER_CONTENT=tests/fixtures/mini): the engine knows no essay.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { inspect, report } from './lib/measure.mjs';
import { REPO, expectStage, loadContent, ready, serveDist, settleOn } from './lib/site.mjs';

const dist = join(REPO, 'target', 'dist-mini');
const content = loadContent(join(REPO, 'tests', 'fixtures', 'mini'));

for (const engine of engines()) {
  describe(`fixture essay [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => {
      if (existsSync(join(dist, 'index.html'))) site = await serveDist({ dist });
    });
    after(async () => site?.close());

    it('renders its own text and drawings, and follows its own steps', async (t) => {
      if (!site) return t.skip('no fixture build: scripts/test.sh makes target/dist-mini');
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      assert.equal(await s.exec('return document.querySelector("h1").textContent'), content.essay.meta.title);
      assert.equal(await s.exec('return document.querySelectorAll(".steps .step").length'), content.steps.length);
      assert.equal(await s.exec('return document.querySelectorAll(".steps .still .inst").length'), content.steps.length, 'a still in every step');
      for (const i of content.steps.keys()) {
        await settleOn(s, i);
        await expectStage(s, content, i, 'fixture');
        assert.equal(report(await inspect(s, '.graphic .panel')), '', `step ${i}: labels`);
      }
    });

    it('has widget pages of its own, drawn from its own content', async (t) => {
      if (!site) return t.skip('no fixture build');
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(`${site.url}timeline/`);
      await ready(s);
      const ids = await s.exec('return [...document.querySelectorAll(".inst-tl .ev")].map((e) => e.dataset.id)');
      assert.deepEqual(ids, content.timeline.event.map((e) => e.id));
      await s.get(`${site.url}diagram/`);
      await ready(s);
      const factors = await s.exec('return [...document.querySelectorAll(".inst-dg .row")].map((r) => r.dataset.factor).sort()');
      assert.deepEqual(factors, content.diagram.factor.map((f) => f.id).sort());
      assert.equal(await s.exec('return document.querySelector("h1").textContent'), content.diagram.title);
    });
  });
}
