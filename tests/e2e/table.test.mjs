// One address table: the model's `route::WIDGETS` (names, page folders, query keys, fragment
// prefixes, starting heights) and `route::embed_value`, against what the two scripts that repeat
// them do: the inline script every page runs first (pages/boot.js) and the embed loader
// (embed/loader.js, shipped minified as public/embed.js). Both scripts are run here, in node:vm
// with a stand-in DOM, so what is checked is their behaviour, not their spelling. No browser.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { widgetTable } from './lib/monkey.mjs';
import { REPO } from './lib/site.mjs';

const route = readFileSync(join(REPO, 'model', 'src', 'route.rs'), 'utf8');
const WIDGETS = widgetTable(route);
const BOOT = readFileSync(join(REPO, 'pages', 'boot.js'), 'utf8');
const LOADER = readFileSync(join(REPO, 'embed', 'loader.js'), 'utf8');
const SHIPPED = readFileSync(join(REPO, 'public', 'embed.js'), 'utf8');

/** The values `route::embed_value` refuses, read from its `matches!`. */
function embedRefused() {
  const body = /pub fn embed_value\(v: &str\) -> bool \{([\s\S]*?)\n\}/.exec(route);
  assert.ok(body, 'route.rs: embed_value not found');
  const m = /!matches!\(v, ([^)]*)\)/.exec(body[1]);
  assert.ok(m, `embed_value is no longer one matches!: update this test\n${body[1]}`);
  return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
}
const embedValue = (v) => v !== null && !embedRefused().includes(v);

// ---- pages/boot.js ----------------------------------------------------------------------------

/**
 * Runs boot.js on a page (`data-page`) at an address, in a stand-in document that has finished
 * parsing (and, with `story`, an essay whose story can be watched); returns what it did: the
 * redirect, the attributes and classes on <html>, the stylesheet it linked, the app module it
 * imported (dynamic `import()` is handed to a stand-in, so the loading is seen, not run), the
 * listeners it added and the elements it observed.
 */
