// Reduced motion follows the system while the page is open (issue 21), and the reader's own
// switch still wins. Chromium only: it is the one engine whose media features a test can change
// while a page is open (DevTools' Emulation.setEmulatedMedia, through chromedriver); Firefox and
// WebKit take the setting only when the browser starts, which the other suites cover
// (`reducedMotion` sessions).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { engines, useDriver } from './lib/engines.mjs';
import { ready, serveDist } from './lib/site.mjs';

/** Tells Chromium the system now asks for reduced motion (or not). */
async function systemMotion(s, reduce) {
  await s.command('POST', '/goog/cdp/execute', {
    cmd: 'Emulation.setEmulatedMedia',
    params: { features: [{ name: 'prefers-reduced-motion', value: reduce ? 'reduce' : 'no-preference' }] },
  });
}

const motion = (s) => s.exec('return document.documentElement.dataset.motion');
const switchPressed = (s) => s.exec('return document.querySelector(\'[data-tool="motion"]\').getAttribute("aria-pressed")');
const waitMotion = (s, want) => s.waitFor(`return document.documentElement.dataset.motion === ${JSON.stringify(want)}`, 5000);

for (const engine of engines().filter((e) => e === 'chromium')) {
  describe(`reduced motion follows the system [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => {
      site = await serveDist();
    });
    after(() => site?.close());

    for (const edition of ['', 'ko/']) {
      it(`${edition || 'the original'}: a change of the system's setting while reading reaches the page, until the reader uses the switch`, async () => {
        const s = await browser.session({ width: 1280, height: 800, fresh: true });
        await s.get(`${site.url}${edition}#taiwan-first`);
        await systemMotion(s, false);
        await ready(s);
        await waitMotion(s, 'full');
        assert.equal(await switchPressed(s), 'false');

        // The system asks for reduced motion: the page follows, and so does its switch.
        await systemMotion(s, true);
        await waitMotion(s, 'reduce');
        assert.equal(await switchPressed(s), 'true');
        // And back.
        await systemMotion(s, false);
        await waitMotion(s, 'full');

        // The reader chooses reduced motion: from now on the system's changes do not overrule it.
        await s.exec('document.querySelector(\'[data-tool="motion"]\').click()');
        await waitMotion(s, 'reduce');
        await systemMotion(s, true);
        await systemMotion(s, false);
        // A media change is delivered before the next frame: two frames later it has been seen.
        await s.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
        assert.equal(await motion(s), 'reduce', "the reader's choice wins over the system's");
        await s.exec('document.querySelector(\'[data-tool="motion"]\').click()');
        await waitMotion(s, 'full');
        await systemMotion(s, true);
        await s.execAsync('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));');
        assert.equal(await motion(s), 'full', "the reader's choice still wins");
        await systemMotion(s, false);
      });
    }
  });
}
