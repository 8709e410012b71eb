// The monkey: seeded random sequences of what readers do (buttons, switches, disclosures, the
// chapter list, keys, wheel, scrolling, fragment jumps, back and forward, resizes from the
// engine's narrowest window to 1920 px, zoom, theme by address and by system, reduced motion,
// print media, what-if, timeline marks and chips, the Embed panel) on the essay, on every widget
// page the build has (the catalog is the model's address table), and on a host page on another
// origin with every widget embedded. Zero page errors and zero console errors.
//
//   MONKEY_SEEDS=1,2,3      the fixed seeds (default); each page of each seed is a session of its own
//   MONKEY_ACTIONS=100      actions per page and seed (default 100: 300 per page)
//   MONKEY_SEED=7           replay one seed (with MONKEY_ACTIONS, as a failure prints it)
//   MONKEY_PAGES=essay,map  only these pages (names from the address table, and "embed")

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { MIN_WIDTH, PROBE, catalog, runMonkey, serveProbed } from './lib/monkey.mjs';
import { startServer } from './lib/server.mjs';
import { EXPLAINER } from './lib/site.mjs';
import { newSession } from './lib/webdriver.mjs';

const seeds = (process.env.MONKEY_SEED ?? process.env.MONKEY_SEEDS ?? '1,2,3').split(',').map(Number);
const actions = Number(process.env.MONKEY_ACTIONS ?? 100);
const only = process.env.MONKEY_PAGES?.split(',').map((p) => p.trim());
const pages = [...catalog(), { name: 'embed', path: null }].filter((p) => !only || only.includes(p.name));

/** Each seed reads in its own window: sizes and system settings differ, the seed picks. */
function sessionOptions(seed, engine) {
  const kinds = [
    { width: 1280, height: 800 },
    { width: MIN_WIDTH[engine], height: 740, colorScheme: 'dark', reducedMotion: true },
    { width: 900, height: 1000 },
  ];
  return kinds[(seed - 1 + kinds.length) % kinds.length];
}

/** What a host page's fragment may name: the essay's ids, and each widget's prefixed names. */
function targets(dist = EXPLAINER.dist) {
  const names = new Set();
  for (const w of catalog(dist)) {
    const html = readFileSync(join(dist, w.dir, 'index.html'), 'utf8');
    const values = (attr) => [...html.matchAll(new RegExp(`\\s${attr}=(?:"([^"]*)"|([^\\s>]+))`, 'g'))].flatMap((m) => (m[1] ?? m[2]).split(/\s+/));
    if (!w.prefix) for (const id of values('id')) names.add(id);
    for (const attr of ['data-id', 'data-stage-ids', 'data-scene']) for (const v of values(attr)) if (/^[\w-]+$/.test(v) && w.prefix) names.add(w.prefix + v);
  }
  return [...names];
}

/** A newspaper page on another origin with every widget in it, by script and by iframe. */
function hostPage(explainer, widgets) {
  const scripted = widgets.map((w) => `<h2>${w.name}</h2><div data-explainer="${w.name}" data-title="Explainer ${w.name}"></div>`).join('\n');
  const first = widgets.find((w) => w.dir);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A newspaper page</title><link rel="icon" href="data:,">${PROBE}<style>body{font:18px/1.5 Georgia,serif;margin:0 auto;max-width:52rem;padding:1rem}</style>
<script>window.__monkeyTargets = ${JSON.stringify(targets())};</script></head>
<body><main><h1>Host article</h1><p>Some of the host's own text.</p>
${scripted}
<h2>Pasted iframe code</h2>
<iframe src="${explainer}${first.dir}?embed=1" title="Pasted ${first.name}" data-explainer-frame style="width:100%;height:${first.height};border:0"></iframe>
<h2>An old address</h2>
<iframe src="${explainer}?widget=${first.name}&embed=1" title="Old ${first.name}" data-explainer-frame style="width:100%;height:400px;border:0"></iframe>
<div style="height:60vh"></div></main>
<script src="${explainer}embed.js" async></script></body></html>`;
}

for (const engine of engines()) {
  describe(`monkey [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let host;
    before(async () => {
      site = await serveProbed();
      host = await startServer({
        host: '127.0.0.2',
        routes: { '/host.html': { body: hostPage(site.url, catalog()) } },
      });
    });
    after(async () => {
      await site?.close();
      await host?.close();
    });

    for (const seed of seeds) {
      describe(`seed ${seed}`, () => {
        for (const page of pages) {
          it(`${page.name}: ${actions} actions, no error`, async (t) => {
            // A session of its own for each page: what one page's run left in the browser (its
            // window, an emulation) is not the next one's start, and a failure replays alone
            // (the replay command runs one page) as it happened.
            const s = await newSession(browser.driver, sessionOptions(seed, engine));
            t.after(() => s.quit());
            const embed = page.path === null;
            const result = await runMonkey(s, {
              url: embed ? `${host.origin}/host.html` : `${site.url}${page.path}`,
              label: page.name,
              seed,
              actions,
              frames: embed ? 'iframe[data-explainer-frame], [data-explainer] iframe' : null,
              origins: embed ? [host.origin, site.origin] : [site.origin],
            });
            t.diagnostic(
              `${page.name} seed ${seed}: ${result.actions} actions in ${(result.ms / 1000).toFixed(1)} s ` +
                `(${result.scripted} scripted, ${result.real} real input, ${result.navigations} navigations${embed ? `, ${result.frames} frame visits` : ''})`,
            );
            if (process.env.MONKEY_VERBOSE) {
              t.diagnostic(result.log.join('\n'));
              t.diagnostic(Object.entries(result.timing).map(([k, v]) => `${k}: ${v.n} x ${Math.round(v.ms / v.n)} ms`).join(', '));
            }
            assert.equal(result.actions, actions);
          });
        }
      });
    }
  });
}
