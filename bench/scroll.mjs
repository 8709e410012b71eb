// The scripted measurements on the full essay: what a step change costs in
// scripting, the longest task while scrolling, and memory over twenty passes.
// All at a desktop viewport (1280x800, where the graphic is pinned beside the
// text), with the CPU unthrottled, in one tab of Debian's Chromium.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { TRACE_CATEGORIES, longestTask, marks, pageMainThread, parseTrace, scriptingMs, renderingMs, tasks, threadEvents } from './trace.mjs';

export const VIEWPORT = { width: 1280, height: 800 };

/** Wait after each step change: past the app's 700 ms live-region announcement, so its work counts. */
const STEP_SETTLE_MS = 1000;
/** Scroll speeds in CSS px/s: a flick, and someone reading along. */
export const FAST_PX_S = 8000;
export const SLOW_PX_S = 1200;

/**
 * The wasm linear memory is not reachable from the page (wasm-bindgen keeps
 * its instance in a module variable), so this wraps WebAssembly.instantiate*
 * before any page script runs and keeps every exported Memory.
 */
function keepWasmMemories() {
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    for (const value of Object.values(instance?.exports ?? {})) {
      if (value instanceof WebAssembly.Memory) (window.__benchWasmMemories ??= []).push(value);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (typeof original === 'function') {
      WebAssembly[name] = function (...args) {
        return original.apply(this, args).then(keep);
      };
    }
  }
}

/** Opens `url` in a new tab and waits until the app has mounted the panel. */
export async function openEssay(browser, url) {
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  await page.evaluateOnNewDocument(keepWasmMemories);
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 60_000 });
  // The essay loads its app as the reader reaches the story: go there, as a reader would.
  await page.evaluate(() => document.getElementById('story')?.scrollIntoView({ behavior: 'instant' }));
  await page.waitForSelector('html[data-app="live"]', { timeout: 30_000 });
  const cdp = await page.createCDPSession();
  const info = await page.evaluate(() => ({
    steps: document.querySelectorAll('.steps .step').length,
    scrollable: document.documentElement.scrollHeight - innerHeight,
    wasmMemories: (window.__benchWasmMemories ?? []).length,
  }));
  if (info.steps === 0) throw new Error(`${url}: no .steps .step elements`);
  if (info.wasmMemories === 0) throw new Error(`${url}: the app's WebAssembly.Memory was not seen (instantiate hook)`);
  return { page, cdp, ...info };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let traceDir = null;

/** Also write every raw trace to `dir` as <name>.json (they open in DevTools' Performance panel). */
export function keepTracesIn(dir) {
  traceDir = dir;
}

/** Traces `fn()` with the timeline categories; returns [fn's result, trace events]. */
async function traced(page, name, fn) {
  await page.tracing.start({ categories: TRACE_CATEGORIES });
  let result;
  let failure = null;
  try {
    result = await fn();
  } catch (error) {
    failure = error;
  }
  const data = await page.tracing.stop(); // always, or the next start fails
  if (traceDir) {
    await mkdir(traceDir, { recursive: true });
    await writeFile(join(traceDir, `${name.replace(/[^\w-]+/g, '-')}.json`), data);
  }
  if (failure) throw failure;
  return [result, parseTrace(data)];
}

/**
 * Step changes. An in-page harness scrolls (instantly) to each step in turn,
 * down through all of them and back up to above the first, waiting
 * STEP_SETTLE_MS after each. Each scroll is preceded by a Performance mark
 * `bench:step:…`; the scripting time of a step change is the scripting in the
 * trace between its mark and the next, counted like DevTools' "Scripting"
 * (JS + wasm, less the style/layout it forces) but in thread time, so that
 * other processes on the machine don't inflate it; leaving out the harness's own tasks
 * (the ones holding a mark). So it is everything the app runs because the
 * page moved: the scroll listener, the rAF measurement, the reactive updates
 * and the announcement timer, with nothing of ours mixed in.
 *
 * If the app itself records measures named `step:<n>` (performance.measure),
 * those are returned too and preferred by the report.
 */
