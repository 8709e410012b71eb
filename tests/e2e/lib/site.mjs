// The release build (dist/) served as a host would, and what the tests need to know about it:
// the content (read from content/*.toml with Python's tomllib, independently of the Rust code)
// and small page helpers that read the app's state from the DOM.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = join(here, '..', '..', '..');
export const ARTIFACTS = join(REPO, 'tests', 'artifacts');

/** The content as data: steps in reading order with what their graphic shows. */
export function loadContent(dir = join(REPO, 'content')) {
  const py = `
import json, sys, tomllib
d = sys.argv[1]
load = lambda n: tomllib.load(open(f"{d}/{n}", "rb"))
print(json.dumps({"essay": load("essay.toml"), "timeline": load("timeline.toml"), "diagram": load("diagram.toml")}))`;
  const c = JSON.parse(execFileSync('python3', ['-c', py, dir], { encoding: 'utf8' }));
  c.steps = c.essay.chapter.flatMap((ch) => ch.step.map((s) => ({ ...s, chapter: ch.id })));
  return c;
}

/** Serves `dist` under `/explainer/` (a sub-path, as most hosts would) with compression. */
export async function serveDist({ dist = join(REPO, 'dist'), base = '/explainer/', host, routes, cors = true } = {}) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no build at ${dist}: run trunk build --release first`);
  return startServer({ root: dist, base, compress: true, cors, host, routes });
}

/** Waits until the app has mounted its panel or widget. */
export async function ready(s, selector = '.panel, .widget') {
  await s.waitFor(`return !!document.querySelector(${JSON.stringify(selector)})`, 15000);
}

export const activeStep = (s) => s.exec('return Number(document.querySelector(".panel").dataset.step)');

/** Scrolls instantly so that step i's top sits `frac` of the viewport from the top. */
export async function scrollStepTo(s, i, frac) {
  await s.exec(
    `const el = document.querySelectorAll('.steps .step')[arguments[0]];
     const top = el.getBoundingClientRect().top + scrollY;
     scrollTo({ top: top - innerHeight * arguments[1], behavior: 'instant' });`,
    i,
    frac,
  );
}

/** Resolves when the panel shows step `i` (after the next frames). */
export async function waitStep(s, i, timeout = 5000) {
  await s.waitFor(`return Number(document.querySelector(".panel").dataset.step) === ${i}`, timeout);
}

/** What the graphic shows now: the visible instrument, lit timeline events, the diagram stage. */
export async function graphicState(s) {
  return s.exec(`
    const p = document.querySelector('.panel');
    return {
      view: p.dataset.view,
      lit: [...document.querySelectorAll('.instrument-timeline .ev.is-hl')].map((e) => e.dataset.id).sort(),
      stage: document.querySelector('.instrument-diagram .dg').dataset.stage,
      shown: document.querySelector('.instrument.is-shown').className,
    };`);
}

/** What the content says step i shows, in the same shape. */
export function expectedGraphic(content, i) {
  const g = content.steps[i].graphic;
  return g.view === 'timeline' ? { view: 'timeline', lit: [...(g.highlight ?? [])].sort() } : { view: 'diagram', stage: g.stage };
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
