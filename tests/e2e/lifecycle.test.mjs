// Lifecycles: what the essay's stage registers with the browser (listeners, frames, timers,
// observers: counted on <html data-live>) goes when plain reading takes the stage down, and comes
// back the same when it is built again; nothing is left to touch a stage that is gone.
//
// - The reported trap (issue 13): "Read without scroll effects" on, then off, then a resize.
// - A hundred mounts and unmounts with resizes in between: the count returns to its baseline,
//   and (Chromium, which can measure it after a forced GC) the JS heap does not grow.
// - An embedded essay under plain reading while the host page's fragment changes (the bridge
//   must not move a stage that is gone).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { MIN_WIDTH, PROBE, READ_PROBE, appSettled, serveProbed } from './lib/monkey.mjs';
import { startServer } from './lib/server.mjs';
import { sleep } from './lib/site.mjs';

const CYCLES = Number(process.env.LIFECYCLE_CYCLES ?? 100);

/** The probe's errors (every engine) and Chromium's SEVERE console lines. */
async function errorsIn(s) {
  const seen = await s.exec(READ_PROBE);
  const logs = (await s.browserLogs()) ?? [];
  return [...seen.errors, ...logs.filter((l) => l.level === 'SEVERE').map((l) => `console: ${l.message}`)];
}

const live = (s) => s.exec('return Number(document.documentElement.dataset.live)');
const plain = (s) => s.exec('const b = document.querySelector("[data-tool=plain]"); b.click(); return b.getAttribute("aria-pressed") === "true"');

/** Waits until nothing is pending (no booked frame, no timer: the count stops moving) and returns it. */
async function quietLive(s, want = null, timeout = 4000) {
  let last = await live(s);
  const deadline = Date.now() + timeout;
  for (;;) {
    await sleep(want === null ? 250 : 40);
    const now = await live(s);
    if (want === null ? now === last : now === want) return now;
    if (Date.now() > deadline) return now;
    last = now;
  }
}

/** Chromium: the JS heap in use after a full garbage collection, through the DevTools protocol. */
async function heapAfterGc(s) {
  const cdp = (cmd, params = {}) => s.command('POST', '/goog/cdp/execute', { cmd, params });
  for (let i = 0; i < 3; i++) await cdp('HeapProfiler.collectGarbage');
  return (await cdp('Runtime.getHeapUsage')).usedSize;
}

