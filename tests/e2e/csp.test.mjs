// The strict Content-Security-Policy the build writes (dist/_headers: scripts and styles from the
// site itself or inline by hash, images from the site or data:, nothing else), served as a host is
// told to serve it: every page of every edition starts, and is used, under it without a violation
// or an error; so does each page framed, sandboxed, on another origin; the stills (in plain
// reading) and the land (on the map) load under it, and each of those SVG files, opened by
// itself, keeps its own style.
//
// Violations are recorded from before any page script runs by a script put first in each page
// (`window.__csp`, with the monkey's error probe); the policy served by these tests has that
// script's hash added to its script-src, and nothing else changed. A page where the recorder did
// not run says so.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engines, useDriver } from './lib/engines.mjs';
import { PROBE, READ_PROBE } from './lib/monkey.mjs';
import { startServer } from './lib/server.mjs';
import { REPO, afterFrames, pagesOf, readHeaders, ready, settleOn, loadContent, withScript } from './lib/site.mjs';

const DIST = join(REPO, 'dist');
const BASE = '/explainer/';
const PAGES = pagesOf(DIST, BASE);
// (The essay's explainer, whatever E2E_EXPLAINER says: the fixture has no editions.)
const content = loadContent(join(REPO, 'content'));

/** Records every violation the document sees, from its first script on. */
const RECORDER = `<script>(function(d){var v=window.__csp=[];d.addEventListener("securitypolicyviolation",function(e){v.length<50&&v.push(e.effectiveDirective+" blocked "+(e.blockedURI||"?")+" at "+(e.sourceFile||"?")+":"+e.lineNumber+(e.sample?" ("+e.sample+")":""))},true)})(document);</script>`;
const INJECT = RECORDER + PROBE;

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const inlineScripts = (html) => [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const inlineStyles = (text) => [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);

/** The build's headers, and the same with the recorder's scripts allowed by their hashes. */
const BUILT = readHeaders(DIST);
const POLICY = BUILT['content-security-policy'];
const directive = (policy, name) => new RegExp(`(?:^|;)\\s*${name}\\s+([^;]*)`).exec(policy)?.[1].trim().split(/\s+/) ?? null;
// The origin the build named beside 'self' (its public address): a host builds with its own
// (EXPLAINER_PUBLIC_URL); these tests serve from their own, so the served policy names that.
const BUILT_ORIGIN = directive(POLICY, 'script-src').find((v) => /^https?:\/\//.test(v));
const SERVED = (origin) => ({
  ...BUILT,
  'content-security-policy': POLICY.split(BUILT_ORIGIN)
    .join(origin)
    .replace(/script-src ([^;]*)/, (_, v) => `script-src ${v} ${inlineScripts(INJECT).map(sha256).join(' ')}`),
});

/** The SVG files pages show as images: every edition's stills and the land. */
const SVGS = [
  ...readdirSync(DIST).filter((f) => /^geo-.*\.svg$/.test(f)),
  ...['', 'ko/', 'zh-hans/'].flatMap((ed) => readdirSync(join(DIST, ed, 'stills')).filter((f) => f.endsWith('.svg')).map((f) => `${ed}stills/${f}`)),
];

/**
 * dist/ under the policy, every page with the recorder first. (Each page is read as it is asked
 * for, and nothing is compressed, so that what is served is the build as it is on disk.)
 */
function serveUnderPolicy({ host } = {}) {
  const routes = {};
  for (const p of PAGES) {
    const route = {
      type: 'text/html; charset=utf-8',
      get body() {
        return withScript(readFileSync(p.file, 'utf8'), INJECT);
      },
    };
    routes[p.path] = route;
    routes[`${p.path}index.html`] = route;
  }
  return startServer({ root: DIST, base: BASE, cors: true, host, routes, headers: SERVED });
}

/**
 * The page has started or given up, and its stylesheet (the essay's, added by its first script)
 * has arrived or failed.
 */
const STARTED = `const h = document.documentElement, css = h.dataset.css;
  return document.readyState !== 'loading' && !!h.dataset.app &&
    (!css || h.classList.contains('css') || (window.__monkey?.errors ?? []).some((e) => e.includes(css)));`;

/** Runs in the page: what the policy did to it. */
const READ_PAGE = `const h = document.documentElement;
  const probe = (function () { ${READ_PROBE} })();
  return {
    recorder: Array.isArray(window.__csp),
    violations: window.__csp || [],
    errors: probe.errors,
    app: h.dataset.app || null,
    // A style element or a stylesheet the policy refused has no sheet (a style element's sheet
    // has its rules; a stylesheet's rules cannot be read from an opaque origin, a sandboxed frame).
    unstyled: [...document.querySelectorAll('style, link[rel=stylesheet]')].filter((e) => !e.sheet || (e.tagName === 'STYLE' && e.sheet.cssRules.length === 0))
      .map((e) => e.tagName.toLowerCase() + (e.href ? ' ' + e.href : '')),
    sheetLoaded: !h.dataset.css || h.classList.contains('css'),
  };`;

/** What went wrong in a page, as lines (none when the policy let everything it needs through). */
function problemsOf(where, r, logs) {
  const out = [];
  if (!r.recorder) out.push(`${where}: the violation recorder did not run`);
  // (Grouped: a blocked directive usually blocks many files alike, the stills all at once.)
  const grouped = (list, key) => {
    const groups = new Map();
    for (const x of list) groups.set(key(x), [...(groups.get(key(x)) ?? []), x]);
    return [...groups].map(([k, xs]) => `${k}${xs.length > 1 ? ` (×${xs.length}, e.g.)` : ''}: ${xs[0]}`);
  };
  for (const v of grouped(r.violations, (v) => v.split(' ')[0])) out.push(`${where}: violation of ${v}`);
  for (const e of grouped(r.errors, (e) => e.replace(/\/[^/\s]*$/, '/…').slice(0, 80))) out.push(`${where}: error: ${e}`);
  if (r.app !== 'live') out.push(`${where}: the app is ${r.app ?? 'not there'}, not live`);
  if (r.unstyled.length) out.push(`${where}: styles not applied: ${r.unstyled.join(', ')}`);
  if (!r.sheetLoaded) out.push(`${where}: the page's stylesheet did not arrive`);
  for (const l of (logs ?? []).filter((l) => l.level === 'SEVERE')) out.push(`${where}: console: ${l.message}`);
  return out;
}

/** What a reader does on each page, to run the app's code under the policy (cards, panels, switches). */
async function use(s, page) {
  if (page === '') {
    for (const view of ['timeline', 'diagram', 'map']) {
      const i = content.steps.findLastIndex((st) => st.graphic.view === view);
      if (i >= 0) await settleOn(s, i);
    }
    const dg = content.steps.findLastIndex((st) => st.graphic.view === 'diagram');
    await settleOn(s, dg);
    await s.exec('[...document.querySelectorAll(".whatif-try [data-toggle]")].find((b) => b.getClientRects().length)?.click()');
    await s.exec('document.querySelector(".graphic .embed-code").open = true');
    await s.waitFor('return [...document.querySelectorAll(".graphic .embed-code textarea")].some((t) => t.value)', 5000);
    await s.exec('document.querySelector("[data-tool=plain]").click()');
    await s.waitFor('return document.documentElement.dataset.mode === "plain"', 5000);
    await s.exec('document.querySelector("[data-tool=plain]").click()');
    await s.waitFor('return document.documentElement.dataset.mode !== "plain" && getComputedStyle(document.querySelector(".graphic")).display !== "none"', 5000);
  } else {
    await s.exec(() => {
      for (const sel of ['.chips [data-scene]:nth-child(2)', '[data-go="next"]', '[data-go="prev"]', '.inst-dg input[data-factor]', '.evs .mk:not(.is-out)']) {
        const el = document.querySelector(`main.widget ${sel}`);
        if (el && el.getClientRects().length) el.click();
      }
      for (const d of document.querySelectorAll('main.widget details')) d.open = true;
    });
    await s.waitFor('return [...document.querySelectorAll("main.widget .embed-code textarea")].some((t) => t.value)', 5000);
  }
  // (whatever the clicks booked has run)
  await afterFrames(s);
}

describe('csp: the build’s policy', () => {
  it('is strict, and names the hash of every inline script and style the pages and their SVG files have', () => {
    // The site's own origin beside 'self' (a sandboxed frame's opaque origin matches no 'self' in WebKit).
    assert.ok(BUILT_ORIGIN, `the policy names the site's origin: ${POLICY}`);
    for (const [name, want] of [
      ['default-src', ["'self'", BUILT_ORIGIN]],
      ['object-src', ["'none'"]],
      ['base-uri', ["'none'"]],
    ]) {
      assert.deepEqual(directive(POLICY, name), want, `${name} in ${POLICY}`);
    }
    const scripts = directive(POLICY, 'script-src');
    const styles = directive(POLICY, 'style-src');
    assert.ok(scripts && styles, 'script-src and style-src');
    for (const [name, list] of [['script-src', scripts], ['style-src', styles]]) {
      for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) assert.ok(!list.includes(bad), `${name} allows ${bad}`);
    }
    const missing = [];
    for (const p of PAGES) {
      const html = readFileSync(p.file, 'utf8');
      for (const js of inlineScripts(html)) if (!scripts.includes(sha256(js))) missing.push(`${p.path}: an inline script (${js.slice(0, 60)}…) without its hash in script-src`);
      for (const css of inlineStyles(html)) if (!styles.includes(sha256(css))) missing.push(`${p.path}: an inline style (${css.slice(0, 60)}…) without its hash in style-src`);
      // (Inline event handlers, style attributes and javascript: addresses: the policy blocks them all.)
      const attrs = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '');
      for (const m of attrs.matchAll(/<[a-z][^>]*?\s(on[a-z]+|style)=("[^"]*"|'[^']*'|[^\s>]+)/gi)) missing.push(`${p.path}: an inline ${m[1]}= attribute: ${m[0].slice(0, 120)}`);
      for (const m of attrs.matchAll(/(?:href|src|action)="\s*javascript:[^"]*"/gi)) missing.push(`${p.path}: ${m[0]}`);
    }
    for (const f of SVGS) {
      const svg = readFileSync(join(DIST, f), 'utf8');
      for (const css of inlineStyles(svg)) if (!styles.includes(sha256(css))) missing.push(`${f}: its style without its hash in style-src`);
      if (/<script|\son[a-z]+=/i.test(svg)) missing.push(`${f}: a script or handler in an image`);
    }
    assert.equal(missing.join('\n'), '');
  });
});

for (const engine of engines()) {
  describe(`csp [${engine}]`, () => {
    const browser = useDriver(engine);
    let site;
    let framed;
    let host;
    before(async () => {
      site = await serveUnderPolicy();
      // The same pages on a second origin, framed by a host page on the first (which has no policy
      // of its own: the host is someone else's site).
      framed = await serveUnderPolicy({ host: '127.0.0.2' });
      const routes = {};
      for (const [k, p] of PAGES.entries()) {
        routes[`/frame-${k}.html`] = {
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A host page</title><link rel="icon" href="data:,"></head>
<body><main><h1>Host article</h1><iframe id="w" sandbox="allow-scripts" src="${framed.origin}${p.path}?embed=1" title="Embedded explainer" style="width:100%;height:700px;border:0"></iframe></main></body></html>`,
        };
      }
      host = await startServer({ host: '127.0.0.1', routes });
    });
    after(async () => {
      await site?.close();
      await framed?.close();
      await host?.close();
    });

    it('every page of every edition starts and is used under the policy: no violation, no error, its styles applied', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      const problems = [];
      for (const p of PAGES) {
        const page = p.path.slice(BASE.length).replace(/^(ko|zh-hans)\//, '');
        await s.get(`${site.origin}${p.path}`);
        await ready(s).catch((e) => problems.push(`${p.path}: ${e.message.split('\n')[0]}`));
        await s.waitFor(STARTED, 10000).catch(() => {});
        const started = await s.exec(READ_PAGE);
        problems.push(...problemsOf(`${p.path} (starting)`, started, await s.browserLogs()));
        if (started.app !== 'live') continue;
        await use(s, page).catch((e) => problems.push(`${p.path}: using it: ${e.message.split('\n')[0]}`));
        problems.push(...problemsOf(`${p.path} (used)`, await s.exec(READ_PAGE), await s.browserLogs()));
      }
      assert.equal(problems.join('\n'), '');
    });

    it('every page, framed with sandbox="allow-scripts" from a page on another origin, is live under the policy', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      const problems = [];
      for (const [k, p] of PAGES.entries()) {
        await s.get(`${host.origin}/frame-${k}.html`);
        await s.switchToFrame(await s.find('#w'));
        await s.waitFor(STARTED, 20000).catch(() => {});
        const r = await s.exec(READ_PAGE);
        assert.equal(await s.exec('return document.documentElement.hasAttribute("data-embed")'), true, `${p.path}: the frame shows the embedded page`);
        await s.switchToParent();
        problems.push(...problemsOf(`${p.path}?embed=1 in a sandboxed frame`, r, await s.browserLogs()));
      }
      assert.equal(problems.join('\n'), '');
    });

    it('the stills (in plain reading) and the land (on the map) load under the policy, in every edition', async () => {
      const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
      const problems = [];
      for (const ed of ['', 'ko/', 'zh-hans/']) {
        await s.get(`${site.url}${ed}`);
        await ready(s);
        await s.exec('document.querySelector("[data-tool=plain]").click()');
        await s.waitFor('return document.documentElement.dataset.mode === "plain"', 5000);
        const n = await s.exec('return document.querySelectorAll(".steps .step picture.still img").length');
        assert.equal(n, content.steps.length, `${ed || 'en'}: a still in every step`);
        for (let i = 0; i < n; i++) {
          // Each still as a reader comes to it (they load lazily).
          await s.exec('document.querySelectorAll(".steps .step picture.still img")[arguments[0]].scrollIntoView({ block: "center" })', i);
          const got = await s
            .waitFor(`const img = document.querySelectorAll(".steps .step picture.still img")[${i}]; return img.complete && img.naturalWidth > 0 && [img.currentSrc, img.naturalWidth]`, 10000)
            .catch(() => null);
          if (!got) problems.push(`${ed || 'en'}: the still of step ${i + 1} (${content.steps[i].id}) did not load: ${await s.exec(`const img = document.querySelectorAll(".steps .step picture.still img")[${i}]; return img.currentSrc + ' complete=' + img.complete + ' ' + img.naturalWidth`)}`);
          else if (!new URL(got[0]).pathname.startsWith(`${BASE}${ed}stills/`)) problems.push(`${ed || 'en'}: step ${i + 1}'s still is ${got[0]}, not one of the edition's`);
        }
        problems.push(...problemsOf(`${ed || 'en'} in plain reading`, await s.exec(READ_PAGE), await s.browserLogs()));
        // The land, on the map page: its <image> asked for the file and got it, and the same file
        // decodes as an image under this page's policy.
        await s.get(`${site.url}${ed}map/`);
        await ready(s);
        const land = await s.execAsync(`const done = arguments[0];
          const href = document.querySelector('image.geo-land')?.href?.baseVal;
          if (!href) return done({ error: 'no land on the map' });
          const url = new URL(href, location.href).href;
          const seen = performance.getEntriesByType('resource').some((e) => e.name === url);
          const img = new Image();
          img.onload = () => done({ url, seen, width: img.naturalWidth });
          img.onerror = () => done({ url, seen, error: 'did not load' });
          img.src = url;`);
        if (land.error || !land.seen || !(land.width > 0)) problems.push(`${ed || 'en'}map/: the land ${JSON.stringify(land)}`);
        problems.push(...problemsOf(`${ed || 'en'}map/`, await s.exec(READ_PAGE), await s.browserLogs()));
      }
      assert.equal(problems.join('\n'), '');
    });

    it('each still and the land, opened by itself, keeps its own style under the policy', async () => {
      const s = await browser.session({ width: 800, height: 600 });
      const problems = [];
      for (const f of SVGS) {
        await s.get(`${site.url}${f}`);
        const r = await s.exec(`return { type: document.contentType, styles: [...document.querySelectorAll('style')].map((e) => (e.sheet ? e.sheet.cssRules.length : -1)) }`);
        if (r.type !== 'image/svg+xml') problems.push(`${f}: served as ${r.type}`);
        else if (!r.styles.length || r.styles.some((n) => n <= 0)) problems.push(`${f}: its style was refused (${JSON.stringify(r.styles)})`);
        // (A browser asks for /favicon.ico by itself when it shows an image alone: that is not ours.)
        const logs = (await s.browserLogs())?.filter((l) => l.level === 'SEVERE' && !/\/favicon\.ico\b/.test(l.message)) ?? [];
        for (const l of logs) problems.push(`${f}: console: ${l.message}`);
      }
      assert.equal(problems.join('\n'), '');
    });
  });
}
