// The editions: the English original at the root and its translations (ko/, zh-hans/), each with
// the same pages. Every page says its language and where its other editions are (<html lang>,
// hreflang alternates, a canonical at itself) and never sends a reader elsewhere by their
// browser's language; the language control takes the reader to the same place in the other
// edition (the step, the open event, the stage and its switches, the line), from edition to
// edition and back; the translations show no English interface words; their stage names things
// in full at every step; and they pass axe-core.
//
// The full set runs in Chromium; Firefox and WebKit run a smoke of it (the language switches on
// the essay and the diagram), so that the suite stays within its time.
//
// The stage checks of stage.test.mjs in every edition: no label cut or overlapping, and no empty
// band taller than MAX_BAND (lib/measure.mjs) of the panel; screenshots of every step go to
// tests/artifacts/steps-<edition>/chromium/<width>/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { formatViolations, runAxe } from './lib/axe.mjs';
import { engines, useDriver } from './lib/engines.mjs';
import { MAX_BAND, report } from './lib/measure.mjs';
import { catalog } from './lib/monkey.mjs';
import { CHROMIUM_FLAGS, Session } from './lib/webdriver.mjs';
import { ARTIFACTS, REPO, lookAtStep, afterFrames, loadContent, pagesOf, ready, serveDist, settleOn, settled } from './lib/site.mjs';

const DIST = join(REPO, 'dist');
const BASE = '/explainer/';
// (The essay's explainer, whatever E2E_EXPLAINER says: the fixture has no editions.)
const content = loadContent(join(REPO, 'content'));
const N = content.steps.length;

/** The editions, the original first (content/essay.toml meta.editions names the others). */
const EDITIONS = [
  { dir: '', lang: 'en', name: 'English' },
  { dir: 'ko/', lang: 'ko', name: '한국어' },
  { dir: 'zh-hans/', lang: 'zh-Hans', name: '简体中文' },
];
const byLang = Object.fromEntries(EDITIONS.map((e) => [e.lang, e]));
/** The pages of an edition: the essay ('') and each widget's folder. */
const WIDGETS = catalog(DIST).map((w) => w.dir);

/** Which edition and which page a served path is. */
function where(path) {
  const rel = path.slice(BASE.length);
  const edition = EDITIONS.find((e) => e.dir && rel.startsWith(e.dir)) ?? EDITIONS[0];
  return { edition, page: rel.slice(edition.dir.length) };
}

/** The address the build writes its absolute links for (the original's canonical). */
const SITE = /<link rel="canonical" href="([^"]+)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))?.[1];

// ---- The English interface words, to be found in no translated page ---------------------------

