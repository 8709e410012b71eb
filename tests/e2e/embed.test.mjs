// Embedding: the timeline and the diagram in a host page on another origin, by iframe and by
// script, auto-sized, deep-linked, sandboxed, independent, and deaf to forged messages.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { startServer } from './lib/server.mjs';
import { ARTIFACTS, serveDist, sleep } from './lib/site.mjs';

function hostPage(explainer, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A newspaper page</title><link rel="icon" href="data:,"><style>body{font:18px/1.5 Georgia,serif;margin:0 auto;max-width:44rem;padding:1rem}</style></head>
<body><main><h1>Host article</h1><p>Some of the host's own text.</p>${body}<div style="height:150vh"></div></main>
<script src="${explainer}embed.js" async></script></body></html>`;
}

for (const engine of engines()) {
  describe(`embed [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let host;
    before(async () => {
      site = await serveDist();
      const e = site.url;
      host = await startServer({
        host: '127.0.0.2',
        routes: {
          '/iframe.html': { body: hostPage(e, `<iframe id="tl" src="${e}?widget=timeline&embed=1" title="Timeline" data-explainer-frame style="width:100%;height:200px;border:0"></iframe>`) },
          '/script.html': { body: hostPage(e, `<div id="dg" data-explainer="diagram" data-title="Decision diagram"></div>`) },
          '/two.html': {
            body: hostPage(e, `<div id="a" data-explainer="timeline" data-title="Timeline A"></div><div id="b" data-explainer="timeline" data-title="Timeline B"></div>
              <iframe id="evil" title="Another widget" src="/evil.html" style="width:10px;height:10px;border:0"></iframe>`),
          },
          '/evil.html': {
            body: `<!doctype html><html lang="en"><title>x</title><script>
              setInterval(function () {
                try { parent.frames[0].postMessage({ type: 'explainer:goto', target: 'event-armistice' }, '*'); } catch (e) {}
                parent.postMessage({ type: 'explainer:height', widget: 'timeline', height: 5 }, '*');
              }, 100);</script></html>`,
          },
          '/sandbox.html': { body: hostPage(e, `<iframe id="sb" sandbox="allow-scripts" src="${e}?widget=diagram&embed=1&stage=inchon" title="Sandboxed diagram" data-explainer-frame style="width:100%;height:300px;border:0"></iframe>`) },
        },
      });
    });
    after(async () => {
      await site?.close();
      await host?.close();
    });

    /** The frame's height on the host, and its content's height inside. */
    async function heights(s, frameCss) {
      const outer = await s.exec(`return document.querySelector(${JSON.stringify(frameCss)}).getBoundingClientRect().height`);
      await s.switchToFrame(await s.find(frameCss));
      const inner = await s.exec('return document.documentElement.getBoundingClientRect().height');
      await s.switchToParent();
      return { outer, inner };
    }

    it('an iframe follows its content’s height at 320 and 1280 px', async () => {
      for (const width of [320, 1280]) {
        const s = await browser.session({ width, height: 800 });
        await s.get(`${host.origin}/iframe.html`);
        await s.waitFor('return document.querySelector("#tl").getBoundingClientRect().height !== 200', 15000);
        await sleep(300);
        const h = await heights(s, '#tl');
        assert.ok(Math.abs(h.outer - h.inner) <= 2, `${width}px: frame ${h.outer} px for content ${h.inner} px`);
        // The height follows a change of content: open an event's details.
        await s.switchToFrame(await s.find('#tl'));
        await s.exec('document.querySelector(".ev:not(.is-out) .ev-btn").click()');
        await s.switchToParent();
        await sleep(400);
        const h2 = await heights(s, '#tl');
        assert.ok(Math.abs(h2.outer - h2.inner) <= 2, `${width}px after opening details: ${h2.outer} vs ${h2.inner}`);
        if (width === 320) await s.screenshot(join(ARTIFACTS, `${engine}-embed-320.png`));
      }
    });

    it('the script variant mounts the widget, scoped, at the host fragment’s stage', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      await s.get(`${host.origin}/script.html#stage-inchon`);
      await s.waitFor('return !!document.querySelector("#dg iframe")', 10000);
      const frame = await s.find('#dg iframe');
      assert.equal(await frame.attr('title'), 'Decision diagram');
      await s.switchToFrame(frame);
      await s.waitFor('return document.querySelector(".dg")?.dataset.stage === "inchon"', 10000);
      assert.equal(await s.exec('return !!document.querySelector(".credit-line a")'), true, 'credit link back');
      await s.switchToParent();
      // The host's styles did not reach in, and ours did not leak out.
      assert.equal(await s.exec('return getComputedStyle(document.body).fontFamily'), 'Georgia, serif');
      // A later change of the host's fragment is passed on.
      await s.exec('location.hash = "#stage-decision"');
      await s.switchToFrame(await s.find('#dg iframe'));
      await s.waitFor('return document.querySelector(".dg").dataset.stage === "decision"', 5000);
      await s.switchToParent();
    });

    it('keys in a widget don’t scroll the host, two embeds stay independent, forged messages are ignored', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${host.origin}/two.html`);
      await s.waitFor('return document.querySelectorAll("iframe[data-widget=timeline]").length === 2', 10000);
      await sleep(1500); // the forger has had time to try
      const [a, b] = await s.findAll('iframe[data-widget=timeline]');
      // Keys go to the focused frame: focus it from the host first, as a click or Tab would.
      await s.exec('arguments[0].focus()', a);
      for (const f of [a, b]) {
        const h = await s.exec('return arguments[0].getBoundingClientRect().height', f);
        assert.ok(h > 100, `a forged height message did not shrink the frame (${h})`);
      }
      await s.switchToFrame(a);
      await s.waitFor('return !!document.querySelector(".ev-btn")', 10000);
      assert.equal(await s.exec('return document.querySelector(".ev.is-sel")'), null, 'a forged goto from a sibling frame was ignored');
      // A real click (programmatic focus inside a cross-origin frame is refused by WebKit)
      // opens an event; the keys then move the open details along.
      await (await s.find('.ev:not(.is-out):not(.is-nolabel) .ev-label')).click();
      // The click itself may scroll the host to bring its target into view; the keys may not.
      await s.switchToParent();
      const y0 = await s.exec('return scrollY');
      await s.switchToFrame(a);
      await s.keys('ArrowRight', 'ArrowRight', 'ArrowDown', 'End', 'PageDown');
      const selectedA = await s.exec('return document.querySelector(".ev.is-sel")?.dataset.id');
      assert.ok(selectedA, 'the reader opened an event in embed A');
      await s.switchToParent();
      assert.equal(await s.exec('return scrollY'), y0, 'the host page did not scroll');
      await s.switchToFrame(b);
      assert.equal(await s.exec('return document.querySelector(".ev.is-sel")'), null, 'embed B is untouched');
      await s.switchToParent();
    });

    it('works in a sandboxed iframe without same-origin', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${host.origin}/sandbox.html`);
      await s.switchToFrame(await s.find('#sb'));
      await s.waitFor('return document.querySelector(".dg")?.dataset.stage === "inchon"', 15000);
      await (await s.find('button[aria-label="Next stage"]')).click();
      assert.equal(await s.exec('return document.querySelector(".dg").dataset.stage'), 'october-warnings');
      await s.switchToParent();
      await s.waitFor('return document.querySelector("#sb").getBoundingClientRect().height !== 300', 5000);
      const logs = await s.browserLogs();
      if (logs) assert.deepEqual(logs.filter((l) => l.level === 'SEVERE'), [], 'no errors in the sandbox');
    });

    it('the host page with embeds passes axe-core', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${host.origin}/script.html`);
      await s.waitFor('return !!document.querySelector("#dg iframe")', 10000);
      const v = await runAxe(s);
      assert.deepEqual(v, [], formatViolations(v));
    });
  });
}

describe('embed loader', () => {
  it('is the minified build of embed/loader.js and fits in 2 KB', async () => {
    const { execFileSync } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    execFileSync(process.execPath, [fileURLToPath(new URL('../tools/minify-embed.mjs', import.meta.url)), '--check'], { stdio: 'pipe' });
  });
});
