// Smoke test of the e2e harness itself (driver, server, axe) against a tiny
// fixture page, in every engine of E2E_ENGINES:
//   cd tests && E2E_ENGINES=chromium,firefox,webkit node --test e2e/

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { startServer } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(here, '..', 'artifacts');
const CSS = 'body { font: 16px/1.5 sans-serif; margin: 2rem; } button { font-size: 1.25rem; }';

describe('smoke', () => {
  let site;
  let otherOrigin;

  before(async () => {
    site = await startServer({
      root: join(here, 'fixtures'),
      base: '/sub/',
      compress: true,
      routes: { '/sub/smoke.css': { body: CSS } },
    });
    // A second origin that embeds the fixture, as a third-party page would.
    otherOrigin = await startServer({
      host: '127.0.0.2',
      routes: {
        '/host.html': {
          body: `<!doctype html><html lang="en"><head><title>Host page</title></head><body><main>
                 <iframe title="Embedded smoke page" src="${site.url}smoke.html" width="600" height="400"></iframe>
                 </main></body></html>`,
        },
      },
    });
  });

  after(async () => {
    await site?.close();
    await otherOrigin?.close();
  });

  describe('server', () => {
    it('serves files only under the base, with their MIME type', async () => {
      const page = await fetch(`${site.url}smoke.html`);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(page.headers.get('x-frame-options'), null);
      assert.equal((await fetch(`${site.origin}/smoke.html`)).status, 404);
      assert.equal((await fetch(`${site.url}..%2f..%2fpackage.json`)).status, 404);
      const bare = await fetch(`${site.origin}/sub`, { redirect: 'manual' });
      assert.equal(bare.status, 301);
      assert.equal(bare.headers.get('location'), '/sub/');
      assert.equal((await fetch(`${site.url}smoke.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
      assert.ok(site.log.some((entry) => entry.path === '/smoke.html' && entry.status === 404));
    });

    it('compresses per Accept-Encoding', async () => {
      for (const [accept, expected] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', null]]) {
        const response = await fetch(`${site.url}smoke.html`, { headers: { 'accept-encoding': accept } });
        assert.equal(response.headers.get('content-encoding'), expected, accept);
        assert.equal(response.headers.get('vary'), 'Accept-Encoding');
        assert.match(await response.text(), /Harness smoke test/);
      }
    });

    it('answers on 127.0.0.2 as a second origin', async () => {
      assert.match(otherOrigin.origin, /^http:\/\/127\.0\.0\.2:\d+$/);
      assert.match(await (await fetch(`${otherOrigin.origin}/host.html`)).text(), /Embedded smoke page/);
    });
  });

  for (const engine of engines()) {
    describe(engine, () => {
      const browser = useDriver(engine);

      it('loads the page and a click changes the button', async () => {
        const s = await browser.session({ width: 800, height: 600 });
        await s.get(`${site.url}smoke.html`);
        assert.equal(await s.title(), 'Harness smoke test');
        assert.equal(await s.url(), `${site.url}smoke.html`);
        assert.equal(await (await s.find('#motion')).text(), 'no-preference');
        const button = await s.find('#toggle');
        assert.equal(await button.text(), 'Press me');
        await button.click();
        assert.equal(await button.text(), 'Pressed');
        assert.deepEqual(await s.exec('return [innerWidth, innerHeight]'), [800, 600]);
      });

      it('delivers keys through the Actions API to the focused element', async () => {
        const s = await browser.session();
        await s.get(`${site.url}smoke.html`);
        const input = await s.find('#keys');
        await s.exec('arguments[0].focus()', input);
        await s.keys('ArrowDown', 'Enter', ' ', 'ab', 'Escape', 'Home', 'End', 'PageDown');
        assert.equal(
          await (await s.find('#keys-seen')).prop('value'),
          '[ArrowDown][Enter][ ][a][b][Escape][Home][End][PageDown]',
        );
        // Only the effect of the chord is checked: WebKitGTK reports its
        // event.key as 'Unidentified' (GTK turns Shift+Tab into ISO_Left_Tab).
        await s.keys('Shift+Tab');
        assert.equal(await s.exec('return document.activeElement.id'), 'toggle');
        await input.sendKeys('typed');
        assert.equal(await input.prop('value'), ' abtyped');
      });

      it('reports prefers-reduced-motion when asked', async (t) => {
        const s = await browser.session({ reducedMotion: true });
        const gap = s.unsupported.find((u) => u.option === 'reducedMotion');
        if (gap) return t.skip(gap.reason);
        await s.get(`${site.url}smoke.html`);
        assert.equal(await s.exec('return matchMedia("(prefers-reduced-motion: reduce)").matches'), true);
        assert.equal(await (await s.find('#motion')).text(), 'reduce');
      });

      it('shows the noscript text with JavaScript off', async (t) => {
        const s = await browser.session({ javascript: false });
        const gap = s.unsupported.find((u) => u.option === 'javascript');
        if (gap) return t.skip(gap.reason);
        await s.get(`${site.url}smoke.html`);
        assert.match(await (await s.find('#noscript')).text(), /JavaScript is off/);
        const button = await s.find('#toggle');
        await button.click();
        assert.equal(await button.text(), 'Press me', 'page scripts must not run');
        assert.equal(await (await s.find('#motion')).text(), 'unknown');
      });

      it('writes a screenshot of the viewport', async () => {
        const s = await browser.session({ width: 640, height: 480 });
        await s.get(`${site.url}smoke.html`);
        const path = await s.screenshot(join(ARTIFACTS, `smoke-${engine}.png`));
        const png = await readFile(path);
        assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
        // IHDR: width and height are the first fields of the first chunk.
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [640, 480]);
      });

      it('has no axe violations', async () => {
        const s = await browser.session();
        await s.get(`${site.url}smoke.html`);
        const violations = await runAxe(s);
        assert.deepEqual(violations, [], formatViolations(violations));
      });

      it('loads resources from its own origin only, and logs no errors', async () => {
        const s = await browser.session();
        await s.get(`${site.url}smoke.html`);
        const resources = await s.exec('return performance.getEntriesByType("resource").map((e) => e.name)');
        assert.ok(resources.includes(`${site.url}smoke.css`), resources.join('\n'));
        const foreign = resources.filter((name) => new URL(name).origin !== site.origin);
        assert.deepEqual(foreign, []);
        const logs = await s.browserLogs();
        if (logs !== null) {
          assert.ok(logs.some((entry) => entry.message.includes('smoke fixture ready')), JSON.stringify(logs));
          assert.deepEqual(logs.filter((entry) => entry.level === 'SEVERE'), []);
        }
      });

      it('works inside a cross-origin iframe', async () => {
        const s = await browser.session();
        await s.get(`${otherOrigin.origin}/host.html`);
        await s.switchToFrame(await s.find('iframe'));
        const button = await s.find('#toggle');
        await button.click();
        assert.equal(await button.text(), 'Pressed');
        assert.equal(await s.exec('return location.origin'), site.origin);
        await s.switchToParent();
        assert.equal(await s.title(), 'Host page');
      });
    });
  }
});
