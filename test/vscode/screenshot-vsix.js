#!/usr/bin/env node
// Saves the workbench as a user sees it with the packaged extension installed: the
// example zone open, its squiggles, and the Problems panel listing the findings by rule
// id. Unlike screenshots.js, the workbench URL names no extension under development, so
// what runs is the .vsix that test/vscode/screenshot-vsix.sh installed into the server.
//
// Usage: node test/vscode/screenshot-vsix.js --url http://127.0.0.1:PORT --folder DIR --out FILE.png
// Environment: CHROMIUM (default /usr/bin/chromium), MAILZONE_DRIVER_TIMEOUT (seconds, default 120).
// On a failed step the window is saved beside FILE as failed-step.png.
'use strict';
const path = require('node:path');
const { parseArgs } = require('node:util');
const { chromium } = require('playwright-core');

const { values: opts } = parseArgs({
  options: { url: { type: 'string' }, folder: { type: 'string' }, out: { type: 'string' } },
});
for (const required of ['url', 'folder', 'out']) {
  if (!opts[required]) {
    console.error(`screenshot-vsix: --${required} is required`);
    process.exit(2);
  }
}

const timeout = Number(process.env.MAILZONE_DRIVER_TIMEOUT || 120) * 1000;
const base = new URL(opts.url);
const workbenchUrl = new URL('/', base);
workbenchUrl.searchParams.set('folder', path.resolve(opts.folder));
workbenchUrl.searchParams.set('payload', JSON.stringify([['skipWelcome', 'true'], ['skipReleaseNotes', 'true']]));

/** Rule ids the example zone is known to raise; the Problems panel must list each before the shot. */
const EXPECTED_IDS = ['spf-pass-all', 'dkim-key-invalid', 'dmarc-pct-zero'];
/** A line of the example between its SPF record (line 27) and its DMARC record (line 45): centred on it,
 * the editor shows the warnings and the error of the example together. */
const MIDDLE_LINE = 36;

const t0 = Date.now();
const log = (...args) => console.log(`[screenshot-vsix ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Every host name but the workbench's own resolves to nothing: the browser stays on 127.0.0.1.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${base.hostname}`],
  });
  const page = await browser.newPage({ viewport: { width: 1360, height: 800 }, deviceScaleFactor: 1 });
  try {
    page.setDefaultTimeout(timeout);
    const keys = async (...sequence) => {
      for (const key of sequence) await page.keyboard.press(key);
    };
    const visible = (selector) => page.locator(selector).first().waitFor({ state: 'visible' });

    log('opening the workbench');
    await page.goto(workbenchUrl.href);
    await visible('.monaco-workbench .part.editor');

    log('opening example.com.zone');
    await keys('Control+P');
    await visible('.quick-input-widget input');
    await page.keyboard.type('example.com.zone');
    await visible('.quick-input-list .monaco-list-row');
    await keys('Enter');
    await visible('.monaco-editor .view-lines');

    // The side bars take width the records need: hide the explorer and whatever the secondary side bar holds.
    await keys('Control+B');
    if (await page.locator('.part.auxiliarybar').isVisible()) await keys('Control+Alt+B');
    await page.locator('.part.auxiliarybar').waitFor({ state: 'hidden' });

    log('waiting for the findings in the Problems panel');
    await keys('Control+Shift+M');
    for (const id of EXPECTED_IDS) {
      await page.locator('.markers-panel .monaco-list-row', { hasText: id }).first().waitFor({ state: 'visible' });
    }
    await keys('Escape');
    await page.keyboard.press('Control+G');
    await visible('.quick-input-widget input');
    await page.keyboard.type(`${MIDDLE_LINE}`);
    await keys('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await visible('.monaco-editor .squiggly-warning');
    await visible('.monaco-editor .squiggly-error');

    // An installed extension runs in a plain window; a development host would say so in the title.
    const title = await page.title();
    if (title.includes('Extension Development Host')) throw new Error(`the window is a development host: ${title}`);

    await page.screenshot({ path: opts.out });
    log('saved', opts.out, `(window title: ${title})`);
  } catch (error) {
    // What the workbench showed when a step failed says more than the selector that timed out.
    const file = path.join(path.dirname(opts.out), 'failed-step.png');
    await page.screenshot({ path: file }).then(() => log('the workbench at the failure:', file), () => undefined);
    throw error;
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('screenshot-vsix:', err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
