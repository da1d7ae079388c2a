// The extensionTestsPath module: VS Code loads it in the extension host and calls run().
// It runs every *.test.js beside it with mocha, prints "N passed, N failed", and, when
// MAILZONE_VSCODE_RESULTS names a file, writes the outcome there as JSON for the launcher
// (the extension host's own output is not always visible to it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteResults {
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed'; ms?: number; error?: string }[];
  vscodeVersion: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  // The walkthrough's file runs first: VS Code ticks a step on the first occurrence of its
  // event in a session, and the other files open zones and show trees as well.
  const first = (f: string): number => (f === 'walkthrough.test.js' ? 0 : 1);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort((a, b) => first(a) - first(b) || a.localeCompare(b))) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();

  const results: SuiteResults = { passed: 0, failed: 0, tests: [], vscodeVersion: vscode.version };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => results.tests.push({ title: test.fullTitle(), state: 'passed', ms: test.duration }));
    // Hook failures count too: a failing `after` must not go unnoticed.
    runner.on('fail', (test, err: Error) =>
      results.tests.push({ title: test.fullTitle(), state: 'failed', ms: test.duration, error: err?.stack ?? String(err) }),
    );
  });
  results.passed = results.tests.filter((t) => t.state === 'passed').length;
  results.failed = results.tests.filter((t) => t.state === 'failed').length;
  // A suite that ran nothing has not shown that the extension works.
  if (results.passed + results.failed === 0) {
    results.failed = 1;
    results.tests.push({ title: 'suite', state: 'failed', error: 'no tests were found or run' });
  }

  const out = process.env.MAILZONE_VSCODE_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`${results.passed} passed, ${results.failed} failed`);
  if (results.failed > 0) throw new Error(`${results.failed} extension test(s) failed`);
}
