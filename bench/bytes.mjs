// Sizes of the files a page loaded: raw, gzip and brotli, compressed exactly
// as tests/e2e/lib/server.mjs serves them (gzip level 9, brotli quality 11),
// which is what a static host or CDN with compression on would send.

import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// What a host compresses; images and fonts are compressed already and go as they are.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.xml', '.webmanifest']);

/** Turns request paths under `base` into file paths relative to the served root ('' -> index.html). */
export function filesRequested(log, base) {
  const seen = new Set();
  for (const entry of log) {
    if (entry.method !== 'GET' || entry.status !== 200 || !entry.path.startsWith(base)) continue;
    const relative = decodeURIComponent(entry.path.slice(base.length));
    seen.add(relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative);
  }
  return [...seen];
}

/** [{file, raw, gzip, brotli}] for each file of `files` under `root`, plus a total row. */
export async function sizes(root, files) {
  const rows = [];
  for (const file of files) {
    const body = await readFile(join(root, file));
    const compress = COMPRESSIBLE.has(extname(file).toLowerCase());
    rows.push({
      file,
      raw: body.length,
      gzip: compress ? gzipSync(body, { level: 9 }).length : body.length,
      brotli: compress
        ? brotliCompressSync(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          }).length
        : body.length,
    });
  }
  const total = { file: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const row of rows) for (const key of ['raw', 'gzip', 'brotli']) total[key] += row[key];
  return { files: rows, total };
}

/**
 * What the map adds to the essay's first load, brotli: the essay's page against the same page
 * with the map's stage taken out (its stills are files loaded lazily, its coastlines a file the
 * map asks for, its rules in the deferred stylesheet: none is in the first load).
 */
export async function mapShare(root) {
  const html = await readFile(join(root, 'index.html'), 'utf8');
  const without = html.replace(/<section class="instrument" data-for-view="map"[\s\S]*?<\/section>/, '');
  const br = (s) => brotliCompressSync(Buffer.from(s), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { with: br(html), without: br(without), added: br(html) - br(without) };
}
