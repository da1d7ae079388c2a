// Prints the results file written by the suite (suite/index.ts) for a launcher: one line per
// test, failures with their error, then "N passed, N failed" as the last line.
// Usage: node out/test/vscode/report.js RESULTS.json  (exit 0 when nothing failed)
import * as fs from 'node:fs';
import type { SuiteResults } from './suite/index';

/** Prints the report and returns whether every test passed. */
export function printResults(file: string): boolean {
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
  console.log(`[vscode] VS Code ${results.vscodeVersion}`);
  for (const test of results.tests) {
    console.log(`  ${test.state === 'passed' ? 'ok  ' : 'FAIL'} ${test.title}${test.ms === undefined ? '' : ` (${test.ms} ms)`}`);
    if (test.error) console.log(test.error.replace(/^/gm, '       '));
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 && results.passed > 0;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: report.js RESULTS.json');
    process.exit(2);
  }
  process.exit(printResults(file) ? 0 : 1);
}
