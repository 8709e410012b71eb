// The one Chromium every part of the benchmark uses: Debian's /usr/bin/chromium
// (never a downloaded build), with the same flags for Lighthouse (through
// chrome-launcher) and for the scripted measurements (through puppeteer-core).

import { CHROMIUM_FLAGS as BASE_FLAGS } from '../tests/e2e/lib/webdriver.mjs';
import puppeteer from 'puppeteer-core';

export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Only 127.0.0.1 resolves: anything a page asks of another host (TimelineJS's
 * CDN fonts, favicons, analytics) fails at once instead of waiting on a DNS
 * lookup that this network never answers, and no byte leaves the machine.
 */
export const HOST_RULES = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

export const CHROMIUM_FLAGS = [...BASE_FLAGS, HOST_RULES];

/**
 * Launches Chromium for the scripted measurements. `--enable-precise-memory-info`
 * makes performance.memory exact (it is bucketed otherwise); the memory figures
 * come from CDP, this is only the in-page cross-check.
 */
export function launchBrowser() {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // puppeteer's defaults plus ours; its own --headless is the same mode.
    args: [...CHROMIUM_FLAGS.filter((flag) => flag !== '--headless'), '--enable-precise-memory-info'],
    protocolTimeout: 180_000,
  });
}
