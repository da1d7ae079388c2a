#!/usr/bin/env node
// Drives a VS Code server's web workbench in headless Chromium and runs an extension's
// tests in the server's (Node) extension host, the way VS Code's own browser integration
// tests do: the workbench URL carries a payload naming the extension under development
// and its test module, and the workbench calls window.codeAutomationExit(code) when the
// tests end.
//
// Usage: node test/vscode/driver.js --url http://127.0.0.1:PORT --folder DIR
//          --extension-development-path DIR --extension-tests-path FILE
// Environment: SCREENSHOT=path.png saves the window when the tests end;
//              MAILZONE_DRIVER_VERBOSE=1 relays the workbench log at every level, not only errors;
//              MAILZONE_DRIVER_TIMEOUT seconds (default 420: a guard against a hung workbench, not a time limit on the suite);
//              CHROMIUM (default /usr/bin/chromium).
// Exit: the tests' exit code (0 = passed), 1 on failure, 2 on timeout or driver error.
'use strict';
const { format } = require('node:util');
const { requiredOptions, driverTimeoutMs, logger, remotePath, workbenchUrl, launchBrowser } = require('./workbench');

const opts = requiredOptions('driver', ['url', 'folder', 'extension-development-path', 'extension-tests-path']);
const timeoutMs = driverTimeoutMs(420);
const verbose = process.env.MAILZONE_DRIVER_VERBOSE === '1';
const base = new URL(opts.url);
const url = workbenchUrl(base, opts.folder, [
  ['extensionDevelopmentPath', remotePath(base, opts['extension-development-path'])],
  ['extensionTestsPath', remotePath(base, opts['extension-tests-path'])],
]);
const log = logger('driver');

async function main() {
  const browser = await launchBrowser(base);
  let outcome;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    // The workbench's log (the extension host's console included) arrives here as printf-style
    // arguments. The suite's own outcome is read from its results file, so by default only
    // errors are relayed.
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      if (verbose || level === 'error') log(`workbench ${level}:`, format(...(Array.isArray(args) ? args : [args])));
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code }));
    page.on('pageerror', (err) => log('page error:', err.message));

    log('opening', url.href.slice(0, 160) + '…');
    await page.goto(url.href);
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), timeoutMs)));
    outcome = await Promise.race([finished, timedOut]);
    clearTimeout(timer);

    if (process.env.SCREENSHOT) {
      await page.screenshot({ path: process.env.SCREENSHOT });
      log('screenshot saved to', process.env.SCREENSHOT);
    }
  } finally {
    await browser.close();
  }
  if (outcome.timeout) {
    log(`timed out after ${timeoutMs / 1000}s without an exit code from the extension tests`);
    return 2;
  }
  log('extension tests exited with code', outcome.code);
  return outcome.code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('driver error:', err && err.stack ? err.stack : err);
    process.exit(2);
  },
);
