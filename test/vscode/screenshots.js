#!/usr/bin/env node
// Takes the README's screenshots from the VS Code workbench in headless Chromium:
// the example zone with its squiggles and the Problems panel, two hovers, a quick-fix
// menu, a completion list, the zone's language status, the Mailzone output log, the references of a name,
// the SPF lookup tree view, a rule page opened from a diagnostic, the grouped
// settings and the walkthrough, each brought up as a user would.
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
/** Inside the report address of the DMARC record's `rua=`: 1-based line and column. */
const RUA_LINE = 46;
const RUA_COLUMN = 41;
/** The `mx1` of the apex's first MX record: 1-based line and column. */
const MX_LINE = 14;
const MX_COLUMN = 29;

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
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'DNS lookups' }).first().waitFor({ state: 'visible' });
  await shot('hover.png');
  await keys('Escape');

  log('hover on the DMARC report address');
  await goTo(RUA_LINE, RUA_COLUMN);
  await keys('Control+K', 'Control+I');
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'aggregate reports go to' }).first().waitFor({ state: 'visible' });
  await shot('hover-dmarc.png');
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
  // Undo the typing: the shots that follow show the example as it is.
  await keys('Control+Z', 'Control+Z');

  /** Runs a palette command by its title. */
  const palette = async (title) => {
    await keys('F1');
    await visible('.quick-input-widget input');
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
    await keys('Enter');
  };

  log('language status');
  await page.locator('.statusbar-item[id="status.languageStatus"]').first().click();
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'analysed' }).first().waitFor({ state: 'visible' });
  // The flyout fades in: the shot waits for the fade (and any other finite animation) to end.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
  await shot('language-status.png');
  await keys('Escape');

  log('the output log');
  await palette('Output: Show Output Channels...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Mailzone' }).first().waitFor({ state: 'visible' });
  await page.keyboard.type('Mailzone');
  await keys('Enter');
  // The log's lines: the server's start, its configuration and an analysis with its time.
  const outputLog = page.locator('.part.panel .view-lines', { hasText: 'Analysed' }).first();
  await outputLog.waitFor({ state: 'visible' });
  await shot('output-log.png');
  await keys('Control+J');
  await outputLog.waitFor({ state: 'hidden' });

  log('references of mx1');
  await goTo(MX_LINE, MX_COLUMN);
  await keys('Shift+F12');
  await visible('.zone-widget .reference-zone-widget');
  await shot('references.png');
  await keys('Escape');

  log('the SPF lookup tree');
  await goTo(SPF_LINE, INCLUDE_COLUMN);
  await palette('Mailzone: Show SPF lookup tree');
  await page.locator('.monaco-list-row', { hasText: 'include:_spf.example.com' }).first().waitFor({ state: 'visible' });
  await shot('spf-tree.png');
  await keys('Control+B');

  log('a rule page from a diagnostic');
  await goTo(SPF_LINE, ALL_COLUMN);
  await keys('Control+K', 'Control+I');
  await page.locator('.monaco-hover:not(.hidden) a.code-link', { hasText: 'spf-pass-all' }).first().click();
  await page.locator('.tab', { hasText: 'spf-pass-all' }).first().waitFor({ state: 'visible' });
  // The preview renders inside its own frame: wait for the page's heading there.
  await page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('h1').first().waitFor({ state: 'visible' });
  await shot('rule-doc.png');
  await keys('Control+K', 'Control+W');

  log('settings');
  await keys('Control+,');
  await visible('.settings-editor .suggest-input-container');
  await page.keyboard.type('@ext:mailzone.mailzone');
  await page.locator('.settings-toc-container .monaco-list-row', { hasText: 'Rules: SPF' }).first().waitFor({ state: 'visible' });
  await page.locator('.settings-toc-container .monaco-list-row', { hasText: 'Rules: SPF' }).first().click();
  await page.locator('.setting-item-contents', { hasText: 'Spf-after-all' }).first().waitFor({ state: 'visible' });
  await shot('settings.png');
  await keys('Control+K', 'Control+W');

  log('the walkthrough');
  await palette('Welcome: Open Walkthrough...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Mailzone' }).first().waitFor({ state: 'visible' });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Mailzone' }).first().click();
  await page.locator('.gettingStartedContainer', { hasText: 'View the SPF lookup tree' }).first().waitFor({ state: 'visible' });
  // The step's page renders in a frame of its own beside the steps.
  await page.frameLocator('.getting-started-media iframe.webview.ready').frameLocator('iframe#active-frame').locator('h1').first().waitFor({ state: 'visible' });
  await shot('walkthrough.png');
}

runScreenshots({
  program: 'screenshots',
  base,
  timeoutMs: driverTimeoutMs(120),
  failedStep: path.join(opts.out, 'failed-step.png'),
  log,
}, takeShots);
