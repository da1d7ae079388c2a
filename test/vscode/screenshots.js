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
const { parseArgs } = require('node:util');
const { chromium } = require('playwright-core');

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string' },
    folder: { type: 'string' },
    'extension-development-path': { type: 'string' },
    out: { type: 'string' },
  },
});
for (const required of ['url', 'folder', 'extension-development-path', 'out']) {
  if (!opts[required]) {
    console.error(`screenshots: --${required} is required`);
    process.exit(2);
  }
}

const timeout = Number(process.env.MAILZONE_DRIVER_TIMEOUT || 120) * 1000;
const base = new URL(opts.url);
const remote = (p) => `vscode-remote://${base.host}${path.resolve(p)}`;
const workbenchUrl = new URL('/', base);
workbenchUrl.searchParams.set('folder', path.resolve(opts.folder));
workbenchUrl.searchParams.set(
  'payload',
  JSON.stringify([
    ['extensionDevelopmentPath', remote(opts['extension-development-path'])],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]),
);

const t0 = Date.now();
const log = (...args) => console.log(`[screenshots ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);

/** Where the SPF record of the example is: 1-based line, and the columns of its include and of "+all". */
const SPF_LINE = 27;
const INCLUDE_COLUMN = 56;
const ALL_COLUMN = 81;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
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

    log('waiting for the lookup lenses');
    await visible('.monaco-editor .codelens-decoration a');
    // The side bars take width the records need: hide the explorer and whatever the secondary side bar holds.
    await keys('Control+B');
    if (await page.locator('.part.auxiliarybar').isVisible()) await keys('Control+Alt+B');
    await page.locator('.part.auxiliarybar').waitFor({ state: 'hidden' });

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
  } catch (error) {
    // What the workbench showed when a step failed says more than the selector that timed out.
    const file = path.join(opts.out, 'failed-step.png');
    await page.screenshot({ path: file }).then(() => log('the workbench at the failure:', file), () => undefined);
    throw error;
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('screenshots:', err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
