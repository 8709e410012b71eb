// The benchmark: serves a release build with compression, measures it, prints
// a table and writes the same results as JSON. Run through scripts/bench.sh,
// which builds first:
//
//   node bench/run.mjs --dist DIR [--out FILE] [--lh-runs N] [--passes N] [--traces]
//
// --traces also keeps the raw Chrome traces in results/traces/ (open them in
// the DevTools Performance panel to see what a long task was).
//
// Parts run one after another (never two browsers at once: 2 cores). A missed
// budget is a result, not a failure: the exit code is 0 unless a part broke.

import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startServer } from '../tests/e2e/lib/server.mjs';
import { launchBrowser } from './browser.mjs';
import { filesRequested, mapShare, sizes } from './bytes.mjs';
import { comparePaint, writeTwins } from './paint.mjs';
import { audit } from './lighthouse.mjs';
import { evaluateBudgets, render } from './report.mjs';
import { keepTracesIn, measureMemory, measureScrolling, measureStepChanges, openEssay } from './scroll.mjs';
import { TIMELINEJS_VERSION, startTimelineJsServer } from './timelinejs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: join(repo, 'dist') },
    out: { type: 'string', default: join(here, 'results', 'latest.json') },
    // Lighthouse's TBT swings by 100+ ms between runs here: the median of 3 is steadier.
    'lh-runs': { type: 'string', default: '3' },
    passes: { type: 'string', default: '20' },
    traces: { type: 'boolean', default: false },
  },
});
const dist = resolve(args.dist);
const out = resolve(args.out);
const lighthouseRuns = Math.max(1, Number(args['lh-runs']));
const passes = Math.max(1, Number(args.passes));
if (args.traces) keepTracesIn(join(dirname(out), 'traces'));

/** The pages Lighthouse audits, as paths under the server's base. */
const PAGES = {
  'full essay': '',
  'timeline embed': 'timeline/?embed=1',
  'diagram embed': 'diagram/?embed=1',
  'map embed': 'map/?embed=1',
  'essay embed': '?embed=1',
  'ko essay': 'ko/',
  'zh-Hans essay': 'zh-hans/',
};

/** Each page's first load: the essay and every widget's own page (each with its limit). */
// Limits (KB, brotli): the essay's first load and its load with its whole app (issue 20); each
// widget's figure before issue 19 (48.0, 42.1, 37.6 KB: "the widgets keep their figures").
// `dom`: also count the document's elements and inline CSS at load (issue 20: ≤ 1,400, ≤ 15 KB).
const FIRST_LOADS = {
  essay: { path: '', file: 'index.html', limit: 40, dom: true },
  'essay with its app': { path: '#taiwan-first', file: 'index.html', limit: 80, app: true },
  'essay embedded': { path: '?embed=1', file: 'index.html', limit: 80, app: true },
  timeline: { path: 'timeline/?embed=1', file: 'timeline/index.html', limit: 48.0 },
  diagram: { path: 'diagram/?embed=1', file: 'diagram/index.html', limit: 42.1 },
  map: { path: 'map/?embed=1', file: 'map/index.html', limit: 37.6 },
  'ko essay': { path: 'ko/', file: 'ko/index.html', limit: 40, dom: true, edition: true },
  'ko essay with its app': { path: 'ko/#taiwan-first', file: 'ko/index.html', limit: 80, app: true, edition: true },
  'ko timeline': { path: 'ko/timeline/?embed=1', file: 'ko/timeline/index.html', limit: 48.0, edition: true },
  'zh-Hans essay': { path: 'zh-hans/', file: 'zh-hans/index.html', limit: 40, dom: true, edition: true },
  'zh-Hans essay with its app': { path: 'zh-hans/#taiwan-first', file: 'zh-hans/index.html', limit: 80, app: true, edition: true },
  'zh-Hans timeline': { path: 'zh-hans/timeline/?embed=1', file: 'zh-hans/timeline/index.html', limit: 48.0, edition: true },
};
/** First paint beside a static twin: the essay, embedded too, and each widget. */
const PAINTED = ['essay', 'essay embedded', 'timeline', 'diagram', 'map'];