for (const engine of engines()) {
  describe(`lifecycle [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let host;
    before(async () => {
      site = await serveProbed();
      host = await startServer({
        host: '127.0.0.2',
        routes: {
          '/essay.html': {
            body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">${PROBE}</head><body>
<div data-explainer="essay" data-title="The essay"></div><script src="${site.url}embed.js"></script></body></html>`,
          },
        },
      });
    });
    after(async () => {
      await site?.close();
      await host?.close();
    });

    it('the reported trap: plain reading on, off, then resizes: no error', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${site.url}#the-decision`);
      assert.equal(await appSettled(s), 'live');
      assert.equal(await plain(s), true);
      assert.equal(await plain(s), false);
      for (const [w, h] of [
        [1000, 700],
        [MIN_WIDTH[engine], 640],
        [1280, 800],
      ]) {
        await s.setViewportSize(w, h);
        await sleep(150);
      }
      assert.deepEqual(await errorsIn(s), []);
      assert.equal(await s.exec('return document.documentElement.dataset.app'), 'live');
      // The stage is live again: a step key moves it.
      await s.exec('document.querySelector(".graphic .panel").focus()');
      const [before, last] = await s.exec('return [document.querySelector(".panel").dataset.step, document.querySelectorAll(".steps .step").length - 1]');
      await s.keys(Number(before) >= last ? 'ArrowUp' : 'ArrowDown');
      await s.waitFor(`return document.querySelector(".panel").dataset.step !== ${JSON.stringify(before)}`, 5000);
      assert.deepEqual(await errorsIn(s), []);
    });

    it(`${CYCLES} mounts and unmounts of the stage, with resizes between: no listener, frame, timer or observer left, no heap growth`, async (t) => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${site.url}#inchon`);
      assert.equal(await appSettled(s), 'live');
      const rect = await s.command('GET', '/window/rect');
      const [iw, ih] = await s.exec('return [innerWidth, innerHeight]');
      const chrome = { dw: rect.width - iw, dh: rect.height - ih };
      const sizes = [
        [1280, 800],
        [MIN_WIDTH[engine], 700],
        [900, 600],
        [1920, 1000],
        [600, 900],
      ];
      const resize = (i) => s.setWindowSize(sizes[i % sizes.length][0] + chrome.dw, sizes[i % sizes.length][1] + chrome.dh);
      // Baselines: the stage's count and the plain article's, with nothing pending.
      const staged = await quietLive(s);
      assert.equal(await plain(s), true);
      const flat = await quietLive(s);
      assert.ok(flat < staged, `plain reading releases the stage's registrations (${staged} -> ${flat})`);
      assert.equal(await plain(s), false);
      assert.equal(await quietLive(s, staged), staged, 'the stage comes back with as many as before');

      let heap0 = null;
      const warmup = 5;
      for (let i = 0; i < CYCLES; i++) {
        if (i === warmup && engine === 'chromium') heap0 = await heapAfterGc(s);
        assert.equal(await plain(s), true);
        await resize(i);
        assert.equal(await plain(s), false);
        // Scroll too: the stage's frame and the settle timer get booked, and the next unmount
        // must cancel them.
        await s.exec('scrollBy(0, arguments[0])', i % 2 ? 300 : -300);
        if (i % 10 === 9) {
          assert.equal(await quietLive(s, staged), staged, `after ${i + 1} cycles`);
          assert.equal(await plain(s), true);
          assert.equal(await quietLive(s, flat), flat, `plain, after ${i + 1} cycles`);
          assert.equal(await plain(s), false);
          assert.deepEqual(await errorsIn(s), [], `after ${i + 1} cycles`);
        }
      }
      await s.setViewportSize(1280, 800);
      assert.equal(await quietLive(s, staged), staged, 'back at the baseline');
      assert.deepEqual(await errorsIn(s), []);
      if (heap0 === null) t.diagnostic(`data-live ${staged} staged, ${flat} plain (no heap measure in ${engine})`);
      if (heap0 !== null) {
        const heap1 = await heapAfterGc(s);
        const growth = heap1 - heap0;
        t.diagnostic(`JS heap after GC: ${heap0} B after ${warmup} cycles, ${heap1} B after ${CYCLES} (${growth >= 0 ? '+' : ''}${growth} B); data-live ${staged} staged, ${flat} plain`);
        // Calibrated: this build grows 0.2-0.8 kB a cycle (V8's own, not linear); a build whose
        // scopes leave only their event listeners behind grows about 5 kB a cycle.
        assert.ok(growth < 256 * 1024, `JS heap grew ${(growth / 1024).toFixed(0)} kB over ${CYCLES - warmup} cycles (${heap0} -> ${heap1})`);
      }
    });

    it('an embedded essay under plain reading ignores the host’s fragment, and follows it again after', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${host.origin}/essay.html`);
      const frame = await s.waitFor(() => s.find('iframe').catch(() => null), 10000);
      await s.switchToFrame(frame);
      assert.equal(await appSettled(s), 'live');
      const staged = await quietLive(s);
      for (const [i, step] of ['the-decision', 'inchon', 'mao-decides'].entries()) {
        assert.equal(await plain(s), true);
        await s.switchToParent();
        await s.exec('location.hash = arguments[0]', `#${step}`);
        await sleep(300);
        await s.switchToFrame(frame);
        assert.deepEqual(await errorsIn(s), [], `plain reading, host at #${step}`);
        assert.equal(await plain(s), false);
        await s.switchToParent();
        await s.exec('location.hash = arguments[0]', `#${['divided', 'border', 'aftermath'][i]}`);
        await s.switchToFrame(frame);
        await sleep(300);
        assert.deepEqual(await errorsIn(s), [], `scroll effects, after #${step}`);
      }
      assert.equal(await quietLive(s, staged), staged);
      await s.switchToParent();
    });
  });
}