function boot(page, search, hash = '', { observer = false, story = true } = {}) {
  const attrs = { 'data-page': page, 'data-js': './app-1.js', 'data-wasm': './app-1_bg.wasm' };
  if (page === 'essay') attrs['data-css'] = 'explainer-1.css';
  const root = {
    className: '',
    getAttribute: (n) => attrs[n] ?? null,
    hasAttribute: (n) => n in attrs,
    setAttribute: (n, v) => {
      attrs[n] = String(v);
    },
  };
  const did = { replaced: null, attrs, root, listeners: {}, links: [], imported: [], observed: [] };
  const document = {
    documentElement: root,
    readyState: 'complete',
    getElementById: (id) => (story && id === 'story' ? { id } : null),
    createElement: (tag) => {
      const el = { tagName: tag.toUpperCase(), listeners: {}, addEventListener: (n, f) => (el.listeners[n] = f) };
      return el;
    },
    head: { appendChild: (el) => did.links.push(el) },
    addEventListener() {},
  };
  const window = {
    location: { search, hash, replace: (url) => (did.replaced = url) },
    addEventListener: (name, f) => (did.listeners[name] = f),
  };
  if (observer) {
    window.IntersectionObserver = class {
      constructor(cb) {
        this.cb = cb;
        did.io = this;
      }
      observe(el) {
        did.observed.push(el.id);
      }
      disconnect() {}
    };
  }
  const __import = (spec) => {
    did.imported.push(spec);
    return new Promise(() => {});
  };
  // (The page's globals are the window's: IntersectionObserver is read from both.)
  const globals = { document, window, URLSearchParams, WebAssembly, __import };
  if (window.IntersectionObserver) globals.IntersectionObserver = window.IntersectionObserver;
  vm.runInNewContext(BOOT.replace(/\bimport\(/g, '__import('), globals);
  did.window = window;
  return did;
}

describe('address table: pages/boot.js', () => {
  it('sends the old widget addresses of the essay (?widget=…) to each widget page in the table, keeping the rest', () => {
    for (const w of WIDGETS) {
      const did = boot('essay', `?widget=${w.name}&${w.key}=x-1&theme=dark&embed=1`, `#${w.prefix}x-2`);
      if (w.dir) assert.equal(did.replaced, `${w.dir}?${w.key}=x-1&theme=dark&embed=1#${w.prefix}x-2`, w.name);
      else assert.equal(did.replaced, null, 'the essay stays');
    }
    assert.equal(boot('essay', '?widget=chart').replaced, null, 'an unknown widget: the essay, which notes it');
    assert.equal(boot('timeline', '?widget=diagram').replaced, null, 'only the essay page redirects');
    assert.equal(boot('essay', '?widget=timeline').replaced, 'timeline/');
  });

  it('decides embedding by route::embed_value: present and not 0/false/no, a bare `embed` counts', () => {
    const refused = embedRefused();
    assert.deepEqual(refused.sort(), ['0', 'false', 'no'], 'the rule the README and the loader document');
    for (const [search, v] of [
      ['', null],
      ['?embed', ''],
      ['?embed=', ''],
      ['?embed=1', '1'],
      ['?embed=yes', 'yes'],
      ['?embed=true', 'true'],
      ...refused.map((r) => [`?embed=${r}`, r]),
      ['?theme=dark&embed=0&x=1', '0'],
    ]) {
      for (const page of ['essay', ...WIDGETS.filter((w) => w.dir).map((w) => w.name)]) {
        const did = boot(page, search);
        assert.equal('data-embed' in did.attrs, embedValue(v), `${page} ${search}`);
      }
      // An embedded essay starts its app at once; the essay on its own waits for the story.
      const lazy = boot('essay', search, '', { observer: true });
      assert.equal(lazy.window.__explainerLazy === 1, !embedValue(v), `essay ${search}: waits for the reader`);
      assert.equal(lazy.imported.length, embedValue(v) ? 1 : 0, `essay ${search}: ${embedValue(v) ? 'loads its app at once' : 'loads nothing yet'}`);
    }
  });

  it('loads the app from the addresses the page names: a widget page at once, the essay when the reader reaches the story', () => {
    for (const w of WIDGETS.filter((x) => x.dir)) {
      const did = boot(w.name, '', '', { observer: true });
      assert.deepEqual(did.imported, ['./app-1.js'], `${w.name}: at once`);
      assert.equal(did.window.__explainerLazy, undefined);
    }
    // The essay on its own: nothing until the story comes into view, then once.
    const did = boot('essay', '', '', { observer: true });
    assert.deepEqual(did.imported, [], 'nothing before the reader reaches the story');
    assert.deepEqual(did.observed, ['story'], 'the story is watched');
    did.io.cb([{ isIntersecting: false }]);
    assert.deepEqual(did.imported, [], 'not while the story is out of view');
    did.io.cb([{ isIntersecting: true }]);
    assert.deepEqual(did.imported, ['./app-1.js'], 'once it is in view');
    did.io.cb([{ isIntersecting: true }]);
    assert.equal(did.imported.length, 1, 'and only once');
    // …or at the reader's first key, touch or focus.
    for (const k of ['keydown', 'pointerdown', 'focusin']) {
      const d = boot('essay', '', '', { observer: true });
      assert.equal(typeof d.listeners[k], 'function', `${k} is listened to`);
      d.listeners[k]();
      assert.deepEqual(d.imported, ['./app-1.js'], `${k} loads the app`);
    }
    // At once when the address names a step (a fragment) or a what-if (route::Q_OFF), when the
    // page is embedded, when the story is not in the page, and where IntersectionObserver is not.
    const qOff = /pub const Q_OFF: &str = "([^"]+)"/.exec(route)[1];
    for (const [search, hash, opts, why] of [
      ['', '#the-decision', { observer: true }, 'a step in the fragment'],
      [`?${qOff}=a`, '', { observer: true }, `?${qOff}=`],
      ['?embed=1', '', { observer: true }, 'embedded'],
      ['', '', { observer: true, story: false }, 'no story'],
      ['', '', { observer: false }, 'no IntersectionObserver'],
    ]) {
      const d = boot('essay', search, hash, opts);
      assert.deepEqual(d.imported, ['./app-1.js'], `essay, ${why}: at once`);
    }
  });

  it('links the essay’s deferred stylesheet, marking <html> when it has arrived', () => {
    const did = boot('essay', '');
    assert.deepEqual(did.links.map((l) => [l.tagName, l.rel, l.href]), [['LINK', 'stylesheet', 'explainer-1.css']]);
    assert.doesNotMatch(did.root.className, /(^|\s)css(\s|$)/, 'not before it has arrived');
    did.links[0].listeners.load();
    assert.match(did.root.className, /(^|\s)css(\s|$)/);
    assert.deepEqual(boot('timeline', '').links, [], 'a widget page names none');
  });

  it('marks scripting on with the theme asked for, and off again when the app fails or traps', () => {
    const did = boot('essay', '?theme=dark');
    assert.match(did.root.className, /(^|\s)js(\s|$)/);
    assert.equal(did.attrs['data-theme'], 'dark');
    assert.equal(boot('essay', '?theme=light').attrs['data-theme'], 'light');
    assert.equal(boot('essay', '?theme=neon').attrs['data-theme'], undefined);
    // A trap (a RuntimeError reaching the window) and a failed start both give the plain page.
    did.listeners.error({ error: new WebAssembly.RuntimeError('unreachable') });
    assert.doesNotMatch(did.root.className, /(^|\s)js(\s|$)/);
    assert.equal(did.attrs['data-app'], 'failed');
    const other = boot('timeline', '');
    other.listeners.error({ error: new TypeError('not ours') });
    assert.match(other.root.className, /js/, 'an error that is not a trap leaves the app be');
    other.window.__explainerFailed(new Error('no wasm'));
    assert.equal(other.attrs['data-app'], 'failed');
  });
});

