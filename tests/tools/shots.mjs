// Screenshots of the release build for a person to look at:
//   node tests/tools/shots.mjs [outdir] [url-suffix ...]
// Serves dist/ under /explainer/ and writes one PNG per width and address.
import { startServer } from '../e2e/lib/server.mjs';
import { startDriver, newSession } from '../e2e/lib/webdriver.mjs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../dist/', import.meta.url));
const out = process.argv[2] ?? 'tests/artifacts/shots';
const suffixes = process.argv.length > 3 ? process.argv.slice(3) : ['', '#korea-intervenes', '#tide-turns-at-inchon', '#the-decision'];
await mkdir(out, { recursive: true });
const server = await startServer({ root, base: '/explainer/' });
const driver = await startDriver('chromium');
try {
  for (const width of [375, 768, 1280]) {
    const s = await newSession(driver, { width, height: width < 500 ? 740 : 900 });
    for (const suffix of suffixes) {
      await s.get(`${server.url}${suffix}`);
      await new Promise((r) => setTimeout(r, 900));
      const name = `${width}-${suffix.replace(/[^a-z0-9]+/gi, '_') || 'top'}.png`;
      await s.screenshot(join(out, name));
      console.log(join(out, name));
    }
    await s.quit();
  }
} finally {
  await driver.stop();
  await server.close();
}
