// First paint on a throttled phone, beside a static page of the same text, in one run.
//
// The phone: 4× CPU slowdown, 1.6 Mbps down, 750 kbps up, 150 ms round trip, cache off,
// 375×740, Chromium. Each page of the build is paired with a static page of its own text: the
// built HTML with every script, style, drawing and control taken out, and a few lines of CSS
// (what a hand-written page of the same words would be). Pages and their static twins are
// loaded alternately, several rounds, and the medians compared.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const PHONE = {
  cpu: 4,
  network: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
  viewport: { width: 375, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

const STATIC_CSS = 'body{margin:0 auto;max-width:40rem;padding:1rem;font:17px/1.6 Georgia,serif;color:#1b1b1b;background:#fbf9f4}h1{line-height:1.1}';

/** The static twin of a built page: its words only. */
export function staticTwin(html) {
  let body = html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<link[^>]*>/g, '')
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<template[\s\S]*?<\/template>/g, '');
  // Drawings and controls: every instrument and the stage go; their text stays in the article.
  for (const cls of ['graphic', 'still', 'inst inst-', 'chips', 'stepper', 'embed-code', 'reader-tools', 'langs']) {
    body = stripBlocks(body, cls);
  }
  return body.replace(/<head>/, `<head><style>${STATIC_CSS}</style>`);
}

/** Removes every element whose class attribute starts with `cls`, with what it holds. */
function stripBlocks(html, cls) {
  let out = html;
  for (;;) {
    const at = out.search(new RegExp(`<(div|section|nav|details|p|figure|picture)[^>]*class="${cls.replace(/[-]/g, '\\-')}`));
    if (at < 0) return out;
    const tag = /^<(\w+)/.exec(out.slice(at))[1];
    // Find the matching close tag, counting nested elements of the same name.
    const re = new RegExp(`<${tag}\\b|</${tag}>`, 'g');
    re.lastIndex = at;
    let depth = 0;
    let end = -1;
    for (let m; (m = re.exec(out)); ) {
      depth += m[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        end = re.lastIndex;
        break;
      }
    }
    if (end < 0) return out;
    out = out.slice(0, at) + out.slice(end);
  }
}

/** Writes the static twins next to the build (in `dir`), one per page; returns their paths. */
export async function writeTwins(dist, dir, pages) {
  const out = {};
  for (const [name, file] of Object.entries(pages)) {
    const html = await readFile(join(dist, file), 'utf8');
    const path = join(dir, `${name.replace(/\W+/g, '-')}.html`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, staticTwin(html));
    out[name] = path;
  }
  return out;
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** FCP in ms of `url` on the throttled phone, in a fresh tab with the cache off. */
async function fcp(browser, url) {
  const page = await browser.newPage();
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', PHONE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
    await page.setViewport(PHONE.viewport);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    return await page.evaluate(
      () =>
        new Promise((resolve) => {
          const find = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          const t = find();
          if (t) return resolve(t);
          new PerformanceObserver((l) => resolve(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
        }),
    );
  } finally {
    await page.close();
  }
}

/**
 * For each page (name → address) and its static twin (name → address): the median FCP of
 * `rounds` alternating loads of each, and their ratio.
 */
export async function comparePaint(browser, pages, twins, rounds = 5) {
  const rows = [];
  for (const [name, url] of Object.entries(pages)) {
    const ours = [];
    const plain = [];
    for (let i = 0; i < rounds; i++) {
      plain.push(await fcp(browser, twins[name]));
      ours.push(await fcp(browser, url));
    }
    const o = median(ours);
    const p = median(plain);
    rows.push({ page: name, url, fcpMs: o, staticFcpMs: p, ratio: o / p, rounds });
  }
  return rows;
}
