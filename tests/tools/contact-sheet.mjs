// A contact sheet of the essay's steps: one row per step, its screenshots at 375, 768 and
// 1280 px side by side, as one JPEG for people to look at (linked from the README).
//
//   node tests/tools/contact-sheet.mjs [engine] [out]
//     engine  whose screenshots (default chromium): tests/artifacts/steps/<engine>/<width>/NN-id.png,
//             written by tests/e2e/stage.test.mjs
//     out     default docs/contact-sheet.jpg
//
// Chromium composes it: a page draws the screenshots on a canvas and hands back a JPEG, kept
// under about 1.5 MB by lowering the quality if need be.

import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '../e2e/lib/server.mjs';
import { ARTIFACTS, REPO, loadContent } from '../e2e/lib/site.mjs';
import { newSession, startDriver } from '../e2e/lib/webdriver.mjs';

const engine = process.argv[2] ?? 'chromium';
const out = process.argv[3] ?? join(REPO, 'docs', 'contact-sheet.jpg');
const WIDTHS = [375, 768, 1280];
const MAX_BYTES = 1.5e6;
const root = join(ARTIFACTS, 'steps', engine);

for (const w of WIDTHS) {
  if (!existsSync(join(root, String(w)))) {
    console.error(`no screenshots in ${join(root, String(w))}: run E2E_ENGINES=${engine} node --test e2e/stage.test.mjs (in tests/) first`);
    process.exit(1);
  }
}
const content = loadContent();
const rows = content.steps.map((step, i) => {
  const name = `${String(i + 1).padStart(2, '0')}-${step.id}.png`;
  const chapter = content.essay.chapter.find((c) => c.id === step.chapter);
  return {
    label: [`${i + 1}`, step.id, chapter.kicker, step.graphic.view],
    shots: WIDTHS.map((w) => (readdirSync(join(root, String(w))).includes(name) ? `${w}/${name}` : null)),
  };
});

// The page that composes the sheet: it loads the screenshots from the same origin, so the canvas
// may be read back.
const page = `<!doctype html><meta charset="utf-8"><title>sheet</title><body style="margin:0"><script>
window.compose = async (rows, widths, quality) => {
  const load = (src) => new Promise((ok) => { if (!src) return ok(null); const i = new Image(); i.onload = () => ok(i); i.onerror = () => ok(null); i.src = src; });
  const H = 250, GAP = 14, LABEL = 170, HEAD = 66;
  const imgs = await Promise.all(rows.map((r) => Promise.all(r.shots.map(load))));
  const colW = widths.map((w, k) => Math.max(...imgs.map((row) => row[k] ? Math.round(row[k].naturalWidth * H / row[k].naturalHeight) : 0), 40));
  const W = LABEL + colW.reduce((a, b) => a + b + GAP, 0) + GAP;
  const c = Object.assign(document.createElement('canvas'), { width: W, height: HEAD + rows.length * (H + GAP) + GAP });
  const g = c.getContext('2d');
  g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
  g.fillStyle = '#222'; g.font = 'bold 18px sans-serif';
  g.fillText('The essay, step by step: each step’s screenshot at ' + widths.join(', ') + ' px', GAP, 26);
  let x = LABEL + GAP;
  g.font = '15px sans-serif';
  widths.forEach((w, k) => { g.fillText(w + ' px', x, 54); x += colW[k] + GAP; });
  rows.forEach((r, i) => {
    const y = HEAD + i * (H + GAP);
    g.fillStyle = '#222'; g.font = 'bold 22px sans-serif'; g.fillText(r.label[0], GAP, y + 26);
    g.font = '13px sans-serif'; g.fillText(r.label[1], GAP, y + 48, LABEL - GAP); g.fillStyle = '#666';
    // The kicker, wrapped to the label column.
    let line = '', ly = y + 66;
    for (const word of r.label[2].split(' ')) {
      if (line && g.measureText(line + ' ' + word).width > LABEL - GAP) { g.fillText(line, GAP, ly); line = word; ly += 17; }
      else line = line ? line + ' ' + word : word;
    }
    g.fillText(line, GAP, ly);
    g.fillText(r.label[3], GAP, ly + 17);
    let x = LABEL + GAP;
    imgs[i].forEach((img, k) => {
      if (img) { const w = Math.round(img.naturalWidth * H / img.naturalHeight); g.drawImage(img, x, y, w, H); g.strokeStyle = '#bbb'; g.strokeRect(x + 0.5, y + 0.5, w - 1, H - 1); }
      else { g.fillStyle = '#eee'; g.fillRect(x, y, colW[k], H); }
      x += colW[k] + GAP;
    });
  });
  return c.toDataURL('image/jpeg', quality);
};
</script>`;

const server = await startServer({ root, base: '/', routes: { '/sheet.html': { body: page } } });
const driver = await startDriver('chromium');
try {
  const s = await newSession(driver, { width: 800, height: 600 });
  await s.get(`${server.url}sheet.html`);
  let jpeg;
  for (const quality of [0.82, 0.72, 0.62, 0.5]) {
    const url = await s.execAsync('const done = arguments[3]; compose(arguments[0], arguments[1], arguments[2]).then(done, (e) => done(String(e)));', rows, WIDTHS, quality);
    if (!url.startsWith('data:image/jpeg;base64,')) throw new Error(`compose failed: ${url.slice(0, 200)}`);
    jpeg = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    if (jpeg.length <= MAX_BYTES) break;
  }
  await writeFile(out, jpeg);
  console.log(`${out}: ${rows.length} steps × ${WIDTHS.join(', ')} px, ${Math.round(jpeg.length / 1024)} KB`);
  await s.quit();
} finally {
  await driver.stop();
  await server.close();
}
