// A second, tiny essay built through the same code (scripts/test.sh builds it into
// target/dist-mini with EXPLAINER_CONTENT=tests/fixtures/mini): the engine knows no essay.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { REPO, expectedGraphic, graphicState, loadContent, ready, scrollStepTo, serveDist, waitStep } from './lib/site.mjs';

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

    it('renders its own text and follows its own steps', async (t) => {
      if (!site) return t.skip('no fixture build: scripts/test.sh makes target/dist-mini');
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      assert.equal(await s.exec('return document.querySelector("h1").textContent'), content.essay.meta.title);
      assert.equal(await s.exec('return document.querySelectorAll(".steps .step").length'), content.steps.length);
      for (const i of content.steps.keys()) {
        await scrollStepTo(s, i, 0.45);
        await waitStep(s, i);
        const got = await graphicState(s);
        const want = expectedGraphic(content, i);
        assert.equal(got.view, want.view);
        if (want.view === 'timeline') assert.deepEqual(got.lit, want.lit);
        else assert.equal(got.stage, want.stage);
      }
    });
  });
}
