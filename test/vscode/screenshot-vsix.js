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
const {
  requiredOptions, driverTimeoutMs, logger, workbenchUrl,
  keyboard, openFile, hideSideBars, runScreenshots,
} = require('./workbench');

const opts = requiredOptions('screenshot-vsix', ['url', 'folder', 'out']);
const base = new URL(opts.url);
const url = workbenchUrl(base, opts.folder);

/** Rule ids the example zone is known to raise; the Problems panel must list each before the shot. */
const EXPECTED_IDS = ['spf-pass-all', 'dkim-key-invalid', 'dmarc-pct-zero'];
/** A line of the example between its SPF record (line 27) and its DMARC record (line 45): centred on it,
 * the editor shows the warnings and the error of the example together. */
const MIDDLE_LINE = 36;

const log = logger('screenshot-vsix');

async function takeShot(page) {
  const { keys, visible } = keyboard(page);
  await openFile(page, url, 'example.com.zone', log);
  await hideSideBars(page);

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
}

runScreenshots({
  program: 'screenshot-vsix',
  base,
  timeoutMs: driverTimeoutMs(120),
  failedStep: path.join(path.dirname(opts.out), 'failed-step.png'),
  log,
}, takeShot);
