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
 * Complete ('X') events on one thread, sorted by start: {name, cat, start,
 * end} in wall-clock µs and {cpuStart, cpuEnd} in the thread's own clock
 * (CPU time), which stands still while the thread waits for a core. On a
 * shared 2-core machine other processes (a build, another browser) stretch
 * wall times; thread times say what the page itself spent.
 */
export function threadEvents(events, { pid, tid }) {
  return events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number')
    .map((e) => {
      const hasCpu = typeof e.tts === 'number' && typeof e.tdur === 'number';
      return {
        name: e.name,
        cat: e.cat,
        start: e.ts,
        end: e.ts + e.dur,
        cpuStart: hasCpu ? e.tts : null,
        cpuEnd: hasCpu ? e.tts + e.tdur : null,
      };
    })
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

/** Merges intervals [start, end] into a sorted, disjoint list. */
function union(intervals) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
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

/** Events starting within [from, to) µs (wall clock), outside the `excluded` tasks. */
function within(threadEvs, from, to, excluded) {
  return threadEvs.filter(
    (e) => e.start >= from && e.start < to && !excluded.some((task) => e.start >= task.start && e.start < task.end),
  );
}

/**
 * Intervals of `evs` in thread time, or in wall time if any lacks a thread
 * time (the two clocks can't be mixed).
 */
function intervals(evs, allEvs) {
  const cpu = allEvs.every((e) => e.cpuStart !== null);
  return evs.map((e) => (cpu ? [e.cpuStart, e.cpuEnd] : [e.start, e.end]));
}

/**
 * Milliseconds of scripting (JavaScript + wasm, less the layout and style
 * work it forced), in thread time, over the events that start within
 * [from, to) µs, leaving out the tasks listed in `excluded` (the harness's own).
 */
export function scriptingMs(threadEvs, from, to, excluded = []) {
  const evs = within(threadEvs, from, to, excluded).filter((e) => SCRIPT_EVENTS.has(e.name) || RENDERING_EVENTS.has(e.name));
  const script = union(intervals(evs.filter((e) => SCRIPT_EVENTS.has(e.name)), evs));
  const rendering = union(intervals(evs.filter((e) => RENDERING_EVENTS.has(e.name)), evs));
  return lengthMinus(script, rendering) / US_PER_MS;
}

/** Milliseconds of style and layout work (thread time) in [from, to) µs, leaving out `excluded` tasks. */
export function renderingMs(threadEvs, from, to, excluded = []) {
  const evs = within(threadEvs, from, to, excluded).filter((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree');
  return lengthMinus(union(intervals(evs, evs)), []) / US_PER_MS;
}

const cpuMs = (task) => (task.cpuStart === null ? task.end - task.start : task.cpuEnd - task.cpuStart) / US_PER_MS;
const wallMs = (task) => (task.end - task.start) / US_PER_MS;

/**
 * Tasks starting in [from, to) µs: the longest in thread (CPU) time, what it
 * spent on scripting vs style/layout, and the longest in wall time, with how
 * many ran over `limitMs` (a frame, 16 ms: issue 20) by each clock.
 */
export function longestTask(threadEvs, from, to, limitMs = 16) {
  const inWindow = tasks(threadEvs).filter((t) => t.start >= from && t.start < to);
  const byCpu = inWindow.reduce((best, t) => (!best || cpuMs(t) > cpuMs(best) ? t : best), null);
  const byWall = inWindow.reduce((best, t) => (!best || wallMs(t) > wallMs(best) ? t : best), null);
  return {
    tasks: inWindow.length,
    longestCpuMs: byCpu ? cpuMs(byCpu) : 0,
    longestScriptingMs: byCpu ? scriptingMs(threadEvs, byCpu.start, byCpu.end) : 0,
    longestLayoutMs: byCpu ? renderingMs(threadEvs, byCpu.start, byCpu.end) : 0,
    longestWallMs: byWall ? wallMs(byWall) : 0,
    overLimitCpu: inWindow.filter((t) => cpuMs(t) > limitMs).length,
    overLimitWall: inWindow.filter((t) => wallMs(t) > limitMs).length,
  };
}
