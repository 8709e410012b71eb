// Pasting a link: real oEmbed consumers (npm unfurl.js and @extractus/oembed-extractor) discover
// and read the static oEmbed response of each page of the served build, with its Open Graph and
// Twitter card; the response's HTML, pasted into a page as a consumer would, frames the widget.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unfurl } from 'unfurl.js';
import { extract } from '@extractus/oembed-extractor';
import { engines, useDriver } from './lib/engines.mjs';
import { startServer } from './lib/server.mjs';
import { PAGES, pngSize, publicBase, rebase, routedFetch, wpDiscover } from './lib/oembed.mjs';
import { REPO, ready, serveDist } from './lib/site.mjs';

const DIST = join(REPO, 'dist');

describe('oEmbed and social cards, read by real consumers', () => {
  let site;
  let base;
  let fetcher;
  before(async () => {
    site = await serveDist();
    base = publicBase(DIST);
    fetcher = routedFetch(base, site.url);
  });
  after(async () => {
    await site?.close();
  });

  /** What the page itself says: its title (the widget's heading) from the built HTML. */
  function pageTitle(dir) {
    const html = readFileSync(join(DIST, dir, 'index.html'), 'utf8');
    return /<title>([^<]*)<\/title>/.exec(html)[1].replace(/&amp;/g, '&');
  }

  for (const { widget, dir } of PAGES) {
    it(`unfurl.js discovers ${widget}'s oEmbed response, Open Graph and Twitter card`, async () => {
      const url = base + dir;
      const r = await unfurl(url, { fetch: fetcher });
      const o = r.oEmbed;
      assert.ok(o, `no oEmbed found for ${url}`);
      assert.equal(o.type, 'rich');
      assert.equal(o.version, '1.0');
      assert.equal(o.title, pageTitle(dir));
      assert.equal(o.provider_url, base);
      assert.ok(o.provider_name);
      assert.ok(Number.isInteger(o.width) && Number.isInteger(o.height), 'rich needs width and height');
      assert.ok(o.height >= 200 && o.height <= 1000, `height ${o.height} within what WordPress allows`);
      // The frame of the Embed panel for the default state, with the loader, all absolute.
      assert.match(o.html, new RegExp(`<iframe src="${base}${dir}\\?embed=1" title="[^"]+" width="100%" height="${o.height}" frameborder="0" data-explainer-frame`));
      assert.ok(o.html.includes(`<script src="${base}embed.js" async></script>`));
      assert.ok(o.html.startsWith(`<blockquote style="display:none"><a href="${base}${dir}">`), 'a link for WordPress to show until the frame answers');
      assert.deepEqual(o.thumbnails?.[0], { url: `${base}${dir}card.png`, width: 600, height: 315 });

      const og = r.open_graph;
      assert.equal(og.title, o.title);
      assert.equal(og.url, url);
      assert.ok(og.description?.length > 40);
      assert.deepEqual(
        og.images.map((i) => [i.url, i.width, i.height, Boolean(i.alt)]),
        [[`${base}${dir}card.png`, 600, 315, true]],
      );
      assert.equal(r.twitter_card.card, 'summary_large_image');
      // Every address the consumer was given is absolute and under the public address.
      const urls = JSON.stringify(r).match(/https?:\/\/[^"\\ ]+/g) ?? [];
      const foreign = urls.filter((u) => !u.startsWith(base) && !u.startsWith('https://milwaukeeindependent.com/'));
      assert.deepEqual(foreign.filter((u) => !u.endsWith('/favicon.ico')), []);
    });
  }

  it('@extractus/oembed-extractor finds the same responses by discovery; the static files ignore maxwidth and maxheight', async () => {
    for (const { dir } of PAGES) {
      const log = [];
      const data = await extract(base + dir, { maxwidth: 480, maxheight: 400 }, routedFetch(base, site.url, log));
      assert.equal(data.method, 'auto-discovery');
      assert.equal(data.type, 'rich');
      assert.equal(data.thumbnail_url, `${base}${dir}card.png`);
      assert.ok(log.some((u) => u.startsWith(`${site.url}${dir}oembed.json?`) && u.includes('maxwidth=480')), log.join('\n'));
      // A static host cannot honour them: the height stays the page's default (README: Deploying).
      assert.ok(data.height > 400);
    }
  });

  it('a deep link discovers the default response; the cards are small PNGs served as images', async () => {
    const r = await unfurl(`${base}timeline/?event=inchon-landing`, { fetch: fetcher });
    assert.equal(r.oEmbed.thumbnails[0].url, `${base}timeline/card.png`);
    let total = 0;
    for (const { dir } of PAGES) {
      const res = await fetcher(`${base}${dir}card.png`);
      assert.equal(res.headers.get('content-type'), 'image/png');
      const buf = Buffer.from(await res.arrayBuffer());
      assert.deepEqual(pngSize(buf), { width: 600, height: 315 });
      assert.ok(buf.length <= 16_000, `${dir}card.png is ${buf.length} bytes`);
      total += buf.length;
      const json = await fetcher(`${base}${dir}oembed.json`);
      assert.match(json.headers.get('content-type'), /^application\/json/);
    }
    console.log(`# cards: ${total} bytes for ${PAGES.length} pages`);
  });

  it('WordPress finds the discovery link in the minified pages, as its own parser reads them', async () => {
    for (const { dir } of PAGES) {
      const res = await fetcher(base + dir);
      const html = await res.text();
      assert.equal(wpDiscover(html), `${base}${dir}oembed.json`, dir);
      const at = html.indexOf('application/json+oembed');
      console.log(`# ${dir || 'essay'}: discovery link at byte ${Buffer.byteLength(html.slice(0, at))} of ${Buffer.byteLength(html)}`);
    }
  });
});

// The response's HTML as a consumer that keeps it whole pastes it (Ghost, Iframely and most
// sites that embed oEmbed rich responses): the loader in it sizes the frame, the link stays hidden.
for (const engine of engines()) {
  describe(`oEmbed html in a consumer's page [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let host;
    let html;
    before(async () => {
      site = await serveDist();
      const base = publicBase(DIST);
      const o = JSON.parse(readFileSync(join(DIST, 'diagram', 'oembed.json'), 'utf8'));
      html = rebase(o.html, base, site.url);
      const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A consumer</title><link rel="icon" href="data:,"></head>
<body style="margin:0 auto;max-width:700px"><h1>Pasted link</h1><div id="embed"></div><p>After.</p>
<script>
  // Inserted as consumers do: the markup, then its scripts made live.
  const box = document.getElementById('embed');
  box.innerHTML = ${JSON.stringify(html).replace(/<\//g, '<\\/')};
  for (const old of box.querySelectorAll('script')) {
    const s = document.createElement('script'); s.src = old.src; s.async = true; old.replaceWith(s);
  }
</script></body></html>`;
      host = await startServer({ host: '127.0.0.2', routes: { '/post.html': { body: page } } });
    });
    after(async () => {
      await site?.close();
      await host?.close();
    });

    it('the frame loads the widget and sizes itself to its content; the fallback link stays hidden', async () => {
      const s = await browser.session({ width: 1000, height: 800 });
      await s.get(`${host.origin}/post.html`);
      await s.waitFor('return document.querySelector("#embed iframe")?.getBoundingClientRect().height !== 720', 15000);
      // Until the frame has its content's height (it answers as the widget grows), or the time is up.
      const heights = async () => {
        const outer = await s.exec('return document.querySelector("#embed iframe").getBoundingClientRect().height');
        await s.switchToFrame(await s.find('#embed iframe'));
        const inner = await s.exec('return document.documentElement.getBoundingClientRect().height');
        await s.switchToParent();
        return [outer, inner];
      };
      await s.waitFor(async () => { const [o, i] = await heights(); return Math.abs(o - i) <= 2; }, 10000).catch(() => {});
      const [outer, inner] = await heights();
      await s.switchToFrame(await s.find('#embed iframe'));
      assert.equal(await s.exec('return document.documentElement.dataset.app'), 'live');
      await s.switchToParent();
      assert.ok(Math.abs(outer - inner) <= 2, `frame ${outer} px for content ${inner} px`);
      assert.equal(await s.exec('return getComputedStyle(document.querySelector("#embed blockquote")).display'), 'none');
    });

    it('the Embed panel gives the page’s link for a CMS, with the state on show, beside the codes', async () => {
      const s = await browser.session({ width: 1280, height: 900 });
      await s.get(`${site.url}diagram/?stage=inchon`);
      await s.waitFor('return document.documentElement.dataset.app === "live"', 15000);
      await (await s.find('.embed-code summary')).click();
      // (The app writes the codes as the panel opens.)
      const fields = await s.waitFor('const f = [...document.querySelectorAll(".embed-snippet")].map((d) => [d.querySelector("label").textContent, d.querySelector("textarea").value]); return f.length === 3 && f.every((x) => x[1]) && f', 5000);
      assert.deepEqual(fields.map((f) => f[0]), ['Iframe (sizes itself with the script)', 'Element and script', 'Link (paste into a CMS that reads oEmbed)']);
      assert.equal(fields[2][1], `${site.url}diagram/?stage=inchon`);
      assert.ok(fields[0][1].startsWith(`<iframe src="${site.url}diagram/?embed=1&amp;stage=inchon" title="`), fields[0][1]);
      assert.ok(fields[0][1].includes(' width="100%" height="720" frameborder="0" data-explainer-frame'), fields[0][1]);
      // The essay's panel follows its picker.
      await s.get(site.url);
      await ready(s); // (the essay starts its app when the reader reaches the story)
      await s.exec('document.querySelector(".embed-code").open = true');
      // (its body comes out of its template on the toggle that follows)
      await s.waitFor('return !!document.querySelector(".embed-code .embed-pick select")', 5000);
      await s.exec('const p = document.querySelector(".embed-pick select"); p.value = "timeline"; p.dispatchEvent(new Event("change", { bubbles: true }))');
      await s.waitFor(`return document.querySelector("#embed-code-2").value === ${JSON.stringify(`${site.url}timeline/`)}`, 5000);
      await s.exec('const p = document.querySelector(".embed-pick select"); p.value = "essay"; p.dispatchEvent(new Event("change", { bubbles: true }))');
      await s.waitFor(`return document.querySelector("#embed-code-2").value.startsWith(${JSON.stringify(site.url)})`, 5000);
    });
  });
}
