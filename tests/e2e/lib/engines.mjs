// Which browsers the e2e tests run in, and a per-engine driver fixture.
//
//   for (const engine of engines()) {
//     describe(`smoke [${engine}]`, () => {
//       const browser = useDriver(engine);          // driver started once per describe
//       it('loads', async () => {
//         const s = await browser.session({ width: 800, height: 600 }); // quit after the test
//         await s.get(url);
//       });
//     });
//   }

import { after, afterEach, before } from 'node:test';
import { newSession, startDriver } from './webdriver.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines named in E2E_ENGINES (comma-separated), default chromium. */
export function engines() {
  const names = (process.env.E2E_ENGINES || 'chromium')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length) throw new Error(`E2E_ENGINES: unknown engine(s) ${unknown.join(', ')}; known: ${ENGINES.join(', ')}`);
  return names;
}

/**
 * Registers hooks in the enclosing describe: the engine's driver starts before its tests and
 * stops after them. `session(options)` gives a browser session with those options; the one
 * session of the describe is kept from test to test and reused (resized, its console log
 * drained) while the options that need a new browser (`reducedMotion`, `javascript`) stay the
 * same, since starting a browser costs seconds (Firefox, WebKit) and the tests navigate afresh
 * anyway. `fresh: true` asks for a new browser regardless. Only one session is open at a time:
 * geckodriver allows no more.
 * @returns {{engine: string, readonly driver: object,
 *   session(options?: {width?: number, height?: number, reducedMotion?: boolean, javascript?: boolean, fresh?: boolean}):
 *   Promise<import('./webdriver.mjs').Session>}}
 */
export function useDriver(engine) {
  let driver;
  let open = null;
  let openKey = '';
  const close = async () => {
    const s = open;
    open = null;
    await s?.quit().catch(() => {});
  };
  before(async () => {
    driver = await startDriver(engine);
  });
  afterEach(async (t) => {
    // A failed test may leave the browser anywhere (a frame, a dialog): start the next afresh.
    if (open && t?.passed === false) await close();
  });
  after(async () => {
    await close();
    await driver?.stop();
  });
  return {
    engine,
    get driver() {
      return driver;
    },
    async session({ fresh = false, ...options } = {}) {
      const key = JSON.stringify([!!options.reducedMotion, options.javascript !== false]);
      if (open && !fresh && key === openKey) {
        try {
          await open.switchToParent().catch(() => {});
          await open.get('about:blank');
          await open.setViewportSize(options.width ?? 1280, options.height ?? 800);
          await open.browserLogs();
          return open;
        } catch {
          // The browser went away: start another.
        }
      }
      await close();
      open = await newSession(driver, options);
      openKey = key;
      return open;
    },
  };
}
