// What driver.js, screenshots.js and screenshot-vsix.js share: their command line, their
// log, the workbench URL of the VS Code server the shell scripts started (server.sh),
// the headless Chromium that opens it without leaving 127.0.0.1, and, for the two
// screenshot drivers, their window, the keyboard steps that open a file in it, and the
// image of a failed step.
'use strict';
const path = require('node:path');
const { parseArgs } = require('node:util');
const { chromium } = require('playwright-core');

/** The string options `names` (each required: a missing one ends the process with 2) and `optional` from the command line. */
function requiredOptions(program, names, optional = []) {
  const { values } = parseArgs({ options: Object.fromEntries([...names, ...optional].map((name) => [name, { type: 'string' }])) });
  for (const name of names) {
    if (!values[name]) {
      console.error(`${program}: --${name} is required`);
      process.exit(2);
    }
  }
  return values;
}

/** MAILZONE_DRIVER_TIMEOUT (seconds) in milliseconds, or the program's own default. */
function driverTimeoutMs(defaultSeconds) {
  return Number(process.env.MAILZONE_DRIVER_TIMEOUT || defaultSeconds) * 1000;
}

/** console.log with the program's name and the seconds since it started on every line. */
function logger(program) {
  const t0 = Date.now();
  return (...args) => console.log(`[${program} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

/** A path on the server's side, addressed through the remote authority of the workbench at `base`. */
function remotePath(base, p) {
  return `vscode-remote://${base.host}${path.resolve(p)}`;
}

/**
 * The workbench at `base` opening `folder`. The payload's entries reach the workbench as
 * if given on VS Code's command line; welcome and release notes stay closed.
 */
function workbenchUrl(base, folder, payload = []) {
  const url = new URL('/', base);
  url.searchParams.set('folder', path.resolve(folder));
  url.searchParams.set('payload', JSON.stringify([...payload, ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']]));
  return url;
}

/** Headless Chromium (CHROMIUM, default /usr/bin/chromium) for the workbench at `base`. */
function launchBrowser(base) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Every host name but the workbench's own resolves to nothing: the browser stays on 127.0.0.1.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${base.hostname}`],
  });
}

/**
 * `keys(...)` presses keys in turn, `visible(selector)` waits for the first match to show:
 * the screenshot drivers bring everything up with the keyboard, as a user would.
 */
function keyboard(page) {
  return {
    keys: async (...sequence) => {
      for (const key of sequence) await page.keyboard.press(key);
    },
    visible: (selector) => page.locator(selector).first().waitFor({ state: 'visible' }),
  };
}

/** Loads the workbench at `url` and opens `file` of its folder with Quick Open, waiting until its text shows. */
async function openFile(page, url, file, log) {
  const { keys, visible } = keyboard(page);
  log('opening the workbench');
  await page.goto(url.href);
  await visible('.monaco-workbench .part.editor');

  log(`opening ${file}`);
  await keys('Control+P');
  await visible('.quick-input-widget input');
  await page.keyboard.type(file);
  await visible('.quick-input-list .monaco-list-row');
  await keys('Enter');
  await visible('.monaco-editor .view-lines');
}

/** The side bars take width the records need: hides the explorer and whatever the secondary side bar holds. */
async function hideSideBars(page) {
  const { keys } = keyboard(page);
  await keys('Control+B');
  if (await page.locator('.part.auxiliarybar').isVisible()) await keys('Control+Alt+B');
  await page.locator('.part.auxiliarybar').waitFor({ state: 'hidden' });
}

/**
 * Runs a screenshot driver: `steps(page)` in a fresh window of one size for every image, at
 * one device pixel per CSS pixel, with `timeoutMs` for every wait. On a failed step the
 * window is saved as `failedStep`: what the workbench showed then says more than the
 * selector that timed out. Exits 0 when the steps end, 1 on an error.
 */
function runScreenshots({ program, base, timeoutMs, failedStep, log }, steps) {
  const run = async () => {
    const browser = await launchBrowser(base);
    const page = await browser.newPage({ viewport: { width: 1360, height: 800 }, deviceScaleFactor: 1 });
    try {
      page.setDefaultTimeout(timeoutMs);
      await steps(page);
    } catch (error) {
      await page.screenshot({ path: failedStep }).then(() => log('the workbench at the failure:', failedStep), () => undefined);
      throw error;
    } finally {
      await browser.close();
    }
  };
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(`${program}:`, err && err.stack ? err.stack : err);
      process.exit(1);
    },
  );
}

module.exports = {
  requiredOptions, driverTimeoutMs, logger, remotePath, workbenchUrl, launchBrowser,
  keyboard, openFile, hideSideBars, runScreenshots,
};
