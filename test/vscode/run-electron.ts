// Runs the extension suite (test/vscode/suite) in desktop VS Code through
// @vscode/test-electron, for machines where VS Code can be downloaded or is installed.
// The offline launcher for this same suite is test/vscode/run-offline.sh.
//
// Usage: npm run test:electron
// Environment: VSCODE_EXECUTABLE  path of a VS Code binary to use instead of downloading;
//              VSCODE_VERSION     version to download (default: stable).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { printResults } from './report';

// This file runs from out/test/vscode/.
const repo = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-electron-'));
  const results = path.join(work, 'results.json');
  try {
    let exitCode = 0;
    try {
      exitCode = await runTests({
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
        version: process.env.VSCODE_VERSION || undefined,
        extensionDevelopmentPath: repo,
        extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
        extensionTestsEnv: { MAILZONE_VSCODE_RESULTS: results },
        // A profile of its own: no other extension and none of the user's settings take part.
        launchArgs: [
          path.join(repo, 'test', 'vscode', 'workspace'),
          '--disable-extensions',
          '--user-data-dir',
          path.join(work, 'user-data'),
          '--extensions-dir',
          path.join(work, 'extensions'),
        ],
      });
    } catch (error) {
      // runTests rejects when VS Code exits non-zero, which failing tests do.
      console.error(error instanceof Error ? error.message : String(error));
      exitCode = 1;
    }
    if (!fs.existsSync(results)) {
      console.log('[vscode] the suite wrote no results');
      console.log('0 passed, 1 failed');
      return 1;
    }
    return printResults(results) && exitCode === 0 ? 0 : 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
