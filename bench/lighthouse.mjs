// Lighthouse 12.2.3 with its default (mobile) preset: Moto G Power screen,
// simulated slow 4G and 4x CPU slowdown. One fresh Chromium per run (its own
// temporary profile from chrome-launcher), and runs strictly one after another:
// two at once on a 2-core machine would measure each other.

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** One Lighthouse run of `url`; returns the LHR (throws on a runtime error). */
async function runOnce(url) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    await chrome.kill();
  }
}

/**
 * Runs Lighthouse `runs` times on `url` and summarises the median run (by
 * Lighthouse's own pick: the run closest to the median FCP and TTI).
 */
export async function audit(url, runs = 1) {
  const lhrs = [];
  for (let i = 0; i < runs; i++) lhrs.push(await runOnce(url));
  return summarise(runs > 1 ? computeMedianRun(lhrs) : lhrs[0], runs);
}

/** The figures the report needs from one LHR, plus what failed. */
function summarise(lhr, runs) {
  const audit = (id) => lhr.audits[id];
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
  const requests = audit('network-requests').details.items.map((item) => ({
    url: item.url,
    status: item.statusCode,
    transferSize: item.transferSize ?? 0,
    resourceSize: item.resourceSize ?? 0,
    resourceType: item.resourceType,
  }));
  // Audits that cost points, so a score below 100 says why.
  const failing = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const a = audit(ref.id);
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        failing.push({ category: id, audit: ref.id, score: a.score, value: a.displayValue ?? null });
      }
    }
  }
  // Audits that could not run. With Debian's Chromium (newer than Lighthouse
  // 12.2.3 knows) the trace-based diagnostics fail ("frame_sequence"); none of
  // them carries weight in a category score, which `weighted` checks.
  const weights = new Map();
  for (const id of CATEGORIES) for (const ref of lhr.categories[id]?.auditRefs ?? []) weights.set(ref.id, (weights.get(ref.id) ?? 0) + ref.weight);
  const errored = Object.values(lhr.audits)
    .filter((a) => a.scoreDisplayMode === 'error')
    .map((a) => ({ audit: a.id, weighted: (weights.get(a.id) ?? 0) > 0, message: a.errorMessage ?? '' }));
  return {
    url: lhr.finalDisplayedUrl,
    runs,
    scores,
    lcpMs: audit('largest-contentful-paint').numericValue,
    cls: audit('cumulative-layout-shift').numericValue,
    tbtMs: audit('total-blocking-time').numericValue,
    fcpMs: audit('first-contentful-paint').numericValue,
    // Sum of transferSize over every request (what the network moved).
    totalByteWeight: audit('total-byte-weight').numericValue,
    lcpElement: audit('largest-contentful-paint-element')?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
    requests,
    failing,
    errored,
    environment: {
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment.hostUserAgent,
      benchmarkIndex: lhr.environment.benchmarkIndex,
      formFactor: lhr.configSettings.formFactor,
      throttlingMethod: lhr.configSettings.throttlingMethod,
    },
    warnings: lhr.runWarnings,
  };
}