export async function measureStepChanges(page) {
  const [walk, events] = await traced(page, 'step-changes', () =>
    page.evaluate(async (settleMs) => {
      const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      const panel = document.querySelector('.panel');
      const steps = [...document.querySelectorAll('.steps .step')];
      const n = steps.length;
      // Mirrors explainer_model::scroll::trigger_ratio: the line a step's top
      // must cross to become active. The target puts that line halfway
      // through the step's span, so a small change in the ratio still lands.
      const trigger = innerHeight * (innerWidth < 900 ? 0.62 : 0.55);
      const targetY = (i) => {
        if (i < 0) return 0;
        const top = steps[i].getBoundingClientRect().top + scrollY;
        const end = i + 1 < n ? steps[i + 1].getBoundingClientRect().top + scrollY : steps[i].getBoundingClientRect().bottom + scrollY;
        return Math.max(0, (top + end) / 2 - trigger);
      };
      const order = [...Array(n).keys(), ...Array.from({ length: n - 1 }, (_, k) => n - 2 - k), -1];
      performance.clearMeasures();
      window.scrollTo({ top: 0, behavior: 'instant' });
      await wait(settleMs);
      const changes = [];
      for (const [k, target] of order.entries()) {
        const from = panel.dataset.step;
        performance.mark(`bench:step:${k}`);
        window.scrollTo({ top: targetY(target), behavior: 'instant' });
        await wait(settleMs);
        changes.push({ from: Number(from), to: target, reached: Number(panel.dataset.step) });
      }
      performance.mark('bench:step:end');
      const appMeasures = performance
        .getEntriesByType('measure')
        .filter((m) => /^step:/.test(m.name))
        .map((m) => ({ name: m.name, ms: m.duration }));
      return { changes, appMeasures };
    }, STEP_SETTLE_MS),
  );

  const thread = pageMainThread(events);
  const evs = threadEvents(events, thread);
  const stepMarks = marks(events, thread, 'bench:step:');
  if (stepMarks.length !== walk.changes.length + 1) {
    throw new Error(`step walk: ${stepMarks.length} marks in the trace for ${walk.changes.length} changes`);
  }
  // The harness's tasks: each one that holds a mark (it also scrolled).
  const harness = tasks(evs).filter((task) => stepMarks.some((m) => m.ts >= task.start && m.ts < task.end));
  const changes = walk.changes.map((change, k) => ({
    ...change,
    scriptingMs: scriptingMs(evs, stepMarks[k].ts, stepMarks[k + 1].ts, harness),
    layoutMs: renderingMs(evs, stepMarks[k].ts, stepMarks[k + 1].ts, harness),
  }));
  return { changes, appMeasures: walk.appMeasures, settleMs: STEP_SETTLE_MS };
}

/** One wheel gesture over `distance` px (positive: down) at `speed` px/s, as real input. */
async function wheel(cdp, distance, speed) {
  await cdp.send('Input.synthesizeScrollGesture', {
    x: Math.round(VIEWPORT.width * 0.7),
    y: Math.round(VIEWPORT.height / 2),
    yDistance: -distance,
    speed,
    gestureSourceType: 'mouse',
    preventFling: true,
  });
}

/**
 * Long tasks while scrolling: the whole essay down and up, fast then slow,
 * as real wheel input (CDP Input.synthesizeScrollGesture, which the browser
 * feeds to the page like a mouse wheel), each gesture traced on its own.
 * Tasks are measured both in thread (CPU) time and wall time; see trace.mjs.
 */
export async function measureScrolling(page, cdp, scrollable) {
  const runs = [];
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await sleep(500);
  for (const [label, direction, speed] of [
    ['down, fast', 1, FAST_PX_S],
    ['up, fast', -1, FAST_PX_S],
    ['down, slow', 1, SLOW_PX_S],
    ['up, slow', -1, SLOW_PX_S],
  ]) {
    const started = Date.now();
    const [, events] = await traced(page, `scroll-${label}`, async () => {
      await wheel(cdp, direction * scrollable, speed);
      await sleep(300); // the last frames and any trailing timers
    });
    const endY = await page.evaluate(() => scrollY);
    const expected = direction > 0 ? scrollable : 0;
    if (Math.abs(endY - expected) > 2) throw new Error(`scroll ${label}: ended at y=${endY}, expected ${expected}`);
    const evs = threadEvents(events, pageMainThread(events));
    runs.push({ label, speedPxPerS: speed, seconds: (Date.now() - started) / 1000, ...longestTask(evs, -Infinity, Infinity) });
  }
  return runs;
}

/** JS heap (after a full GC) and wasm linear memory, in bytes. */
async function memory(page, cdp) {
  // Twice: the first collection can leave garbage that finalizers free.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const inPage = await page.evaluate(() => ({
    wasm: (window.__benchWasmMemories ?? []).reduce((sum, m) => sum + m.buffer.byteLength, 0),
    usedJSHeapSize: performance.memory?.usedJSHeapSize ?? null,
  }));
  return {
    jsHeapUsed: heap.usedSize,
    wasmMemory: inPage.wasm,
    total: heap.usedSize + inPage.wasm,
    // Cross-checks: the heap as the page sees it, and V8's ArrayBuffer backing stores (wasm included).
    perfMemoryUsedJSHeapSize: inPage.usedJSHeapSize,
    backingStorageSize: heap.backingStorageSize ?? null,
  };
}

/**
 * Memory before and after `passes` scroll passes (each: the whole essay down
 * and back up, as fast wheel gestures). "Memory" is the JS heap in use after a
 * forced GC (CDP Runtime.getHeapUsage) plus the wasm linear memory
 * (WebAssembly.Memory.buffer.byteLength, which only grows). Also taken after
 * the first pass, to tell one-off warm-up from growth that keeps going.
 */
export async function measureMemory(page, cdp, scrollable, passes = 20) {
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await sleep(1000);
  const before = await memory(page, cdp);
  let afterFirst = null;
  const started = Date.now();
  for (let pass = 1; pass <= passes; pass++) {
    await wheel(cdp, scrollable, FAST_PX_S);
    await wheel(cdp, -scrollable, FAST_PX_S);
    if (pass === 1) {
      await sleep(1000);
      afterFirst = await memory(page, cdp);
    }
  }
  await sleep(1000); // the announcement timer of the last step change
  const after = await memory(page, cdp);
  return { passes, seconds: (Date.now() - started) / 1000, before, afterFirst, after, growth: after.total - before.total };
}
