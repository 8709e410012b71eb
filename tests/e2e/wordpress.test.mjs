// WordPress embeds a pasted link: a post on another origin with the markup WordPress writes for
// our oEmbed response (sandboxed frame, data-secret, #?secret=…, the fallback blockquote) and
// WordPress's own wp-embed.js from Debian's package. The frames size themselves to their content
// (within WordPress's 200–1000 px), the essay's deep links still work, and the credit link opens
// the explainer in the host's window through WordPress's `link` message.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engines, useDriver } from './lib/engines.mjs';
import { startServer } from './lib/server.mjs';
import { publicBase, rebase, WP_DIR, wpEmbedScript, wpFilterOembedResult, wpPost, wpSecret } from './lib/oembed.mjs';
import { REPO, loadContent, serveDist } from './lib/site.mjs';

const DIST = join(REPO, 'dist');
const HTML = 'text/html; charset=utf-8';
const clamp = (h) => Math.min(1000, Math.max(200, Math.ceil(h)));

describe('what WordPress makes of the oEmbed response', () => {
  it('keeps the link and the frame, secret and sandbox added, the frame hidden until it speaks', () => {
    assert.ok(existsSync(join(WP_DIR, 'wp-embed.min.js')), 'run scripts/setup.sh: it unpacks wp-embed.js from Debian’s wordpress package');
    const o = JSON.parse(readFileSync(join(DIST, 'timeline', 'oembed.json'), 'utf8'));
    const base = o.provider_url;
    const html = wpFilterOembedResult(o.html, 'Ab12Cd34Ef');
    assert.equal(
      html,
      `<blockquote class="wp-embedded-content" data-secret="Ab12Cd34Ef"><a href="${base}timeline/">${o.title}</a></blockquote>` +
        `<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" src="${base}timeline/?embed=1#?secret=Ab12Cd34Ef" data-secret="Ab12Cd34Ef" title="${o.title}" width="100%" height="${o.height}" frameborder="0"></iframe>`,
    );
  });
});

