// Screenshots of the release build for a person to look at:
//   node tests/tools/shots.mjs [outdir] [address ...]
// Serves dist/ under /explainer/ and writes one PNG per width and address (relative to the
// essay's folder: '#the-decision', 'timeline/', 'diagram/?off=yalu-advance'), once the page's
// app has attached (or given up) and settled. SHOT_WIDTHS=375,768,1280 by default; heights as
// the e2e tests use them. Every step of the essay at three widths, with a contact sheet, is
// tests/e2e/stage.test.mjs and tests/tools/contact-sheet.mjs.
import { startServer } from '../e2e/lib/server.mjs';
import { startDriver, newSession } from '../e2e/lib/webdriver.mjs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../dist/', import.meta.url));
const out = process.argv[2] ?? 'tests/artifacts/shots';
const addresses = process.argv.length > 3 ? process.argv.slice(3) : ['', '#taiwan-first', '#tide-turns-at-inchon', '#the-decision', 'timeline/', 'diagram/', 'diagram/?off=yalu-advance'];
const widths = (process.env.SHOT_WIDTHS ?? '375,768,1280').split(',').map(Number);
await mkdir(out, { recursive: true });
const server = await startServer({ root, base: '/explainer/' });
const driver = await startDriver('chromium');
try {
  for (const width of widths) {
    const s = await newSession(driver, { width, height: width < 500 ? 740 : width < 1000 ? 1024 : 800, reducedMotion: true });
    for (const address of addresses) {
      await s.get('about:blank');
      await s.get(`${server.url}${address}`);
      await s.waitFor('return document.documentElement.dataset.app', 15000).catch(() => {});
      await new Promise((r) => setTimeout(r, 800)); // the essay settles on a step
      const name = `${width}-${address.replace(/[^a-z0-9]+/gi, '_') || 'top'}.png`;
      await s.screenshot(join(out, name));
      console.log(join(out, name));
    }
    await s.quit();
  }
} finally {
  await driver.stop();
  await server.close();
}
