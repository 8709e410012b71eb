// A second explainer that shares nothing with ours (tests/fixtures/mini: King Sejong's letters,
// 1418–2013, its own cast and lanes, no map, some interface words of its own), built through the
// same engine from content files only (scripts/test.sh builds it into target/dist-mini with
// EXPLAINER_CONTENT=tests/fixtures/mini). The suites that read everything from the content
// (stage, drawn before the script, embed, monkey) also run on it, with E2E_EXPLAINER=mini
// (scripts/test.sh); this file checks what is the fixture's own: its words, its cast, and that
// an instrument it lacks leaves no page, option, file or code behind.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { inspect, report } from './lib/measure.mjs';
import { REPO, expectStage, loadContent, ready, serveDist, settleOn, stills } from './lib/site.mjs';

const dist = join(REPO, 'target', 'dist-mini');
const dir = join(REPO, 'tests', 'fixtures', 'mini');
const content = loadContent(dir);
const words = Object.fromEntries(
  readFileSync(join(dir, 'words.toml'), 'utf8')
    .split('\n')
    .map((l) => /^(\w+) = "(.*)"$/.exec(l))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
);
const cast = readFileSync(join(dir, 'cast.toml'), 'utf8');
const actorIds = [...cast.matchAll(/^\[\[actor\]\]\nid = "([^"]+)"/gm)].map((m) => m[1]);
const laneIds = content.timeline.lane.map((l) => l.id);

describe('fixture explainer, as built', () => {
  it('is built (scripts/test.sh makes target/dist-mini)', () => {
    assert.ok(existsSync(join(dist, 'index.html')), `no fixture build at ${dist}`);
  });

  it('has no map: no page, no Embed option, no file, no code in its app', () => {
    assert.equal(content.map, null, 'the fixture has no map.toml');
    assert.equal(existsSync(join(dist, 'map')), false, 'no map page');
    assert.deepEqual(readdirSync(dist).filter((f) => /^geo-.*\.svg$/.test(f)), [], 'no land file');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    assert.equal(html.includes('value="map"'), false, 'no map option in the Embed panel');
    assert.equal(html.includes('inst-map'), false, 'no map drawing');
    const css = readdirSync(dist).filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(dist, f), 'utf8')).join('');
    assert.equal(/inst-map|\.geo\b/.test(css), false, 'no map rule in its stylesheet');
    const wasm = readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
    assert.equal(readFileSync(join(dist, wasm)).includes('image[data-href]'), false, 'no map code in its app');
  });

  it('shares no actor, lane or event with our explainer', () => {
    const ours = loadContent();
    const ourCast = readFileSync(join(REPO, 'content', 'cast.toml'), 'utf8');
    const ourActors = [...ourCast.matchAll(/^\[\[actor\]\]\nid = "([^"]+)"/gm)].map((m) => m[1]);
    const ourLanes = ours.timeline.lane.map((l) => l.id);
    assert.ok(actorIds.length >= 3 && laneIds.length >= 2, `its own cast (${actorIds}) and lanes (${laneIds})`);
    assert.deepEqual(actorIds.filter((a) => ourActors.includes(a)), []);
    assert.deepEqual(laneIds.filter((l) => ourLanes.includes(l)), []);
    const ourEvents = new Set(ours.timeline.event.map((e) => e.id));
    assert.deepEqual(content.timeline.event.map((e) => e.id).filter((e) => ourEvents.has(e)), []);
  });
});

for (const engine of engines()) {
  describe(`fixture explainer [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => (site = await serveDist({ dist })));
    after(async () => site?.close());

    it('renders its own text, cast and words, and follows its own steps', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(site.url);
      await ready(s);
      assert.equal(await s.exec('return document.querySelector("h1").textContent'), content.essay.meta.title);
      assert.equal(await s.exec('return document.documentElement.lang'), content.essay.meta.lang);
      const got = await stills(s);
      assert.deepEqual(got.map((x) => x.id), content.steps.map((x) => x.id), 'its steps');
      assert.deepEqual(got.map((x) => x.alt), content.steps.map((x) => x.summary), 'a still in every step, its summary as text');
      // Its own words, where it overrides the engine's.
      const chrome = await s.exec(`return {
        embed: document.querySelector('.graphic .embed-code summary')?.textContent.trim(),
        prev: document.querySelector('.graphic [data-go=prev]')?.getAttribute('aria-label'),
        next: document.querySelector('.graphic [data-go=next]')?.getAttribute('aria-label'),
      }`);
      assert.deepEqual(chrome, { embed: words.embed, prev: words.prev_step, next: words.next_step }, 'the interface words it overrides');
      // Its cast: every actor in the legend, in its own colour class.
      const legend = await s.exec('return [...document.querySelectorAll(".graphic .inst-tl [class*=a-]")].flatMap((e) => [...e.classList].filter((c) => c.startsWith("a-")).map((c) => c.slice(2)))');
      for (const a of new Set(legend)) assert.ok(actorIds.includes(a), `${a} is one of its actors`);
      for (const i of content.steps.keys()) {
        await settleOn(s, i);
        await expectStage(s, content, i, 'fixture');
        assert.equal(report(await inspect(s, '.graphic .panel')), '', `step ${i}: labels`);
      }
    });

    it('has widget pages of its own, drawn from its own content, and an Embed panel without a map', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      await s.get(`${site.url}timeline/`);
      await ready(s);
      const ids = await s.exec('return [...document.querySelectorAll(".inst-tl .evs .ev")].map((e) => e.dataset.id)');
      assert.deepEqual(ids, content.timeline.event.map((e) => e.id));
      const lanes = await s.exec('return [...document.querySelectorAll(".inst-tl .lane")].length');
      assert.equal(lanes, laneIds.length, 'its own lanes');
      await s.get(`${site.url}diagram/`);
      await ready(s);
      const factors = await s.exec('return [...document.querySelectorAll(".inst-dg .row")].map((r) => r.dataset.factor).sort()');
      assert.deepEqual(factors, content.diagram.factor.map((f) => f.id).sort());
      assert.equal(await s.exec('return document.querySelector("h1").textContent'), content.diagram.title);
      // The essay's Embed panel offers what it has: the essay, the timeline, the diagram.
      await s.get(site.url);
      await ready(s);
      await s.exec('document.querySelector(".graphic .embed-code").open = true');
      const options = await s.waitFor('const o = [...document.querySelectorAll(".graphic .embed-pick option")].map((o) => o.value); return o.length && o', 5000);
      assert.deepEqual(options.sort(), ['diagram', 'essay', 'timeline']);
    });
  });
}
