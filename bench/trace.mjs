// Reading Chrome traces (the JSON of CDP Tracing, as puppeteer's page.tracing
// returns it): the page's main thread, its tasks, and how much of a stretch of
// time went to scripting, counted the way the DevTools Performance panel does.

/** Categories that give tasks (RunTask), script entry points, layout and user-timing marks. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'toplevel',
];

/**
 * Events that run JavaScript (and so the wasm it calls): what DevTools files
 * under "Scripting". Nested calls overlap; the intervals are merged.
 */
const SCRIPT_EVENTS = new Set([
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'TimerFire',
  'FireIdleCallback',
  'RunMicrotasks',
  'EvaluateScript',
  'v8.run',
  'v8.callFunction',
  'v8.newInstance',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'XHRReadyStateChange',
  'XHRLoad',
]);

/**
 * Work that can happen *inside* a script event (a forced layout from
 * getBoundingClientRect, a style recalc) but that DevTools counts as
 * "Rendering", not "Scripting": subtracted from the script intervals.
 */
const RENDERING_EVENTS = new Set(['Layout', 'UpdateLayoutTree', 'RecalculateStyles', 'HitTest', 'PrePaint', 'Paint', 'Layerize', 'ParseHTML']);

const US_PER_MS = 1000;

export function parseTrace(data) {
  const json = JSON.parse(Buffer.from(data).toString('utf8'));
  return Array.isArray(json) ? json : json.traceEvents;
}

/**
 * The main thread of the renderer showing the page: the process that the
 * browser names for the outermost main frame when tracing starts, and its
 * CrRendererMain thread.
 */
export function pageMainThread(events) {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frames = started?.args?.data?.frames ?? [];
  const main = frames.find((f) => f.isOutermostMainFrame) ?? frames.find((f) => !f.parent);
  const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const thread = threads.find((t) => t.pid === main?.processId) ?? (threads.length === 1 ? threads[0] : null);
  if (!thread) throw new Error('trace: cannot tell which CrRendererMain thread shows the page');
  return { pid: thread.pid, tid: thread.tid };
}

/**
 * Complete ('X') events on one thread, as {name, start, end, cpu} in µs,
 * sorted by start. `cpu` is the thread time: far below end - start means the
 * thread was waiting for a core (another process was busy), not working.
 */
export function threadEvents(events, { pid, tid }) {
  return events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number')
    .map((e) => ({ name: e.name, cat: e.cat, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur }))
    .sort((a, b) => a.start - b.start);
}

/** Instant user-timing marks on one thread whose name starts with `prefix`: [{name, ts}]. */
export function marks(events, { pid, tid }, prefix) {
  return events
    .filter((e) => e.pid === pid && e.tid === tid && e.cat?.includes('blink.user_timing') && e.name.startsWith(prefix))
    .map((e) => ({ name: e.name, ts: e.ts }))
    .sort((a, b) => a.ts - b.ts);
}

/** The thread's tasks (the scheduler's RunTask slices). */
export function tasks(threadEvs) {
  return threadEvs.filter((e) => e.name === 'RunTask' && e.cat.includes('devtools.timeline'));
}

/** Merges intervals into a sorted, disjoint list. */
function union(intervals) {
  const sorted = intervals.map(({ start, end }) => [start, end]).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Total length of disjoint intervals `a` minus their overlap with disjoint intervals `b`. */
function lengthMinus(a, b) {
  let total = 0;
  let j = 0;
  for (const [start, end] of a) {
    total += end - start;
    while (j < b.length && b[j][1] <= start) j++;
    for (let k = j; k < b.length && b[k][0] < end; k++) {
      total -= Math.min(end, b[k][1]) - Math.max(start, b[k][0]);
    }
  }
  return total;
}

/**
 * Milliseconds of scripting (JavaScript + wasm, less the layout and style
 * work it forced) in the events that start within [from, to) µs, leaving out
 * the tasks listed in `excluded` (the harness's own).
 */
export function scriptingMs(threadEvs, from, to, excluded = []) {
  const inWindow = threadEvs.filter(
    (e) => e.start >= from && e.start < to && !excluded.some((task) => e.start >= task.start && e.start < task.end),
  );
  const script = union(inWindow.filter((e) => SCRIPT_EVENTS.has(e.name)));
  const rendering = union(inWindow.filter((e) => RENDERING_EVENTS.has(e.name)));
  return lengthMinus(script, rendering) / US_PER_MS;
}

/** Milliseconds of layout and style work in [from, to) µs, leaving out `excluded` tasks. */
export function renderingMs(threadEvs, from, to, excluded = []) {
  const inWindow = threadEvs.filter(
    (e) => e.start >= from && e.start < to && !excluded.some((task) => e.start >= task.start && e.start < task.end),
  );
  return lengthMinus(union(inWindow.filter((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree')), []) / US_PER_MS;
}

/**
 * The longest task starting in [from, to) µs, with what it spent on scripting
 * vs layout/style, and how many tasks ran over `limitMs`.
 */
export function longestTask(threadEvs, from, to, limitMs = 50) {
  const inWindow = tasks(threadEvs).filter((t) => t.start >= from && t.start < to);
  const durations = inWindow.map((t) => (t.end - t.start) / US_PER_MS);
  let longest = null;
  for (const task of inWindow) if (!longest || task.end - task.start > longest.end - longest.start) longest = task;
  return {
    tasks: inWindow.length,
    longestMs: longest ? (longest.end - longest.start) / US_PER_MS : 0,
    longestCpuMs: longest ? longest.cpu / US_PER_MS : 0,
    longestScriptingMs: longest ? scriptingMs(threadEvs, longest.start, longest.end) : 0,
    longestLayoutMs: longest ? renderingMs(threadEvs, longest.start, longest.end) : 0,
    overLimit: durations.filter((d) => d > limitMs).length,
  };
}