// ---- embed/loader.js --------------------------------------------------------------------------

class FakeElement {
  constructor(tag, dataset = {}) {
    this.tagName = tag.toUpperCase();
    this.dataset = { ...dataset };
    this.style = {};
    this.children = [];
    this.events = [];
    this.posted = [];
    this.contentWindow = { postMessage: (m, origin) => this.posted.push({ m, origin }) };
  }
  setAttribute(n, v) {
    if (n.startsWith('data-')) this.dataset[n.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = String(v);
    else this[n] = String(v);
  }
  getAttribute(n) {
    return n.startsWith('data-') ? (this.dataset[n.slice(5)] ?? null) : (this[n] ?? null);
  }
  querySelector(css) {
    return css === 'iframe' ? (this.children.find((c) => c.tagName === 'IFRAME') ?? null) : null;
  }
  appendChild(c) {
    this.children.push(c);
  }
  dispatchEvent(e) {
    this.events.push(e);
  }
}

/** Runs the loader (readable or shipped) in a host page with these elements and frames. */
function loader(source, { hash = '', divs = [], frames = [] } = {}) {
  const listeners = {};
  const document = {
    currentScript: { src: 'https://news.example/explainer/embed.js' },
    readyState: 'complete',
    createElement: (tag) => new FakeElement(tag),
    querySelectorAll: (css) => (css === '[data-explainer]' ? divs : css === 'iframe[data-explainer-frame]' ? frames : []),
    addEventListener() {},
  };
  const window = { location: { hash }, addEventListener: (name, f) => (listeners[name] = f) };
  class CustomEvent {
    constructor(type, init) {
      this.type = type;
      this.detail = init.detail;
    }
  }
  vm.runInNewContext(source, { document, window, CustomEvent });
  return {
    listeners,
    window,
    goto(h) {
      window.location.hash = h;
      listeners.hashchange();
    },
  };
}

const BASE = 'https://news.example/explainer/';

/**
 * The editions the build published (translations, not the original, which data-lang does not
 * name: the Embed panel writes it only on an edition's pages), as the essay's alternates name
 * them: [hreflang, folder].
 */
const EDITIONS = (() => {
  const file = join(REPO, 'dist', 'index.html');
  if (!existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)[1];
  return [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)]
    .filter(([, lang]) => lang !== 'x-default')
    .map(([, lang, href]) => [lang, href.slice(canonical.length)])
    .filter(([, dir]) => dir);
})();

