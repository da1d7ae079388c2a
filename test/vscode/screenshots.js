#!/usr/bin/env node
// Takes the README's screenshots from the VS Code workbench in headless Chromium:
// the example zone with its squiggles and the Problems panel, a hover, a quick-fix
// menu and a completion list, each brought up with the keyboard as a user would.
// Run by test/vscode/screenshots.sh, which starts the VS Code server.
//
// Usage: node test/vscode/screenshots.js --url http://127.0.0.1:PORT --folder DIR
//          --extension-development-path DIR --out DIR
// Environment: CHROMIUM (default /usr/bin/chromium), MAILZONE_DRIVER_TIMEOUT (seconds, default 120).
// On a failed step the window is saved as failed-step.png in the output folder.
'use strict';
const path = require('node:path');
const {
  requiredOptions, driverTimeoutMs, logger, remotePath, workbenchUrl,
  keyboard, openFile, hideSideBars, runScreenshots,
} = require('./workbench');

const opts = requiredOptions('screenshots', ['url', 'folder', 'extension-development-path', 'out']);
const base = new URL(opts.url);
const url = workbenchUrl(base, opts.folder, [['extensionDevelopmentPath', remotePath(base, opts['extension-development-path'])]]);
const log = logger('screenshots');

/** Where the SPF record of the example is: 1-based line, and the columns of its include and of "+all". */
const SPF_LINE = 27;
const INCLUDE_COLUMN = 56;
const ALL_COLUMN = 81;

async function takeShots(page) {
  const { keys, visible } = keyboard(page);
  const shot = async (name) => {
    const file = path.join(opts.out, name);
    await page.screenshot({ path: file });
    log('saved', file);
  };
  const goTo = async (line, column) => {
    await keys('Control+G');
    await visible('.quick-input-widget input');
    await page.keyboard.type(`${line}:${column}`);
    await keys('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  };

  await openFile(page, url, 'example.com.zone', log);
  log('waiting for the lookup lenses');
  await visible('.monaco-editor .codelens-decoration a');
  await hideSideBars(page);

  log('diagnostics');
  await keys('Control+Shift+M');
  await visible('.markers-panel .monaco-list-row');
  await keys('Escape');
  await goTo(SPF_LINE, ALL_COLUMN);
  await visible('.monaco-editor .squiggly-warning');
  await shot('diagnostics.png');
  await keys('Control+J');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });

  log('hover on the include');
  await goTo(SPF_LINE, INCLUDE_COLUMN);
  await keys('Control+K', 'Control+I');
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Lookup tree' }).first().waitFor({ state: 'visible' });
  await shot('hover.png');
  await keys('Escape');

  log('quick fixes on +all');
  await goTo(SPF_LINE, ALL_COLUMN);
  await keys('Control+.');
  await page.locator('.action-widget', { hasText: '~all' }).first().waitFor({ state: 'visible' });
  await shot('quickfix.png');
  await keys('Escape');

  log('completion after include:');
  await goTo(SPF_LINE, ALL_COLUMN);
  // "include: " then back before the space, so the new term stands apart from "+all".
  await page.keyboard.type('include: ');
  await keys('ArrowLeft', 'Control+Space');
  await page.locator('.suggest-widget.visible .monaco-list-row', { hasText: '_spf.google.com' }).first().waitFor({ state: 'visible' });
  // The second item is the first provider; the details pane beside the list shows its documentation.
  await keys('ArrowDown');
  const details = page.locator('.suggest-details-container .suggest-details');
  if (!(await details.isVisible())) await keys('Control+Space');
  await details.filter({ hasText: 'Google' }).first().waitFor({ state: 'visible' });
  await shot('completion.png');
  await keys('Escape');
}

runScreenshots({
  program: 'screenshots',
  base,
  timeoutMs: driverTimeoutMs(120),
  failedStep: path.join(opts.out, 'failed-step.png'),
  log,
}, takeShots);