const git = (...gitArgs) => {
  try {
    return execFileSync('git', gitArgs, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const started = Date.now();
const results = {
  meta: {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain').length > 0,
    node: process.versions.node,
    cores: availableParallelism(),
    // Right after the build this is high anyway; kept to explain odd timings.
    loadAverage: loadavg()[0],
    dist: relative(repo, dist) || '.',
    out: relative(repo, out),
  },
  errors: [],
};

/** Runs one part; a failure is recorded (and makes the run "broken") but the other parts still run. */
async function part(name, fn) {
  const t = Date.now();
  log(`${name}…`);
  try {
    return await fn();
  } catch (error) {
    log(`${name} FAILED: ${error.stack ?? error}`);
    results.errors.push({ part: name, message: String(error.message ?? error) });
    return null;
  } finally {
    log(`${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

const site = await startServer({ root: dist, base: '/', compress: true });
const timelinejs = await startTimelineJsServer(join(repo, 'content', 'timeline.toml'));

try {
  // --- In one browser: the first load, step changes, scrolling, memory. ---
  const browser = await launchBrowser();
  results.meta.chromium = `Chromium ${(await browser.version()).replace(/^[^/]*\//, '')}`;
  try {
    const essay = await part('open the essay', () => openEssay(browser, site.url));
    results.firstLoads = await part('first loads of every page', async () => {
      const all = {};
      for (const [name, { path, limit, dom, app, edition }] of Object.entries(FIRST_LOADS)) {
        const page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 800 });
        const logStart = site.log.length;
        await page.goto(site.url + path, { waitUntil: 'networkidle0', timeout: 60_000 });
        // "With its app": everything the app asks for once it has started.
        if (app) {
          await page.waitForSelector('html[data-app="live"]', { timeout: 30_000 });
          await page.waitForNetworkIdle({ idleTime: 500, timeout: 30_000 });
        }
        // The document as loaded (the essay's app is not there yet): its elements, and the CSS
        // inline in it.
        const counted = dom
          ? await page.evaluate(() => ({
              elements: document.querySelectorAll('*').length,
              inlineCss: [...document.querySelectorAll('style')].reduce((n, s) => n + new TextEncoder().encode(s.textContent).length, 0),
              app: document.documentElement.dataset.app ?? null,
            }))
          : {};
        await page.close();
        const files = filesRequested(site.log.slice(logStart), '/');
        all[name] = { url: site.url + path, limitKb: limit, edition: !!edition, app: !!app, ...counted, ...(await sizes(dist, files)) };
      }
      all.essay.map = await mapShare(dist).catch(() => null);
      results.firstLoad = all.essay;
      return all;
    });
    results.paint = await part('first paint on a throttled phone, beside static pages', async () => {
      const painted = Object.entries(FIRST_LOADS).filter(([n]) => PAINTED.includes(n));
      const twins = await writeTwins(dist, join(dist, '.static'), Object.fromEntries(painted.map(([n, v]) => [n, v.file])));
      const urls = Object.fromEntries(painted.map(([n, v]) => [n, site.url + v.path]));
      const twinUrls = Object.fromEntries(Object.entries(twins).map(([n, p]) => [n, site.url + relative(dist, p)]));
      return comparePaint(browser, urls, twinUrls, 5);
    });
    if (essay) {
      results.steps = await part('step changes', () => measureStepChanges(essay.page));
      results.scrolling = await part('scrolling', () => measureScrolling(essay.page, essay.cdp, essay.scrollable));
      // A fresh tab, so the baseline is a page that has only loaded.
      results.memory = await part('memory', async () => {
        const fresh = await openEssay(browser, site.url);
        try {
          return await measureMemory(fresh.page, fresh.cdp, fresh.scrollable, passes);
        } finally {
          await fresh.page.close();
        }
      });
      await essay.page.close();
    }
  } finally {
    await browser.close();
  }

  // --- Lighthouse, strictly one run at a time. ---
  const pages = {};
  for (const [name, path] of Object.entries(PAGES)) {
    const summary = await part(`lighthouse: ${name}`, () => audit(site.url + path, lighthouseRuns));
    if (summary) pages[name] = summary;
  }
  results.lighthouse = { runs: lighthouseRuns, pages };

  const theirs = await part(`lighthouse: TimelineJS ${TIMELINEJS_VERSION}`, () => audit(timelinejs.pageUrl, lighthouseRuns));
  const ours = pages['timeline embed'];
  if (ours && theirs) {
    const local = (r) => new URL(r.url).hostname === '127.0.0.1';
    const moved = (r) => r.transferSize > 0;
    results.comparison = {
      timelinejsVersion: TIMELINEJS_VERSION,
      events: timelinejs.data.events.length,
      pageUrl: timelinejs.pageUrl,
      ours: { totalByteWeight: ours.totalByteWeight, requests: ours.requests.filter(moved).length, lcpMs: ours.lcpMs, tbtMs: ours.tbtMs },
      theirs: {
        totalByteWeight: theirs.totalByteWeight,
        requests: theirs.requests.filter(moved).length,
        lcpMs: theirs.lcpMs,
        tbtMs: theirs.tbtMs,
        cls: theirs.cls,
        scores: theirs.scores,
        files: theirs.requests.filter(local).map(({ url, transferSize, resourceSize }) => ({ url, transferSize, resourceSize })),
      },
      bytesRatio: ours.totalByteWeight / theirs.totalByteWeight,
      lcpRatio: ours.lcpMs / theirs.lcpMs,
      tbtRatio: theirs.tbtMs > 0 ? ours.tbtMs / theirs.tbtMs : null,
      // Requests to other hosts, which the browser was not allowed to resolve.
      blocked: [...new Set(theirs.requests.filter((r) => !local(r)).map((r) => new URL(r.url).hostname + new URL(r.url).pathname))],
    };
  }
} finally {
  await site.close();
  await timelinejs.server.close();
}

results.budgets = evaluateBudgets(results);
results.meta.seconds = (Date.now() - started) / 1000;
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(render(results));
process.exitCode = results.errors.length ? 1 : 0;