/** Every string value in a TOML file (or each file of a folder), read with Python's tomllib. */
function tomlStrings(paths) {
  const py = `
import json, sys, tomllib
out = []
def walk(o):
    if isinstance(o, str): out.append(o)
    elif isinstance(o, dict): [walk(v) for v in o.values()]
    elif isinstance(o, list): [walk(v) for v in o]
for p in sys.argv[1:]: walk(tomllib.load(open(p, "rb")))
print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', py, ...paths], { encoding: 'utf8' }));
}

const words = (text) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w));

/**
 * The English interface (model/words/en.toml: every word a page shows that is not the
 * explainer's content) as phrases of two words or more: each pattern's literal pieces between
 * its `{names}`, trimmed of punctuation; and its one-word strings (buttons, labels: "Embed",
 * "Copy", "Overview"), which are looked for as the whole text or name of an element.
 */
function englishInterface() {
  const phrases = new Set();
  const single = new Set();
  for (const value of tomlStrings([join(REPO, 'model', 'words', 'en.toml')])) {
    for (const piece of value.split(/\{[a-z0-9_]+\}/)) {
      const t = piece.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      const n = words(t).length;
      if (n >= 2) phrases.add(t);
      else if (n === 1 && piece.trim() === value.trim() && /^\p{L}[\p{L}’-]*:?$/u.test(value.trim())) single.add(value.trim());
    }
  }
  return { phrases: [...phrases], single: [...single] };
}

/**
 * The English content's own labels (chapter titles and kickers, factor, stage, course, era, line,
 * place and actor names, event titles): the instruments' interface, translated in each edition.
 */
function englishLabels() {
  const py = `
import json, sys, tomllib
KEYS = {"event.title", "factor.label", "stage.label", "chapter.kicker", "chapter.title", "line.label", "line.chip", "line.short",
        "era.label", "actor.name", "actor.short", "place.name", "lane.name", "course.label", "course.toward", "course.detail", "factor.whatif"}
out = set()
def walk(o, path):
    if isinstance(o, str):
        if ".".join(path[-2:]) in KEYS: out.add(o)
    elif isinstance(o, dict): [walk(v, path + [k]) for k, v in o.items()]
    elif isinstance(o, list): [walk(v, path) for v in o]
for p in sys.argv[1:]: walk(tomllib.load(open(p, "rb")), [])
print(json.dumps(sorted(out)))`;
  const files = ['essay', 'timeline', 'diagram', 'map'].map((n) => join(REPO, 'content', `${n}.toml`));
  return JSON.parse(execFileSync('python3', ['-c', py, ...files], { encoding: 'utf8' })).filter((t) => words(t).length >= 2);
}

/**
 * What an edition writes itself (its content folder and the engine's words for its language):
 * an English phrase the translation keeps on purpose (a glossary note naming the English term)
 * is not an untranslated one.
 */
function editionText(lang) {
  const dir = join(REPO, 'content', 'editions', lang);
  const files = readdirSync(dir).filter((f) => f.endsWith('.toml')).map((f) => join(dir, f));
  return tomlStrings([...files, join(REPO, 'model', 'words', `${lang}.toml`)]).join('\n');
}

/**
 * Runs in the page: the interface's text as a reader (or their screen reader) gets it: every text
 * node of the body (templates' too: what the page shows later, such as the Embed panel's body),
 * the names and descriptions on elements, the words the app says (`data-w-*`), the title and
 * description; quotations, source titles, anything marked as English and the language control
 * (which names each language in its own) left out. Also each element's whole text or name, for
 * the one-word strings.
 */
function interfaceText() {
  const skip = 'cite, q, blockquote, .source, [lang=en], nav.langs, script, style';
  const texts = [document.title, document.querySelector('meta[name=description]')?.content ?? ''];
  const wholes = [];
  const roots = [document.body, ...[...document.querySelectorAll('template')].map((t) => t.content)];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode()); ) {
      const p = n.parentElement;
      if (n.data.trim() && !(p && p.closest(skip))) texts.push(n.data);
    }
    for (const el of root.querySelectorAll('*')) {
      if (el.closest(skip)) continue;
      for (const a of el.attributes) {
        if (['aria-label', 'title', 'alt', 'placeholder', 'aria-description'].includes(a.name) || a.name.startsWith('data-w-')) {
          texts.push(a.value);
          wholes.push(a.value.trim());
        }
      }
      if (!el.children.length || el.matches('button, summary, label, option, th, legend, h1, h2, h3')) wholes.push(el.textContent.trim());
    }
  }
  for (const t of document.querySelectorAll('textarea')) texts.push(t.value);
  return { text: texts.join('\n'), wholes: [...new Set(wholes)].filter(Boolean) };
}

// ---- The reader's place, read from a page --------------------------------------------------------

/** What each page shows of the reader's place. */
const READ = {
  essay: `const p = document.querySelector('.graphic .panel');
    return { step: Number(p.dataset.step), off: [...p.querySelectorAll('.inst-dg input[data-factor]:not(:checked)')].map((i) => i.dataset.factor).sort() };`,
  // (The event the address names, not the period it is shown in: an address opens an event in
  // the narrowest period that shows it, a reader may have opened it from any period.)
  timeline: `return { open: document.querySelector('.inst-tl .mk[aria-expanded=true]')?.closest('.ev')?.dataset.id ?? null };`,
  diagram: `const i = document.querySelector('.inst-dg');
    return { scene: i.dataset.scene, off: [...i.querySelectorAll('input[data-factor]:not(:checked)')].map((x) => x.dataset.factor).sort() };`,
  map: `return { scene: document.querySelector('.inst-map').dataset.scene };`,
};

const stepOf = (id) => content.steps.findIndex((st) => st.id === id);
// A step of the decision chapter, on the diagram.
const decision = content.steps.find((st) => st.id === 'the-decision') ?? content.steps.find((st) => st.chapter === 'decision' && st.graphic.view === 'diagram');
const lastDiagram = content.steps.findLastIndex((st) => st.graphic.view === 'diagram');
const stages = content.diagram.stage;
const factorOff = content.diagram.factor.find((f) => f.id === 'us-threat')?.id ?? content.diagram.factor.at(-1).id;
const midStage = stages.find((st) => st.id === 'inchon')?.id ?? stages[Math.floor(stages.length / 2)].id;
const eventId = content.timeline.event.find((e) => e.id === 'inchon-landing')?.id ?? content.timeline.event[10].id;
const lineId = content.map?.line?.find((l) => l.id === 'crossing')?.id ?? content.map?.line?.at(-1)?.id;

/**
 * The places a reader switches language at. `start`: the English page's address; `begin`: what
 * the reader does there first (it may return what it chose); `place`: the address the page then
 * keeps for that place (its query and fragment, which the language links must carry; a list when
 * either form will do); `ok`: that the page shows it (what it shows then is what every edition
 * must show).
 */
const SCENARIOS = [
  {
    name: `the essay at a step of the decision chapter (${decision.id})`,
    page: '',
    begin: (s) => settleOn(s, stepOf(decision.id)),
    place: `#${decision.id}`,
    ok: (st) => st.step === stepOf(decision.id) && st.off.length === 0,
    smoke: true,
  },
  {
    name: `the essay at its last diagram step with a what-if switched on (${content.steps[lastDiagram].id})`,
    page: '',
    begin: async (s) => {
      await settleOn(s, lastDiagram);
      return s.exec('const b = [...document.querySelectorAll(".whatif-try [data-toggle]")].find((b) => b.getClientRects().length); b.click(); return b.dataset.toggle');
    },
    place: (off) => `?off=${off}#${content.steps[lastDiagram].id}`,
    ok: (st, off) => st.step === lastDiagram && st.off.join() === off,
  },
  {
    name: `the timeline with an event the reader opened (${eventId})`,
    page: 'timeline/',
    begin: (s) => s.exec(`document.querySelector('.inst-tl .evs .mk[data-id="${eventId}"]').click()`),
    place: `#event-${eventId}`,
    ok: (st) => st.open === eventId,
  },
  {
    name: `the timeline opened at a shared address (?event=${eventId})`,
    page: 'timeline/',
    start: `?event=${eventId}`,
    place: [`?event=${eventId}`, `#event-${eventId}`],
    ok: (st) => st.open === eventId,
  },
  {
    name: `the diagram at a stage with a factor switched off (?stage=${midStage}&off=${factorOff})`,
    page: 'diagram/',
    start: `?stage=${midStage}&off=${factorOff}`,
    place: `?off=${factorOff}#stage-${midStage}`,
    ok: (st) => st.scene === midStage && st.off.join() === factorOff,
    smoke: true,
  },
  {
    name: `the map at a line (?line=${lineId})`,
    page: 'map/',
    start: `?line=${lineId}`,
    place: `#line-${lineId}`,
    ok: (st) => st.scene === lineId,
  },
].filter((sc) => WIDGETS.includes(sc.page));

