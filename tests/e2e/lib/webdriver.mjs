// A small W3C WebDriver client over fetch, with no dependencies.
//
//   const driver = await startDriver('chromium');       // or 'firefox', 'webkit'
//   const s = await newSession(driver, { width: 1280, height: 800 });
//   await s.get(url); await (await s.find('button')).click();
//   await s.quit(); await driver.stop();
//
// Only the Debian packages are used: /usr/bin/chromium + chromedriver,
// firefox-esr + geckodriver (from crates.io), and WebKitGTK's MiniBrowser +
// WebKitWebDriver under an Xvfb display of our own.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** The W3C "web element identifier": the key of an element reference in JSON. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** WebDriver's code points for non-character keys (spec §17.4.2, "keys"). */
const KEY_CODES = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  ' ': '\uE00D',
  Space: '\uE00D',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/** An error answered by the driver, with its W3C error code (`no such element`, ...). */
export class WebDriverError extends Error {
  constructor(command, status, value) {
    super(`${command}: ${value?.error ?? `HTTP ${status}`}: ${value?.message ?? JSON.stringify(value)}`);
    this.name = 'WebDriverError';
    this.code = value?.error;
    this.status = status;
  }
}

// Drivers and Xvfb run as process-group leaders (spawned detached) so that a
// signal to the group also reaches the browsers they launched: chromedriver
// killed alone leaves Chromium running. Groups still alive when this process
// exits or is interrupted are killed, and session profiles not yet deleted
// are, so a crashed or cancelled test file leaves no browsers or files behind.
const liveGroups = new Set();
const liveProfiles = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function killAll() {
  for (const child of liveGroups) killGroup(child, 'SIGKILL');
  for (const dir of liveProfiles) rmSync(dir, { recursive: true, force: true });
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal); // the default action, now that we're unhooked
  });
}

function spawnGroup(file, args, options) {
  const child = spawn(file, args, { ...options, detached: true });
  liveGroups.add(child);
  child.once('exit', () => liveGroups.delete(child));
  return child;
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // whatever of the group outlived its leader
}

/** Keeps the last `max` characters a child wrote, for error messages. */
function tail(stream, max = 4000) {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    text = (text + chunk).slice(-max);
  });
  return () => text;
}

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** geckodriver comes from `cargo install`, so ~/.cargo/bin may not be on PATH. */
function findExecutable(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.cargo', 'bin')];
  const found = dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
  if (!found) throw new Error(`${name} not found on PATH or in ~/.cargo/bin: run scripts/setup.sh`);
  return found;
}

/**
 * Starts an X server on a free display; WebKitGTK's MiniBrowser has no
 * headless mode, so it needs one. `-displayfd` makes Xvfb pick the display
 * number and write it to the given fd once it accepts connections.
 */
async function startXvfb() {
  const child = spawnGroup('Xvfb', ['-displayfd', '3', '-screen', '0', '2600x1600x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const stderr = tail(child.stderr);
  let out = '';
  child.stdio[3].setEncoding('utf8');
  for await (const chunk of child.stdio[3]) {
    out += chunk;
    if (out.includes('\n')) break;
  }
  const display = out.trim();
  if (!/^\d+$/.test(display)) {
    await stopProcess(child);
    throw new Error(`Xvfb did not report a display: ${stderr()}`);
  }
  return { display: `:${display}`, stop: () => stopProcess(child) };
}

/**
 * No command may take longer than this (a page load may take 60 s, a script 30 s): a driver
 * that does not answer at all (seen once with WebKitWebDriver) would otherwise hold the suite
 * for fetch's own five minutes.
 */
const COMMAND_TIMEOUT_MS = 100_000;

/** Sends one WebDriver command; returns its `value` or throws WebDriverError. */
async function command(base, method, path, body) {
  const request = () =>
    fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
    });
  let response;
  try {
    response = await request();
  } catch (error) {
    // A driver may close a kept-alive connection just as a request goes out on it (seen with
    // WebKitWebDriver as "fetch failed"), or not answer at all: send it once more. A driver
    // that has really gone fails the second time too.
    if (!(error instanceof TypeError) && error?.name !== 'TimeoutError') throw error;
    await new Promise((resolve) => setTimeout(resolve, 200));
    response = await request();
  }
  const text = await response.text();
  let value;
  try {
    ({ value } = JSON.parse(text));
  } catch {
    value = { message: text };
  }
  if (!response.ok) throw new WebDriverError(`${method} ${path}`, response.status, value);
  return value;
}