for (const engine of engines()) {
  describe(`WordPress host [${engine}]`, () => {
    const browser = useDriver(engine);
    const content = loadContent();
    let site;
    let host;
    before(async () => {
      site = await serveDist();
      const base = publicBase(DIST);
      const embed = (dir) => {
        const o = JSON.parse(readFileSync(join(DIST, dir, 'oembed.json'), 'utf8'));
        return wpFilterOembedResult(rebase(o.html, base, site.url), wpSecret());
      };
      const chapter2 = content.essay.chapter[1];
      // An essay frame with a step's address and no secret yet: wp-embed.js adds `#?secret=…`
      // after the step, as it does for frames printed without one.
      const deep = embed('').replace(/ src="([^"#]*)#\?secret=[^"]*" data-secret="[^"]*"/, ` src="$1#${chapter2.step[0].id}"`);
      host = await startServer({
        host: '127.0.0.2',
        routes: {
          '/wp-includes/js/wp-embed.min.js': { body: wpEmbedScript() },
          '/widgets/': { type: HTML, body: wpPost([embed('timeline/'), embed('diagram/')]) },
          '/essay/': { type: HTML, body: wpPost([embed('')], { title: 'The whole essay' }) },
          '/deep/': { type: HTML, body: wpPost([deep], { title: 'The essay from a step' }) },
        },
      });
    });
    after(async () => {
      await site?.close();
      await host?.close();
    });

    /** Each embed's frame height (as WordPress set it) and its content's height inside. */
    async function frames(s) {
      const out = [];
      for (const f of await s.findAll('iframe.wp-embedded-content')) {
        const outer = await s.exec('return arguments[0].getBoundingClientRect().height', f);
        const attr = await f.attr('height');
        await s.switchToFrame(f);
        const inner = await s.exec('return document.documentElement.getBoundingClientRect().height');
        await s.switchToParent();
        out.push({ outer, attr, inner });
      }
      return out;
    }

    for (const width of [1280, 375]) {
      it(`the widgets' frames size themselves to their content at ${width} px`, async () => {
        const s = await browser.session({ width, height: 900 });
        await s.get(`${host.origin}/widgets/`);
        // The frames answer: WordPress hides the fallback links and shows the frames.
        await s.waitFor(
          `return [...document.querySelectorAll('blockquote.wp-embedded-content')].every((b) => b.style.display === 'none')
              && [...document.querySelectorAll('iframe.wp-embedded-content')].every((f) => !f.hasAttribute('style'))`,
          20000,
        );
        // Until each frame has its content's height (the frames answer as they grow), or the time is up.
        const fits = (m) => m.every((f) => Math.abs(Number(f.attr) - clamp(f.inner)) <= 2 && Math.abs(f.outer - Number(f.attr)) <= 1);
        await s.waitFor(async () => fits(await frames(s)), 10000).catch(() => {});
        const measured = await frames(s);
        console.log(`# ${engine} ${width}px: ${measured.map((f) => `frame ${f.attr} for content ${Math.round(f.inner)}`).join(', ')}`);
        for (const [i, f] of measured.entries()) {
          assert.ok(Math.abs(Number(f.attr) - clamp(f.inner)) <= 2, `frame ${i}: height ${f.attr} for content ${f.inner} px`);
          assert.ok(Math.abs(f.outer - Number(f.attr)) <= 1, `frame ${i}: drawn ${f.outer} px, height ${f.attr}`);
        }
        // A change of content inside is followed: open the timeline's first event.
        const [tl] = await s.findAll('iframe.wp-embedded-content');
        await s.switchToFrame(tl);
        const before = await s.exec('return document.documentElement.getBoundingClientRect().height');
        await s.exec('document.querySelector(".evs .mk").click()');
        await s.waitFor(`return document.documentElement.getBoundingClientRect().height !== ${before}`, 5000).catch(() => {});
        const inner = await s.exec('return document.documentElement.getBoundingClientRect().height');
        await s.switchToParent();
        await s.waitFor(`return Math.abs(Number(document.querySelector('iframe.wp-embedded-content').height) - ${clamp(inner)}) <= 2`, 5000);
        const logs = await s.browserLogs();
        if (logs) assert.deepEqual(logs.filter((l) => l.level === 'SEVERE'), [], 'no errors');
      });
    }

    it('the essay opens at the step in its address, past the secret, and its own links still move it', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      await s.get(`${host.origin}/deep/`);
      const frame = await s.find('iframe.wp-embedded-content');
      await s.waitFor('return /#[a-z0-9-]+#\\?secret=[A-Za-z0-9]{10}$/.test(document.querySelector("iframe.wp-embedded-content").src)', 10000);
      await s.waitFor('return document.querySelector("iframe.wp-embedded-content").height === "1000"', 20000);
      const ch2 = content.essay.chapter[1];
      const first2 = content.steps.findIndex((x) => x.id === ch2.step[0].id);
      await s.switchToFrame(frame);
      await s.waitFor(`return Number(document.querySelector('.panel')?.dataset.step) === ${first2}`, 15000);
      assert.equal(await s.exec('return document.querySelectorAll(".notice").length'), 0, 'the secret is not read as a step');
      // The table of contents: a link within the page moves the story to another chapter.
      const ch3 = content.essay.chapter[2];
      const first3 = content.steps.findIndex((x) => x.id === ch3.step[0].id);
      await s.exec(`document.querySelector('.toc a[href="#${ch3.id}"]').click()`);
      await s.waitFor(`return Number(document.querySelector('.panel').dataset.step) === ${first3}`, 10000);
      await s.switchToParent();
    });

    it('the essay printed with WordPress’s secret opens at its start, 1000 px tall, scrolling inside', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      await s.get(`${host.origin}/essay/`);
      await s.waitFor('return document.querySelector("iframe.wp-embedded-content").height === "1000"', 20000);
      await s.switchToFrame(await s.find('iframe.wp-embedded-content'));
      assert.equal(await s.exec('return document.documentElement.dataset.app'), 'live');
      assert.equal(await s.exec('return document.querySelector(".panel").dataset.step'), '-1');
      assert.ok(await s.exec('return document.documentElement.scrollHeight > innerHeight + 1000'), 'the essay scrolls inside its frame');
      await s.switchToParent();
    });

    it('the credit link opens the explainer in the host’s window, through WordPress’s link message', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      await s.get(`${host.origin}/widgets/`);
      await s.waitFor('return [...document.querySelectorAll("iframe.wp-embedded-content")].every((f) => !f.hasAttribute("style"))', 20000);
      const [tl] = await s.findAll('iframe.wp-embedded-content');
      await s.switchToFrame(tl);
      const link = await s.find('.credit-line a');
      await link.click();
      // The frame goes with the page it was in: back to the top-level window.
      await s.switchToFrame(null);
      await s.waitFor(`return location.href === ${JSON.stringify(site.url)}`, 10000);
      await s.waitFor('return !!document.querySelector(".panel")', 15000);
    });
  });
}