/** The script that reads a scenario's page. */
const readerOf = (sc) => READ[sc.page ? sc.page.replace(/\/$/, '') : 'essay'];

/**
 * A Chromium session whose browser prefers Korean, then Chinese (its Accept-Language and
 * navigator.languages), as newSession makes one otherwise.
 */
async function chromiumPreferring(driver, langs) {
  const profileDir = await mkdtemp(join(tmpdir(), 'e2e-chromium-lang-'));
  const capabilities = {
    browserName: 'chrome',
    'goog:chromeOptions': {
      binary: '/usr/bin/chromium',
      args: [...CHROMIUM_FLAGS, '--window-size=1280,800', `--user-data-dir=${profileDir}`, `--lang=${langs[0]}`, `--accept-lang=${langs.join(',')}`],
      prefs: { 'intl.accept_languages': langs.join(',') },
    },
    'goog:loggingPrefs': { browser: 'ALL' },
    timeouts: { script: 30_000, pageLoad: 60_000, implicit: 0 },
  };
  const r = await fetch(`${driver.url}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ capabilities: { alwaysMatch: capabilities } }),
  });
  const { value } = await r.json();
  if (!r.ok) throw new Error(`a session preferring ${langs}: ${JSON.stringify(value)}`);
  return new Session(driver, value.sessionId, value.capabilities, profileDir);
}

for (const engine of engines()) {
  const full = engine === 'chromium';
  describe(`editions [${engine}]${full ? '' : ' (smoke)'}`, () => {
    const browser = useDriver(engine);
    let site;
    before(async () => (site = await serveDist({ dist: DIST })));
    after(async () => site?.close());

    const url = (edition, page, rest = '') => `${site.url}${edition.dir}${page}${rest}`;

    it('every page of every edition: its language, its alternates and canonical, its language links', { skip: !full && 'Chromium only' }, async () => {
      assert.ok(SITE && /^https?:\/\/.+\/$/.test(SITE), `the original's canonical is an absolute address of a folder (${SITE})`);
      const pages = pagesOf(DIST, BASE);
      assert.equal(pages.length, EDITIONS.length * WIDGETS.length, `every page in every edition: ${pages.map((p) => p.path).join(', ')}`);
      const s = await browser.session({ width: 1280, height: 800 });
      const problems = [];
      for (const p of pages) {
        const { edition, page } = where(p.path);
        const here = `${edition.dir}${page}` || '(the root)';
        await s.get(`${site.origin}${p.path}`);
        const got = await s.exec(() => ({
          lang: document.documentElement.getAttribute('lang'),
          canonical: [...document.querySelectorAll('link[rel=canonical]')].map((l) => l.getAttribute('href')),
          alternates: [...document.querySelectorAll('link[rel=alternate][hreflang]')].map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]),
          navs: document.querySelectorAll('nav.langs').length,
          links: [...document.querySelectorAll('nav.langs a')].map((a) => ({
            hreflang: a.getAttribute('hreflang'),
            lang: a.getAttribute('lang'),
            // (Its page: the app, once it runs, adds the reader's place, checked below.)
            href: a.href.replace(/[?#].*$/, ''),
            current: a.getAttribute('aria-current'),
            name: a.textContent.trim(),
          })),
          refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
        }));
        if (got.lang !== edition.lang) problems.push(`${here}: <html lang="${got.lang}">, not ${edition.lang}`);
        const self = `${SITE}${edition.dir}${page}`;
        if (got.canonical.join() !== self) problems.push(`${here}: canonical ${got.canonical.join(', ') || 'none'}, not ${self}`);
        const want = [...EDITIONS.map((e) => [e.lang, `${SITE}${e.dir}${page}`]), ['x-default', `${SITE}${page}`]];
        const sort = (l) => [...l].sort((a, b) => a[0].localeCompare(b[0]));
        if (!isDeepStrictEqual(sort(got.alternates), sort(want))) {
          problems.push(`${here}: alternates ${JSON.stringify(got.alternates)}, not ${JSON.stringify(want)}`);
        }
        if (got.refresh) problems.push(`${here}: a meta refresh`);
        if (got.navs !== 1) problems.push(`${here}: ${got.navs} language controls`);
        const links = EDITIONS.map((e) => ({ hreflang: e.lang, lang: e.lang, href: url(e, page), current: e === edition ? 'page' : null, name: e.name }));
        if (!isDeepStrictEqual(got.links, links)) problems.push(`${here}: language links ${JSON.stringify(got.links)},\n  not ${JSON.stringify(links)}`);
      }
      assert.equal(problems.join('\n'), '');
    });

    it('sends no reader elsewhere by their browser’s language: the root stays English for a browser that prefers Korean', { skip: !full && 'Chromium only' }, async () => {
      // Nothing in the pages or the app's glue reads the browser's language.
      for (const p of pagesOf(DIST, BASE)) assert.doesNotMatch(readFileSync(p.file, 'utf8'), /navigator\.languages?\b|http-equiv="?refresh/i, p.path);
      for (const f of readdirSync(DIST).filter((f) => f.endsWith('.js'))) assert.doesNotMatch(readFileSync(join(DIST, f), 'utf8'), /navigator\.languages?\b/, f);
      const s = await chromiumPreferring(browser.driver, ['ko', 'zh-Hans', 'zh']);
      try {
        assert.deepEqual(await s.exec('return navigator.languages.slice(0, 1)'), ['ko'], 'the session prefers Korean');
        const from = site.log.length;
        await s.get(site.url);
        await ready(s);
        await afterFrames(s);
        assert.equal(await s.exec('return location.href'), site.url, 'no redirect');
        assert.equal(await s.exec('return document.documentElement.lang'), 'en', 'the root is the original');
        const pages = site.log.slice(from).filter((e) => e.path.endsWith('/') || e.path.endsWith('.html')).map((e) => e.path);
        assert.deepEqual(pages, [new URL(site.url).pathname], 'no other edition was asked for');
      } finally {
        await s.quit();
      }
    });

    for (const sc of SCENARIOS.filter((x) => full || x.smoke)) {
      it(`switching language keeps the reader’s place, English → 한국어 → 简体中文 → English: ${sc.name}`, async () => {
        const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
        const read = () => s.exec(readerOf(sc));
        const address = () => s.exec('return location.search + location.hash');
        await s.get(url(EDITIONS[0], sc.page, sc.start ?? ''));
        await ready(s);
        const chosen = sc.begin ? await sc.begin(s) : undefined;
        const forms = [typeof sc.place === 'function' ? sc.place(chosen) : sc.place].flat();
        // The page has written the reader's place into its address (the essay once the reader
        // settles), and shows it.
        const place = await s.waitFor(`const a = location.search + location.hash; return ${JSON.stringify(forms)}.includes(a) && a`, 5000).catch(async () => {
          assert.fail(`English: the address is ${await address()}, not ${forms.join(' or ')}`);
        });
        let want;
        await s.waitFor(async () => sc.ok((want = await read()), chosen), 5000).catch(() => assert.fail(`English at ${place} shows ${JSON.stringify(want)}`));

        const problems = [];
        const chain = ['en', 'ko', 'zh-Hans', 'en'].map((l) => byLang[l]);
        for (let k = 1; k < chain.length; k++) {
          const [from, to] = [chain[k - 1], chain[k]];
          const hop = `${from.name} → ${to.name}`;
          const link = `nav.langs a[hreflang="${to.lang}"]`;
          // The link to the other edition carries the reader's place: the page's query and fragment.
          try {
            await s.waitFor(
              `const a = document.querySelector(${JSON.stringify(link)}), u = new URL(a.href), here = location.search + location.hash;
               return here !== '' && u.search + u.hash === here && u.pathname === ${JSON.stringify(new URL(url(to, sc.page)).pathname)};`,
              8000,
            );
          } catch {
            const [href, here] = await s.exec(`return [document.querySelector(${JSON.stringify(link)}).getAttribute('href'), location.pathname + location.search + location.hash]`);
            problems.push(`${hop}: at ${here} the link to ${to.name} is "${href}", without the reader's place`);
          }
          // A reader's click on it (the page marked, to know the new document from the old).
          await s.exec('window.__e2eOld = 1');
          await (await s.find(link)).click();
          await s.waitFor(`return !window.__e2eOld && document.readyState !== 'loading' && document.documentElement.lang === ${JSON.stringify(to.lang)}`, 30000);
          assert.equal(await s.exec('return location.pathname'), new URL(url(to, sc.page)).pathname, `${hop}: the same page in the other edition`);
          await ready(s);
          let got;
          const same = await s.waitFor(async () => isDeepStrictEqual((got = await read()), want), 8000).catch(() => false);
          if (!same) {
            problems.push(`${hop}: ${to.name} opened at ${await s.exec('return location.pathname + location.search + location.hash')} shows ${JSON.stringify(got)}, not the reader's ${JSON.stringify(want)}`);
            // Go on from where the switch should have led: the same place in this edition (a new
            // page, not a jump within the one there).
            await s.get('about:blank');
            await s.get(url(to, sc.page, place));
            await ready(s);
            await s.waitFor(async () => isDeepStrictEqual((got = await read()), want), 8000).catch(() => {
              assert.fail(`${to.name} at ${place}, opened directly, shows ${JSON.stringify(got)}, not ${JSON.stringify(want)}\n${problems.join('\n')}`);
            });
          } else if (!forms.includes(await address())) {
            problems.push(`${hop}: ${to.name} shows the place, at the address ${await address()}, not ${forms.join(' or ')}`);
          }
        }
        assert.equal(problems.join('\n'), '', `${sc.name}: the place is ${place}, ${JSON.stringify(want)}`);
      });
    }

    for (const edition of EDITIONS.slice(1)) {
      it(`${edition.name} (${edition.dir}): no English interface words on any page`, { skip: !full && 'Chromium only' }, async () => {
        const own = editionText(edition.lang);
        const { phrases, single } = englishInterface();
        const labels = englishLabels();
        // (An English phrase the edition itself writes is kept on purpose: the glossary's notes.)
        const look = [...new Set([...phrases, ...labels])].filter((p) => !own.includes(p));
        const singleLook = single.filter((w) => !new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(own));
        assert.ok(phrases.length > 50 && single.length > 10 && labels.length > 50, `the English to look for (${phrases.length} interface phrases, ${single.length} words, ${labels.length} labels)`);
        const s = await browser.session({ width: 1280, height: 800, reducedMotion: true });
        const problems = [];
        // Each page where it shows the most of its interface: an open card, a what-if, a line,
        // the essay at a step with what-ifs; every panel opened (the Embed panel's body too).
        for (const [page, rest] of [['', ''], ['timeline/', `?event=${eventId}`], ['diagram/', `?off=${factorOff}`], ['map/', lineId ? `?line=${lineId}` : '']]) {
          if (!WIDGETS.includes(page)) continue;
          await s.get(url(edition, page, rest));
          await ready(s);
          if (!page) await settleOn(s, lastDiagram);
          await s.exec('for (const d of document.querySelectorAll("details")) d.open = true');
          await s.waitFor('return [...document.querySelectorAll(".embed-code textarea")].every((t) => t.value) && document.querySelectorAll(".embed-code textarea").length > 0', 5000);
          const { text, wholes } = await s.exec(interfaceText);
          const found = look.filter((p) => text.includes(p));
          const foundSingle = singleLook.filter((w) => wholes.some((x) => x === w || x === `${w}:`));
          for (const p of [...found, ...foundSingle]) {
            const at = text.indexOf(p);
            problems.push(`${edition.dir}${page}${rest}: “${p}”${at >= 0 ? ` in “…${text.slice(Math.max(0, at - 60), at + p.length + 60).replace(/\s+/g, ' ')}…”` : ' (an element’s whole text or name)'}`);
          }
        }
        assert.equal(problems.join('\n'), '');
      });
    }

    for (const edition of EDITIONS.slice(1)) {
      for (const [w, h] of [[375, 740], [1280, 800]]) {
        it(`${edition.name} (${edition.dir}) at ${w}×${h}: every step fills the panel, and names things in full, without overlaps`, { skip: !full && 'Chromium only' }, async () => {
          const s = await browser.session({ width: w, height: h, reducedMotion: true });
          await s.get(url(edition, ''));
          await ready(s);
          const problems = [];
          const bands = [];
          for (let i = 0; i < N; i++) {
            const look = await lookAtStep(s, i);
            bands.push(Math.round(look.band.ratio * 100));
            const r = report(look);
            const id = content.steps[i].id;
            if (r) problems.push(`step ${i + 1} (${id}):\n  ${r.replace(/\n/g, '\n  ')}`);
            if (look.band.ratio > MAX_BAND) {
              problems.push(`step ${i + 1} (${id}): an empty band ${look.band.height}px tall (${Math.round(look.band.ratio * 1000) / 10} % of the ${look.band.panel}px panel)`);
            }
            await s.screenshot(join(ARTIFACTS, `steps-${edition.dir.replace(/\/$/, '')}`, engine, String(w), `${String(i + 1).padStart(2, '0')}-${id}.png`));
          }
          console.log(`# ${engine} ${edition.dir} ${w}×${h}: tallest empty band per step (%): ${bands.join(' ')}`);
          assert.equal(problems.join('\n'), '', `${edition.dir} at ${await s.exec('return innerWidth')}px`);
        });
      }
    }

    for (const edition of EDITIONS.slice(1)) {
      it(`${edition.name} (${edition.dir}) passes axe-core: the essay (its top and a diagram step) and the timeline with a card open`, { skip: !full && 'Chromium only' }, async () => {
        const s = await browser.session({ width: 1280, height: 800 });
        await s.get(url(edition, ''));
        await ready(s);
        let v = await runAxe(s);
        assert.deepEqual(v, [], `${edition.dir}, top: ${formatViolations(v)}`);
        await settleOn(s, stepOf(decision.id));
        await settled(s);
        v = await runAxe(s);
        assert.deepEqual(v, [], `${edition.dir}, step ${decision.id}: ${formatViolations(v)}`);
        await s.get(url(edition, 'timeline/', `?event=${eventId}`));
        await ready(s);
        await s.waitFor('return !document.querySelector("#ev-card").hidden', 3000);
        await settled(s);
        v = await runAxe(s);
        assert.deepEqual(v, [], `${edition.dir}timeline/: ${formatViolations(v)}`);
      });
    }
  });
}
