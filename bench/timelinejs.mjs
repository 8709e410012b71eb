// TimelineJS 3 side of the comparison: our timeline content as TimelineJS JSON,
// served with the package's own standard embed page (dist/embed/index.html).
//
// The page is served unmodified, from the npm package, by the same static server
// (same brotli/gzip) as our build, and its own files (script, CSS, font CSS,
// icon font) come from there too. What it asks of other hosts: favicons and
// manifest and the SoundCite player (cdn.knightlab.com), Google Fonts (the
// font CSS) and Google Analytics (the embed page sets a measurement id). The
// browsers here resolve no host but 127.0.0.1 (HOST_RULES in browser.mjs), so
// those fail at once and move no bytes: TimelineJS is measured without them,
// which can only flatter it. The report lists them.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { startServer } from '../tests/e2e/lib/server.mjs';

const require = createRequire(import.meta.url);

/** The package's dist/ folder (css/, embed/, js/). */
export const TIMELINEJS_DIST = join(dirname(require.resolve('@knight-lab/timelinejs/package.json')), 'dist');
export const TIMELINEJS_VERSION = require('@knight-lab/timelinejs/package.json').version;

/** Parses TOML with Python's tomllib (3.11+): no TOML reader to maintain here. */
function readToml(path) {
  const script = 'import json, sys, tomllib\nprint(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

/** "1950" | "1950-06" | "1950-06-25" -> TimelineJS date object. */
function tlDate(text) {
  const [year, month, day] = text.split('-').map(Number);
  const date = { year };
  if (month) date.month = month;
  if (day) date.day = day;
  return date;
}

/** Sortable key for a partial date: "1950-06" -> "1950-06-00". */
const dateKey = (text) => `${text}-00-00`.split('-').slice(0, 3).map((part) => part.padStart(2, '0')).join('-');

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * content/timeline.toml -> TimelineJS JSON: one slide per event, with the same
 * headline, text and source link, grouped by era (TimelineJS's `group` rows).
 */
export function timelineToTimelineJs(tomlPath) {
  const { era: eras = [], event: events = [] } = readToml(tomlPath);
  const eraOf = (start) => eras.filter((era) => dateKey(era.from) <= dateKey(start)).at(-1)?.label;
  return {
    events: events.map((event) => {
      // A date is "FROM" or a range "FROM..TO".
      const [from, to] = event.date.split('..');
      const slide = {
        unique_id: event.id,
        start_date: tlDate(from),
        text: {
          headline: escapeHtml(event.title),
          text:
            `<p>${escapeHtml(event.text)}</p>` +
            (event.source ? `<p><a href="${escapeHtml(event.source.url)}">${escapeHtml(event.source.title)}</a></p>` : ''),
        },
      };
      if (to) slide.end_date = tlDate(to);
      const group = eraOf(from);
      if (group) slide.group = group;
      return slide;
    }),
  };
}

/**
 * Serves TimelineJS's dist/ under /timeline3/ and the converted data at
 * /timeline3/data/timeline.json. `pageUrl` is the standard embed page with
 * `?source=` pointing at that data, as Knight Lab's own embed code does.
 */
export async function startTimelineJsServer(tomlPath) {
  const data = timelineToTimelineJs(tomlPath);
  const server = await startServer({
    root: TIMELINEJS_DIST,
    base: '/timeline3/',
    compress: true,
    routes: { '/timeline3/data/timeline.json': { body: JSON.stringify(data) } },
  });
  const source = `${server.url}data/timeline.json`;
  // script_path: where TimelineJS finds its own css/fonts and locales. It
  // defaults to the Knight Lab CDN (a "latest" build, not this version); the
  // embed page passes URL parameters through as options, so point it here.
  const scriptPath = `${server.url}js/`;
  const query = `source=${encodeURIComponent(source)}&script_path=${encodeURIComponent(scriptPath)}`;
  return { server, data, pageUrl: `${server.url}embed/index.html?${query}` };
}