async function waitUntilReady(url, child, stderr, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`driver exited with ${child.exitCode}: ${stderr()}`);
    try {
      if ((await command(url, 'GET', '/status')).ready) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`driver at ${url} not ready after ${timeoutMs} ms: ${stderr()}`);
}

/**
 * Starts the WebDriver server for `engine` ('chromium' | 'firefox' | 'webkit')
 * on a free port and waits until it is ready.
 * @returns {Promise<{engine: string, url: string, stop(): Promise<void>}>}
 */
export async function startDriver(engine) {
  const port = await freePort();
  let xvfb = null;
  let child;
  if (engine === 'chromium') {
    child = spawnGroup('/usr/bin/chromedriver', [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } else if (engine === 'firefox') {
    child = spawnGroup(findExecutable('geckodriver'), ['--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } else if (engine === 'webkit') {
    xvfb = await startXvfb();
    child = spawnGroup('WebKitWebDriver', [`--port=${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DISPLAY: xvfb.display },
    });
  } else {
    throw new Error(`unknown engine ${JSON.stringify(engine)}: use chromium, firefox or webkit`);
  }
  const stderr = tail(child.stderr);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    await xvfb?.stop();
  };
  try {
    await waitUntilReady(url, child, stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { engine, url, stop };
}

/** Headless Chromium as this machine runs it (the benchmark uses the same flags). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox', // we run as root
  '--disable-gpu',
  '--no-first-run',
  // Without these, Chromium keeps dialling Google services that this
  // network refuses; the noise slows startup, costs CPU and fills the logs.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** What each engine needs in its capabilities for the requested options. */
async function capabilitiesFor(engine, { width, height, reducedMotion, javascript, colorScheme }, profileDir) {
  if (engine === 'chromium') {
    const args = [
      ...CHROMIUM_FLAGS,
      `--window-size=${width},${height}`,
      `--user-data-dir=${profileDir}`,
    ];
    if (reducedMotion) args.push('--force-prefers-reduced-motion');
    if (colorScheme === 'dark') args.push('--force-dark-mode');
    if (!javascript) args.push('--blink-settings=scriptEnabled=false');
    return {
      browserName: 'chrome',
      'goog:chromeOptions': { binary: '/usr/bin/chromium', args },
      'goog:loggingPrefs': { browser: 'ALL' },
    };
  }
  if (engine === 'firefox') {
    const prefs = {
      // 0 = no-preference, 1 = reduce: what `prefers-reduced-motion` reports.
      'ui.prefersReducedMotion': reducedMotion ? 1 : 0,
    };
    // 0 = dark, 1 = light: what `prefers-color-scheme` reports to pages.
    if (colorScheme) prefs['layout.css.prefers-color-scheme.content-override'] = colorScheme === 'dark' ? 0 : 1;
    if (!javascript) prefs['javascript.enabled'] = false;
    // geckodriver makes (and deletes) a profile of its own.
    return {
      browserName: 'firefox',
      'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless'], prefs },
    };
  }
  // WebKitGTK: MiniBrowser takes WebKitSettings as command-line flags. With
  // JavaScript off, WebDriver's own scripts (exec, find, text) still run, as
  // they do in the other engines. MiniBrowser has no headless mode: the
  // driver runs it on our Xvfb display.
  const args = ['--automation'];
  if (!javascript) args.push('--enable-javascript=false');
  let binary = MINIBROWSER;
  if (reducedMotion || colorScheme === 'dark') {
    // WebKitGTK reports `prefers-reduced-motion: reduce` when GTK's
    // gtk-enable-animations setting is off. GTK reads it from
    // $XDG_CONFIG_HOME/gtk-3.0/settings.ini, and the driver offers no way to
    // set the browser's environment, so a wrapper script does.
    const configDir = join(profileDir, 'config');
    await mkdir(join(configDir, 'gtk-3.0'), { recursive: true });
    await writeFile(join(configDir, 'gtk-3.0', 'settings.ini'), `[Settings]\n${reducedMotion ? 'gtk-enable-animations=0\n' : ''}`);
    binary = join(profileDir, 'minibrowser.sh');
    // And it reports `prefers-color-scheme: dark` under a dark GTK theme variant.
    const theme = colorScheme === 'dark' ? "GTK_THEME='Adwaita:dark' " : '';
    await writeFile(binary, `#!/bin/sh\n${theme}XDG_CONFIG_HOME='${configDir}' exec '${MINIBROWSER}' "$@"\n`);
    await chmod(binary, 0o755);
  }
  return { 'webkitgtk:browserOptions': { binary, args } };
}

/**
 * Opens a browser session on a started driver.
 * @param {{url: string, engine: string}} driver from startDriver
 * @param {{width?: number, height?: number, reducedMotion?: boolean, javascript?: boolean, colorScheme?: 'dark'|'light'}} [options]
 *   width/height: the viewport size in CSS pixels (default 1280x800); colorScheme: what the
 *   system reports to `prefers-color-scheme` (default: the engine's own, light here).
 * @returns {Promise<Session>} `session.unsupported` lists the options the
 *   engine could not apply, each with the reason.
 */
export async function newSession(driver, { width = 1280, height = 800, reducedMotion = false, javascript = true, colorScheme } = {}) {
  // Per-session scratch: Chromium's profile, WebKit's GTK config and wrapper.
  const profileDir = await mkdtemp(join(tmpdir(), `e2e-${driver.engine}-`));
  liveProfiles.add(profileDir);
  const capabilities = await capabilitiesFor(driver.engine, { width, height, reducedMotion, javascript, colorScheme }, profileDir);
  capabilities.timeouts = { script: 30_000, pageLoad: 60_000, implicit: 0 };
  let created;
  try {
    created = await command(driver.url, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    liveProfiles.delete(profileDir);
    throw error;
  }
  const session = new Session(driver, created.sessionId, created.capabilities, profileDir);
  try {
    // Window chrome differs per engine (even headless Chromium reserves
    // some), so the viewport is sized by measuring it.
    await session.setViewportSize(width, height);
  } catch (error) {
    await session.quit();
    throw error;
  }
  return session;
}

/** An element found in the page; valid until the page navigates or re-renders it. */
export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  #cmd(method, path, body) {
    return this.session.command(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.#cmd('POST', '/click', {});
  }

  /** The rendered text (innerText-like: hidden text is left out). */
  text() {
    return this.#cmd('GET', '/text');
  }

  /** The HTML attribute (a string, or null when absent). */
  attr(name) {
    return this.#cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }

  /** The DOM property (e.g. `value`, `checked`, `tagName`). */
  prop(name) {
    return this.#cmd('GET', `/property/${encodeURIComponent(name)}`);
  }

  /** {x, y, width, height} in CSS pixels, relative to the document. */
  rect() {
    return this.#cmd('GET', '/rect');
  }

  /** Focuses the element and types `text` into it (WebDriver key code points such as '\uE007' allowed). */
  sendKeys(text) {
    return this.#cmd('POST', '/value', { text: String(text) });
  }

  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
}

export class Session {
  constructor(driver, id, capabilities, profileDir) {
    this.driver = driver;
    this.engine = driver.engine;
    this.id = id;
    this.capabilities = capabilities;
    // Options the engine could not apply, as [{option, reason}], for tests to
    // skip on. Empty with the engines here: Chromium, Firefox and WebKitGTK
    // all honour width/height, reducedMotion and javascript: false.
    this.unsupported = [];
    this.profileDir = profileDir;
    this.closed = false;
  }

  /** Sends a raw command for this session (`path` is relative to /session/:id). */
  command(method, path, body) {
    return command(this.driver.url, method, `/session/${this.id}${path}`, body);
  }

  /** Turns element references in a result into Element handles. */
  #revive(value) {
    if (Array.isArray(value)) return value.map((item) => this.#revive(item));
    if (value && typeof value === 'object') {
      if (typeof value[ELEMENT_KEY] === 'string') return new Element(this, value[ELEMENT_KEY]);
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.#revive(item)]));
    }
    return value;
  }

  get(url) {
    return this.command('POST', '/url', { url });
  }

  url() {
    return this.command('GET', '/url');
  }

  title() {
    return this.command('GET', '/title');
  }

  /**
   * Runs `script` (a function body, or a function whose source is used) in the
   * page; `arguments[i]` are the args (Elements pass as DOM nodes). Returns
   * what it returns, DOM nodes as Elements.
   */
  async exec(script, ...args) {
    return this.#revive(await this.command('POST', '/execute/sync', { script: scriptBody(script), args }));
  }

  /** Like exec, but the script calls its last argument with the result. */
  async execAsync(script, ...args) {
    return this.#revive(await this.command('POST', '/execute/async', { script: scriptBody(script), args }));
  }

  /** The first element matching `css`; throws WebDriverError `no such element` if none. */
  async find(css) {
    return this.#revive(await this.command('POST', '/element', { using: 'css selector', value: css }));
  }

  /** All elements matching `css` (possibly none). */
  async findAll(css) {
    return this.#revive(await this.command('POST', '/elements', { using: 'css selector', value: css }));
  }

  /**
   * Presses and releases keys in order, through the Actions API, on whatever
   * has focus. Each argument is a named key (Enter, Escape, Tab, ArrowDown,
   * Home, PageDown, ' ', ...), a chord such as 'Shift+Tab' or 'Control+a',
   * or literal text typed character by character.
   */
  async keys(...keys) {
    const actions = [];
    for (const key of keys) {
      const parts = key.length > 1 ? key.split('+') : [key];
      const last = parts.at(-1);
      const isChord =
        parts.length > 1 && parts.slice(0, -1).every((part) => MODIFIERS.has(part)) && (last in KEY_CODES || last.length === 1);
      if (isChord) {
        const codes = parts.map((part) => KEY_CODES[part] ?? part);
        for (const value of codes) actions.push({ type: 'keyDown', value });
        for (const value of codes.reverse()) actions.push({ type: 'keyUp', value });
      } else {
        for (const char of key in KEY_CODES ? [KEY_CODES[key]] : [...key]) {
          actions.push({ type: 'keyDown', value: char }, { type: 'keyUp', value: char });
        }
      }
    }
    await this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.command('DELETE', '/actions');
  }

  /** Sets the outer window size in CSS pixels. */
  setWindowSize(width, height) {
    return this.command('POST', '/window/rect', { width, height });
  }

  /**
   * Sizes the window so that the viewport (innerWidth x innerHeight) is
   * exactly width x height, whatever the engine's window decorations take.
   */
  async setViewportSize(width, height) {
    const inner = () => this.exec('return [window.innerWidth, window.innerHeight]');
    await this.setWindowSize(width, height);
    const [w, h] = await inner();
    if (w !== width || h !== height) {
      const rect = await this.command('GET', '/window/rect');
      await this.setWindowSize(rect.width + width - w, rect.height + height - h);
    }
  }

  /** Saves a PNG of the viewport to `path` (directories are created). */
  async screenshot(path) {
    const base64 = await this.command('GET', '/screenshot');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(base64, 'base64'));
    return path;
  }

  /**
   * The browser console log since the last call, as [{level, message,
   * timestamp}], or null where the driver has no log endpoint (only
   * chromedriver has one: the Selenium-era `se/log`).
   */
  async browserLogs() {
    try {
      return await this.command('POST', '/se/log', { type: 'browser' });
    } catch (error) {
      if (error instanceof WebDriverError && (error.code === 'unknown command' || error.status === 404 || error.status === 405)) {
        return null;
      }
      throw error;
    }
  }

  /**
   * Polls until `condition` gives a truthy value and returns it. `condition`
   * is a Node function (may be async) or a script run in the page by exec.
   * Errors thrown while polling count as "not yet"; the last one is reported
   * on timeout.
   */
  async waitFor(condition, timeoutMs = 5000, intervalMs = 50) {
    const check = typeof condition === 'function' ? condition : () => this.exec(condition);
    const deadline = Date.now() + timeoutMs;
    let lastError;
    for (;;) {
      try {
        const value = await check();
        if (value) return value;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    const what = typeof condition === 'function' ? condition.toString() : condition;
    throw new Error(`waitFor timed out after ${timeoutMs} ms: ${what}${lastError ? `\nlast error: ${lastError.message}` : ''}`);
  }

  /** Switches into an iframe, given as an Element or as an index into window.frames. */
  switchToFrame(frame) {
    return this.command('POST', '/frame', { id: frame });
  }

  switchToParent() {
    return this.command('POST', '/frame/parent', {});
  }

  /** Ends the session (closing the browser) and deletes its profile. Safe to call twice. */
  async quit() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.command('DELETE', '');
    } finally {
      await rm(this.profileDir, { recursive: true, force: true, maxRetries: 3 });
      liveProfiles.delete(this.profileDir);
    }
  }
}

/** Accepts a function body string, or a function to run with the same arguments. */
function scriptBody(script) {
  return typeof script === 'function' ? `return (${script}).apply(null, arguments);` : script;
}
