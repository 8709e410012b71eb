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
 * Registers hooks in the enclosing describe: the engine's driver starts
 * before its tests and stops after them; sessions made with `session()` are
 * quit after the test that made them.
 * @returns {{engine: string, readonly driver: object, session(options?: object): Promise<import('./webdriver.mjs').Session>}}
 */
export function useDriver(engine) {
  let driver;
  const open = new Set();
  before(async () => {
    driver = await startDriver(engine);
  });
  afterEach(async () => {
    const sessions = [...open];
    open.clear();
    await Promise.all(sessions.map((session) => session.quit()));
  });
  after(async () => {
    await driver?.stop();
  });
  return {
    engine,
    get driver() {
      return driver;
    },
    // One session at a time per driver: geckodriver allows no more, so a new session ends the
    // test's previous one.
    async session(options) {
      await Promise.all([...open].map((s) => s.quit()));
      open.clear();
      const session = await newSession(driver, options);
      open.add(session);
      return session;
    },
  };
}