for (const [label, source] of [
  ['embed/loader.js', LOADER],
  ['public/embed.js', SHIPPED],
]) {
  describe(`address table: ${label}`, () => {
    it('builds each widget’s frame at its own page, with its query key, what-if switches and theme, at its starting height', () => {
      for (const w of WIDGETS) {
        const div = new FakeElement('div', { explainer: w.name, [w.key]: 'x-1', off: 'a,b', theme: 'dark', title: 'T' });
        loader(source, { divs: [div] });
        const [f] = div.children;
        assert.ok(f, w.name);
        assert.equal(f.src, `${BASE}${w.dir}?embed=1&${w.key}=x-1&off=a%2Cb&theme=dark`, w.name);
        assert.equal(f.dataset.widget, w.name);
        assert.match(f.style.cssText, new RegExp(`height:${w.height}$`), `${w.name} starts at ${w.height}`);
        assert.equal(f.title, 'T');
        const bare = new FakeElement('div', { explainer: w.name });
        loader(source, { divs: [bare] });
        assert.equal(bare.children[0].src, `${BASE}${w.dir}?embed=1`);
      }
      // data-lang: the edition's own pages, in the folder the build publishes it in (the
      // essay's hreflang alternates name each edition and its address).
      for (const [lang, dir] of EDITIONS) {
        for (const w of WIDGETS) {
          const div = new FakeElement('div', { explainer: w.name, lang });
          loader(source, { divs: [div] });
          assert.equal(div.children[0].src, `${BASE}${dir}${w.dir}?embed=1`, `${w.name} in ${lang}`);
        }
      }
      const unknown = new FakeElement('div', { explainer: 'chart' });
      loader(source, { divs: [unknown] });
      assert.equal(unknown.children.length, 0, 'an unknown widget is left alone');
    });

    it('passes the host page’s fragment to the widgets whose prefix it carries (steps, named by none, to the essay)', () => {
      const names = (h) => WIDGETS.filter((w) => (w.prefix ? h.startsWith(w.prefix) : !WIDGETS.some((o) => o.prefix && h.startsWith(o.prefix)))).map((w) => w.name);
      for (const h of [...WIDGETS.map((w) => `${w.prefix}x-1`), 'the-decision']) {
        const divs = WIDGETS.map((w) => new FakeElement('div', { explainer: w.name }));
        loader(source, { divs, hash: `#${h}` });
        const got = divs.filter((d) => d.children[0].src.endsWith(`#${h}`)).map((d) => d.dataset.explainer);
        assert.deepEqual(got, names(h), `#${h} at load`);
        // Later changes: a goto message to the same frames.
        const l = loader(source, { divs: (divs.forEach((d) => (d.children = [])), divs) });
        l.goto(`#${h}`);
        const told = divs.filter((d) => d.children[0].posted.length).map((d) => d.dataset.explainer);
        assert.deepEqual(told, names(h), `#${h} later`);
        for (const d of divs) for (const p of d.children[0].posted) assert.deepEqual(JSON.parse(JSON.stringify(p)), { m: { type: 'explainer:goto', target: h }, origin: '*' });
      }
      // An unreadable fragment (a broken escape) names nothing and breaks nothing.
      const div = new FakeElement('div', { explainer: WIDGETS[1].name });
      const l = loader(source, { divs: [div], hash: '#%E0%A4%A' });
      assert.ok(div.children[0].src.endsWith('?embed=1'));
      l.goto('#%E0%A4%A');
      assert.equal(div.children[0].posted.length, 0);
    });

    it('knows pasted frames by their page’s folder, and old ones by ?widget=', () => {
      for (const w of WIDGETS) {
        const srcs = [`${BASE}${w.dir}?embed=1`, `${BASE}${w.dir}index.html?embed=1#${w.prefix}x`, `${BASE}?widget=${w.name}&embed=1`];
        const frames = srcs.map((src) => Object.assign(new FakeElement('iframe'), { src }));
        loader(source, { frames });
        assert.deepEqual(
          frames.map((f) => f.dataset.widget),
          srcs.map(() => w.name),
          w.name,
        );
      }
    });

    it('sizes widget frames (not the essay’s) from their own messages only', () => {
      const frames = WIDGETS.map((w) => Object.assign(new FakeElement('iframe'), { src: `${BASE}${w.dir}?embed=1` }));
      const l = loader(source, { frames });
      for (const f of frames) l.listeners.message({ source: f.contentWindow, data: { type: 'explainer:height', height: 321.2 } });
      l.listeners.message({ source: {}, data: { type: 'explainer:height', height: 5 } });
      l.listeners.message({ source: frames[1].contentWindow, data: null });
      for (const [i, w] of WIDGETS.entries()) assert.equal(frames[i].style.height, w.dir ? '322px' : undefined, w.name);
    });
  });
}

describe('address table: the shipped loader', () => {
  it('is the minified build of embed/loader.js and fits in 2 KB', () => {
    execFileSync(process.execPath, [join(REPO, 'tests', 'tools', 'minify-embed.mjs'), '--check'], { stdio: 'pipe' });
    assert.ok(Buffer.byteLength(SHIPPED) <= 2048);
  });
});
