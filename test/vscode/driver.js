#!/usr/bin/env node
// Drives a VS Code server's web workbench in headless Chromium and runs an extension's
// tests in the server's (Node) extension host, the way VS Code's own browser integration
// tests do: the workbench URL carries a payload naming the extension under development
// and its test module, and the workbench calls window.codeAutomationExit(code) when the
// tests end.
//
// Usage: node test/vscode/driver.js --url http://127.0.0.1:PORT --folder DIR
//          --extension-development-path DIR --extension-tests-path FILE [--probe-dir DIR]
// With --probe-dir the driver answers the suite's questions about what the workbench
// shows and the extension API cannot see (which walkthrough steps are ticked): the suite
// writes DIR/probe-request.json, the driver writes DIR/probe-response.json (see PROBES).
// Environment: SCREENSHOT=path.png saves the window when the tests end;
//              MAILZONE_DRIVER_VERBOSE=1 relays the workbench log at every level, not only errors;
//              MAILZONE_DRIVER_TIMEOUT seconds (default 420: a guard against a hung workbench, not a time limit on the suite);
//              CHROMIUM (default /usr/bin/chromium).
// Exit: the tests' exit code (0 = passed), 1 on failure, 2 on timeout or driver error.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { format } = require('node:util');
const { requiredOptions, driverTimeoutMs, logger, remotePath, workbenchUrl, launchBrowser } = require('./workbench');

const opts = requiredOptions('driver', ['url', 'folder', 'extension-development-path', 'extension-tests-path'], ['probe-dir']);
const timeoutMs = driverTimeoutMs(420);
const verbose = process.env.MAILZONE_DRIVER_VERBOSE === '1';
const base = new URL(opts.url);
const url = workbenchUrl(base, opts.folder, [
  ['extensionDevelopmentPath', remotePath(base, opts['extension-development-path'])],
  ['extensionTestsPath', remotePath(base, opts['extension-tests-path'])],
]);
const log = logger('driver');

/**
 * The questions the suite may ask, by name, each read from the workbench's DOM. A fixed
 * table rather than code sent by the suite: the driver evaluates nothing it was not built with.
 */
const PROBES = {
  // The ticks of the walkthrough open in the workbench: every step element carries its full
  // id (extension#walkthrough#step), and VS Code adds the class "complete" when a completion event fires.
  walkthroughSteps: (page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('[data-done-step-id]')].map((e) => ({ id: e.getAttribute('data-done-step-id'), done: e.classList.contains('complete') })),
    ),
};

/** Polls for the suite's probe requests while the tests run; returns the function that stops it. */
function answerProbes(page, dir) {
  const request = path.join(dir, 'probe-request.json');
  let answered;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || !fs.existsSync(request)) return;
    busy = true;
    try {
      // The suite renames a whole request into place, so it is never read half written.
      const { id, probe } = JSON.parse(fs.readFileSync(request, 'utf8'));
      if (id === answered) return;
      answered = id;
      let response;
      try {
        response = PROBES[probe] ? { id, answer: await PROBES[probe](page) } : { id, error: `no probe named ${probe}` };
      } catch (err) {
        // The page may be between states; the suite sees why and may ask again.
        response = { id, error: String(err && err.message) };
      }
      // Written whole and renamed, so the suite never reads half an answer.
      fs.writeFileSync(path.join(dir, 'probe-response.json.tmp'), JSON.stringify(response));
      fs.renameSync(path.join(dir, 'probe-response.json.tmp'), path.join(dir, 'probe-response.json'));
    } catch (err) {
      log('probe failed:', err && err.message);
    } finally {
      busy = false;
    }
  }, 100);
  return () => clearInterval(timer);
}

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
    const stopProbes = opts['probe-dir'] ? answerProbes(page, opts['probe-dir']) : () => undefined;
    outcome = await Promise.race([finished, timedOut]);
    stopProbes();
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
