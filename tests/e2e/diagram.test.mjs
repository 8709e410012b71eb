// The decision diagram: stepped by buttons, keys and addresses; what-if switches move the balance.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { ARTIFACTS, loadContent, ready, serveDist, sleep } from './lib/site.mjs';

const content = loadContent();
const stages = content.diagram.stage;
const stageOf = (s) => s.exec('return document.querySelector(".widget .dg").dataset.stage');

for (const engine of engines()) {
  describe(`diagram [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => (site = await serveDist()));
    after(async () => site?.close());

    it('steps with buttons and keys, and the address follows', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}?widget=diagram`);
      await ready(s, '.widget');
      assert.equal(await stageOf(s), stages[0].id);
      assert.match(await s.exec('return document.querySelector(".widget .step-count").textContent'), new RegExp(`Stage 1 of ${stages.length}`));
      await (await s.find('.widget button[aria-label="Next stage"]')).click();
      assert.equal(await stageOf(s), stages[1].id);
      await s.waitFor(`return location.hash === '#stage-${stages[1].id}'`, 2000);
      await (await s.find('.widget button[aria-label="Previous stage"]')).click();
      assert.equal(await stageOf(s), stages[0].id);
      await s.exec('document.querySelector(".widget").focus()');
      await s.keys('ArrowRight', 'ArrowRight');
      assert.equal(await stageOf(s), stages[2].id);
      await s.keys('End');
      assert.equal(await stageOf(s), stages.at(-1).id);
      await s.keys('ArrowLeft');
      assert.equal(await stageOf(s), stages.at(-2).id);
    });

    it('opens the stage a fragment names, and tells of an unknown one', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      await s.get(`${site.url}?widget=diagram#stage-${stages[3].id}`);
      await ready(s, '.widget');
      assert.equal(await stageOf(s), stages[3].id);
      await s.get(`${site.url}?widget=diagram&stage=nowhere`);
      await ready(s, '.widget');
      assert.equal(await stageOf(s), stages[0].id);
      assert.match(await s.exec('return document.querySelector(".widget .notice").textContent'), /no stage called “nowhere”/);
    });

    it('what-if: a switch moves the balance and the summary, and reset restores them', async () => {
      const s = await browser.session({ width: 1280, height: 900, reducedMotion: true });
      await s.get(`${site.url}?widget=diagram#stage-${stages.at(-1).id}`);
      await ready(s, '.widget');
      const read = () => s.exec(`return { lean: document.querySelector('.widget .dg').dataset.lean,
        verdict: document.querySelector('.widget .dg-verdict').textContent, said: document.querySelector('.widget .live').textContent }`);
      const before = await read();
      assert.equal(before.lean, 'korea');
      await (await s.find('.widget details.whatif summary')).click();
      // Switch off every factor pulling toward Korea: the balance must swing to Taiwan.
      const korea = content.diagram.factor.filter((f) => f.toward === 'korea').map((f) => f.label);
      const boxes = await s.findAll('.widget .whatif-item');
      for (const box of boxes) {
        const name = await s.exec('return arguments[0].querySelector(".whatif-name").textContent', box);
        if (korea.includes(name)) await box.click();
      }
      const afterSwitch = await read();
      assert.equal(afterSwitch.lean, 'taiwan');
      assert.notEqual(afterSwitch.verdict, before.verdict);
      assert.match(afterSwitch.said, /Thought experiment, switched off/);
      assert.equal(await s.exec('return document.querySelectorAll(".widget .force.is-off").length'), korea.length, 'switched-off factors keep their place, faded');
      await s.screenshot(join(ARTIFACTS, `${engine}-diagram-whatif.png`));
      await (await s.find('.widget .whatif button')).click();
      assert.deepEqual(await read(), before);
    });

    it('in the essay, stages follow the scroll', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      for (const [i, step] of content.steps.entries()) {
        if (step.graphic.view !== 'diagram') continue;
        await s.get(`${site.url}?at=${i}#${step.id}`);
        await ready(s);
        await s.waitFor(`return document.querySelector('.instrument-diagram .dg').dataset.stage === '${step.graphic.stage}'`, 5000);
        assert.equal(await s.exec('return document.querySelector(".panel").dataset.view'), 'diagram');
      }
    });

    it('passes axe-core, light and dark, with the switches open', async () => {
      for (const theme of ['light', 'dark']) {
        const s = await browser.session({ width: 1280, height: 900 });
        await s.get(`${site.url}?widget=diagram&theme=${theme}#stage-${stages.at(-1).id}`);
        await ready(s, '.widget');
        await (await s.find('.widget details.whatif summary')).click();
        await sleep(100);
        const v = await runAxe(s);
        assert.deepEqual(v, [], formatViolations(v));
      }
    });
  });
}
