// Embedding: the timeline and the diagram in a host page on another origin, by iframe (old
// and new addresses) and by script (embed/loader.js, shipped as public/embed.js), auto-sized,
// deep-linked, sandboxed, independent, deaf to forged messages, and from the Embed panel's own
// snippets.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { startServer } from './lib/server.mjs';
import { ARTIFACTS, loadContent, ready, serveDist, settled } from './lib/site.mjs';

const content = loadContent();
const stages = content.diagram.stage;
// A stage in the middle of the story, and events, from the explainer's own content.
const MID = stages[Math.min(2, stages.length - 2)].id;
const LAST = stages.at(-1).id;
const events = content.timeline.event;
const EVENT = events[Math.floor(events.length / 2)].id;
const LAST_EVENT = events.at(-2).id;

function hostPage(explainer, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A newspaper page</title><link rel="icon" href="data:,"><style>body{font:18px/1.5 Georgia,serif;margin:0 auto;max-width:44rem;padding:1rem}</style></head>
<body><main><h1>Host article</h1><p>Some of the host's own text.</p>${body}<div style="height:150vh"></div></main>
${explainer ? `<script src="${explainer}embed.js" async></script>` : ''}</body></html>`;
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
          // As published before the widgets had pages of their own.
          '/old.html': { body: hostPage(e, `<iframe id="tl" src="${e}?widget=timeline&embed=1" title="Timeline" data-explainer-frame style="width:100%;height:200px;border:0"></iframe>`) },
          // As the Embed panel writes it now.
          '/new.html': { body: hostPage(e, `<iframe id="tl" src="${e}timeline/?embed=1" title="Timeline" data-explainer-frame style="width:100%;height:200px;border:0"></iframe>`) },
          '/script.html': { body: hostPage(e, `<div id="dg" data-explainer="diagram" data-title="Decision diagram"></div>`) },
          '/two.html': {
            body: hostPage(e, `<div id="a" data-explainer="timeline" data-title="Timeline A"></div><div id="b" data-explainer="timeline" data-title="Timeline B"></div>
              <iframe id="evil" title="Another widget" src="/evil.html" style="width:10px;height:10px;border:0"></iframe>`),
          },
          '/evil.html': {
            body: `<!doctype html><html lang="en"><title>x</title><script>
              setInterval(function () {
                try { parent.frames[0].postMessage({ type: 'explainer:goto', target: 'event-${LAST_EVENT}' }, '*'); } catch (e) {}
                parent.postMessage({ type: 'explainer:height', widget: 'timeline', height: 5 }, '*');
                window.__tries = (window.__tries || 0) + 1;
              }, 100);</script></html>`,
          },
          '/sandbox.html': { body: hostPage(e, `<iframe id="sb" sandbox="allow-scripts" src="${e}diagram/?embed=1&stage=${MID}" title="Sandboxed diagram" data-explainer-frame style="width:100%;height:300px;border:0"></iframe>`) },
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

    it('an iframe, at its old address or its new one, follows its content’s height at 320 and 1280 px', async () => {
      for (const [page, width] of [['old', 320], ['new', 320], ['old', 1280], ['new', 1280]]) {
        const s = await browser.session({ width, height: 800 });
        await s.get(`${host.origin}/${page}.html`);
        await s.waitFor('return document.querySelector("#tl").getBoundingClientRect().height !== 200', 15000);
        // The frame settles on its content's height (a resize may re-wrap the content once more).
        let h;
        await s.waitFor(async () => ((h = await heights(s, '#tl')), Math.abs(h.outer - h.inner) <= 2), 5000).catch(() => {});
        assert.ok(Math.abs(h.outer - h.inner) <= 2, `${page}, ${width}px: frame ${h.outer} px for content ${h.inner} px`);
        await s.switchToFrame(await s.find('#tl'));
        assert.equal(await s.exec('return location.pathname'), new URL(`${site.url}timeline/`).pathname, `${page}: the frame shows the timeline’s own page`);
        assert.equal(await s.exec('return document.documentElement.hasAttribute("data-embed")'), true, 'embedded');
        // The height follows a change of content: open the chronology.
        await s.exec('document.querySelector(".chron").open = true');
        await s.switchToParent();
        let h2;
        await s.waitFor(async () => ((h2 = await heights(s, '#tl')), Math.abs(h2.outer - h2.inner) <= 2), 5000).catch(() => {});
        assert.ok(h2.inner > h.inner + 200, 'the content grew');
        assert.ok(Math.abs(h2.outer - h2.inner) <= 2, `${page}, ${width}px, chronology open: frame ${h2.outer} px for content ${h2.inner} px`);
        if (width === 320 && page === 'new') await s.screenshot(join(ARTIFACTS, `${engine}-embed-320.png`));
      }
    });

    it('the script variant mounts the widget, scoped, at the host fragment’s stage, and follows the fragment', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      await s.get(`${host.origin}/script.html#stage-${MID}`);
      await s.waitFor('return !!document.querySelector("#dg iframe")', 10000);
      const frame = await s.find('#dg iframe');
      assert.equal(await frame.attr('title'), 'Decision diagram');
      assert.equal(new URL(await frame.attr('src')).pathname, new URL(`${site.url}diagram/`).pathname, 'the loader frames the widget’s own page');
      await s.switchToFrame(frame);
      await s.waitFor(`return document.querySelector(".inst-dg")?.dataset.scene === "${MID}"`, 10000);
      assert.equal(await s.exec('return !!document.querySelector(".credit-line a")'), true, 'credit link back');
      await s.switchToParent();
      // The host's styles did not reach in, and ours did not leak out.
      assert.equal(await s.exec('return getComputedStyle(document.body).fontFamily'), 'Georgia, serif');
      // A later change of the host's fragment is passed on.
      await s.exec(`location.hash = "#stage-${LAST}"`);
      await s.switchToFrame(await s.find('#dg iframe'));
      await s.waitFor(`return document.querySelector(".inst-dg").dataset.scene === "${LAST}"`, 5000);
      await s.switchToParent();
      // The frame tells the host what the reader looks at.
      const seen = await s.execAsync(`const done = arguments[0];
        document.querySelector('#dg iframe').addEventListener('explainer:state', (e) => done(e.detail), { once: true });
        location.hash = '#stage-${MID}'; setTimeout(() => done(null), 3000);`);
      assert.deepEqual(seen, { widget: 'diagram', target: `stage-${MID}` });
    });

    it('keys in a widget don’t scroll the host, two embeds stay independent, forged messages are ignored', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${host.origin}/two.html`);
      await s.waitFor('return document.querySelectorAll("iframe[data-widget=timeline]").length === 2', 10000);
      const [a, b] = await s.findAll('iframe[data-widget=timeline]');
      // Both widgets live, and then the forger (same origin as this page) has tried ten more times.
      for (const f of [a, b]) {
        await s.switchToFrame(f);
        await s.waitFor('return document.documentElement.dataset.app === "live"', 10000);
        await s.switchToParent();
      }
      const tries = 'document.getElementById("evil").contentWindow.__tries || 0';
      const t0 = await s.exec(`return ${tries}`);
      await s.waitFor(`return (${tries}) >= ${t0 + 10}`, 10000);
      for (const f of [a, b]) {
        const h = await s.exec('return arguments[0].getBoundingClientRect().height', f);
        assert.ok(h > 100, `a forged height message did not shrink the frame (${h})`);
      }
      await s.switchToFrame(a);
      await s.waitFor('return document.documentElement.dataset.app === "live"', 10000);
      assert.equal(await s.exec('return document.querySelector(".mk[aria-expanded=true]")'), null, 'a forged goto from a sibling frame was ignored');
      // A real click (programmatic focus inside a cross-origin frame is refused by WebKit) opens
      // an event; the keys then move the open card along.
      const free = await s.exec(`return [...document.querySelectorAll('.evs .mk')].findIndex((b, i) => {
        const r = b.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return i > 5 && r.top > 0 && r.bottom < innerHeight && b.contains(hit); })`);
      await (await s.find(`.evs > .mk:nth-child(${free + 1})`)).click();
      await s.waitFor('return !!document.querySelector(".mk[aria-expanded=true]")', 3000);
      // The click itself may scroll the host to bring its target into view; the keys may not.
      await s.switchToParent();
      const y0 = await s.exec('return scrollY');
      await s.switchToFrame(a);
      const opened = await s.exec('return document.querySelector(".mk[aria-expanded=true]").closest(".ev").dataset.id');
      await s.keys('ArrowRight', 'ArrowRight', 'ArrowDown', 'PageDown', 'ArrowUp');
      const now = await s.exec('return document.querySelector(".mk[aria-expanded=true]")?.closest(".ev").dataset.id');
      assert.ok(now && now !== opened, `the keys moved the card along (${opened} → ${now})`);
      await s.switchToParent();
      assert.equal(await s.exec('return scrollY'), y0, 'the host page did not scroll');
      await s.switchToFrame(b);
      assert.equal(await s.exec('return document.querySelector(".mk[aria-expanded=true]")'), null, 'embed B is untouched');
      await s.switchToParent();
    });

    it('works in a sandboxed iframe without same-origin', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${host.origin}/sandbox.html`);
      await s.switchToFrame(await s.find('#sb'));
      await s.waitFor(`return document.querySelector(".inst-dg")?.dataset.scene === "${MID}" && document.documentElement.dataset.app === "live"`, 15000);
      await (await s.find('button[data-go=next]')).click();
      const next = stages[stages.findIndex((st) => st.id === MID) + 1].id;
      assert.equal(await s.exec('return document.querySelector(".inst-dg").dataset.scene'), next);
      await s.switchToParent();
      await s.waitFor('return document.querySelector("#sb").getBoundingClientRect().height !== 300', 5000);
      const logs = await s.browserLogs();
      if (logs) assert.deepEqual(logs.filter((l) => l.level === 'SEVERE'), [], 'no errors in the sandbox');
    });

    it('the Embed panel’s snippets work as pasted: iframe, element and script, and link, with the reader’s state', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      // The timeline with an event open, and the diagram at a stage with a switch off.
      const off = content.diagram.factor.at(-1).id;
      const snippets = [];
      for (const [page, widget, check] of [
        [`timeline/?event=${EVENT}`, 'timeline', 'return document.querySelector(".mk[aria-expanded=true]")?.closest(".ev").dataset.id'],
        [`diagram/?off=${off}#stage-${stages.at(-1).id}`, 'diagram', 'return [document.querySelector(".inst-dg").dataset.scene, [...document.querySelectorAll(".inst-dg input:not(:checked)")].map((i) => i.dataset.factor).join()]'],
      ]) {
        await s.get(`${site.url}${page}`);
        await ready(s);
        await (await s.find('main.widget > .embed-code summary')).click();
        const codes = await s.waitFor('const c = [...document.querySelectorAll("main.widget > .embed-code textarea")].map((t) => t.value); return c.length === 3 && c.every(Boolean) && c', 5000); // (the panel’s body comes out of its template as it opens: three codes)
        assert.equal(codes.length, 3, `${widget}: three snippets`);
        const want = await s.exec(check);
        for (const [k, code] of codes.entries()) snippets.push({ widget, k, code, check, want });
      }
      for (const { widget, k, code, check, want } of snippets) {
        if (k === 2) {
          // The link, for a CMS that asks our oEmbed endpoint (oembed.test.mjs): one address, which
          // opens the widget as the reader left it.
          assert.match(code, /^https?:\/\/\S+$/, `${widget}: the link is one address`);
          await s.get(code);
          await ready(s);
          assert.deepEqual(await s.exec(check), want, `${widget}, link: the reader’s state comes along (${code})`);
          continue;
        }
        const path = `/pasted-${widget}-${k}.html`;
        host.routes[path] = { body: hostPage(null, code) };
        await s.get(`${host.origin}${path}`);
        await s.waitFor('return !!document.querySelector("iframe")', 10000);
        const frame = await s.find('iframe');
        await s.switchToFrame(frame);
        await s.waitFor('return document.documentElement.dataset.app === "live"', 15000);
        const got = await s.exec(check);
        assert.deepEqual(got, want, `${widget}, snippet ${k + 1}: the reader’s state comes along (${code})`);
        await s.switchToParent();
        await s.waitFor(() => heights(s, 'iframe').then((h) => Math.abs(h.outer - h.inner) <= 2), 5000);
      }
    });

    it('the host page with embeds passes axe-core', async () => {
      const s = await browser.session({ width: 1280, height: 800 });
      await s.get(`${host.origin}/script.html`);
      await s.waitFor('return !!document.querySelector("#dg iframe")', 10000);
      await settled(s);
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
