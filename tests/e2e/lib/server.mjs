// A static file server for the browser tests (node:http, no dependencies).
//
//   const server = await startServer({ root: 'dist', base: '/explainer/' });
//   await session.get(server.url);           // http://127.0.0.1:PORT/explainer/
//   server.log.map((entry) => entry.path);   // what the browser asked for
//   await server.close();
//
// A second origin for cross-origin tests is another server on 127.0.0.2
// (Linux routes all of 127.0.0.0/8 to loopback), typically with only `routes`.
//
//   const release = server.hold(/\.wasm$/); // answers to matching paths wait…
//   await session.get(server.url);           // …so the page shows what it has before its app
//   release();                               // …until released

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

// Types worth compressing: images and woff2 are compressed already.
const COMPRESSIBLE = /^(text\/|application\/(wasm|json|xml|manifest\+json)|image\/svg)/;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function mimeType(path) {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Picks br over gzip when the client accepts it (q=0 means refused). */
function pickEncoding(acceptEncoding = '') {
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/**
 * Serves `root` under the URL prefix `base`, plus in-memory `routes`.
 * @param {object} options
 * @param {string} [options.root] directory to serve (may be omitted for a routes-only server)
 * @param {string} [options.base='/'] URL prefix; files are only served below it, other paths 404
 * @param {number} [options.port=0] 0 picks a free port
 * @param {string} [options.host='127.0.0.1'] e.g. '127.0.0.2' for a second origin
 * @param {boolean} [options.compress=false] serve br/gzip per Accept-Encoding (best quality, as a CDN would)
 * @param {boolean} [options.cors=false] `Access-Control-Allow-Origin: *` on every file
 * @param {Record<string, string>|((origin: string) => Record<string, string>)|null} [options.headers]
 *   headers sent with every answer (files, routes and errors alike), as a host applies a `/*`
 *   rule of `_headers`: e.g. the build's CSP (a function gets the server's origin first)
 * @param {Record<string, {type?: string, body: string|Buffer, status?: number, headers?: object}>} [options.routes]
 *   exact URL paths (any prefix) answered from memory; `type` defaults from the extension
 * @returns {Promise<{url: string, origin: string, close(): Promise<void>, hold(pattern: RegExp): () => void,
 *   log: {method: string, path: string, status: number, encoding: string|null, held?: boolean}[]}>}
 */
export async function startServer({ root, base = '/', port = 0, host = '127.0.0.1', compress = false, cors = false, headers: siteHeaders = null, routes = {} } = {}) {
  // `cors`: files may be read from any origin, as a sandboxed (opaque-origin) embed needs.
  // `headers` (lower-cased names) go with every answer and win over the server's own.
  // (A function of the server's origin, once it has one: a policy that names the site's origin.)
  const lower = (h) => Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  let always = typeof siteHeaders === 'function' ? {} : lower(siteHeaders);
  const corsHeaders = cors ? { 'access-control-allow-origin': '*' } : {};
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const rootDir = root ? resolve(root) : null;
  const log = [];
  // Paths whose answers wait for a release: [{pattern, gate: Promise}].
  const holds = [];
  // Compressed bodies keyed by path + mtime, so each file is compressed once.
  const compressed = new Map();

  async function encode(key, body, encoding) {
    const cacheKey = `${encoding}:${key}`;
    if (!compressed.has(cacheKey)) {
      compressed.set(
        cacheKey,
        encoding === 'br'
          ? brotli(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } })
          : gzipAsync(body, { level: 9 }),
      );
    }
    return compressed.get(cacheKey);
  }

  /** Resolves a URL path to a file under root, or null (404). */
  async function findFile(pathname) {
    if (!rootDir || !pathname.startsWith(prefix)) return null;
    let relative;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return null;
    }
    let file = resolve(rootDir, relative);
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return null;
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    return info?.isFile() ? { file, info } : null;
  }

  async function respond(request, response) {
    const { pathname, search } = new URL(request.url, 'http://host');
    const entry = { method: request.method, path: pathname, status: 200, encoding: null };
    log.push(entry);
    const send = (status, headers, body) => {
      entry.status = status;
      response.writeHead(status, { 'cache-control': 'no-store', ...headers, ...always });
      response.end(request.method === 'HEAD' ? undefined : body);
    };

    const held = holds.find((h) => h.pattern.test(pathname));
    if (held) {
      entry.held = true;
      await held.gate;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }, 'method not allowed\n');
    }
    // The base without its trailing slash is the app too.
    if (`${pathname}/` === prefix) return send(301, { location: prefix + search }, '');

    let type;
    let body;
    let cacheKey;
    let extraHeaders = {};
    let status = 200;
    const route = routes[pathname];
    if (route) {
      type = route.type ?? mimeType(pathname);
      body = Buffer.from(route.body);
      status = route.status ?? 200;
      extraHeaders = route.headers ?? {};
      cacheKey = `route:${pathname}`;
    } else {
      const found = await findFile(pathname);
      if (!found) return send(404, { 'content-type': 'text/plain' }, 'not found\n');
      if (found.redirect) return send(301, { location: found.redirect + search }, '');
      type = mimeType(found.file);
      cacheKey = `${found.file}@${found.info.mtimeMs}:${found.info.size}`;
      // Big files (the wasm) stream unless they are to be compressed.
      if (!compress || !COMPRESSIBLE.test(type)) {
        response.writeHead(200, { 'content-type': type, 'content-length': found.info.size, 'cache-control': 'no-store', ...corsHeaders, ...always });
        if (request.method === 'HEAD') return response.end();
        return createReadStream(found.file).pipe(response);
      }
      body = await readFile(found.file);
    }

    const headers = { 'content-type': type, ...corsHeaders, ...extraHeaders };
    if (compress && COMPRESSIBLE.test(type)) {
      headers.vary = 'Accept-Encoding';
      const encoding = pickEncoding(request.headers['accept-encoding']);
      if (encoding) {
        body = await encode(cacheKey, body, encoding);
        headers['content-encoding'] = encoding;
        entry.encoding = encoding;
      }
    }
    headers['content-length'] = body.length;
    return send(status, headers, body);
  }

  const server = createServer((request, response) => {
    respond(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`${error.stack}\n`);
    });
  });
  server.listen(port, host);
  await once(server, 'listening');
  // A server a test forgot to close (a hook that failed before its cleanup) must not keep the
  // test file's process alive after its tests: while a test runs, its own requests keep it.
  server.unref();
  const origin = `http://${host}:${server.address().port}`;
  if (typeof siteHeaders === 'function') always = lower(siteHeaders(origin));
  return {
    url: origin + prefix,
    origin,
    log,
    /** The in-memory routes: add to them while the server runs. */
    routes,
    /** Holds answers to paths matching `pattern` until the returned function is called. */
    hold(pattern) {
      const h = { pattern };
      h.gate = new Promise((resolve) => (h.release = resolve));
      holds.push(h);
      return () => {
        if (holds.includes(h)) holds.splice(holds.indexOf(h), 1);
        h.release();
      };
    },
    async close() {
      for (const h of holds.splice(0)) h.release();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
