/**
 * The CI step the README documents: its shell commands are run here as
 * written, with `mailzone` on PATH (the built checkout standing in for the
 * installed package, whose packing the package tier tests), and its GitHub
 * Actions workflow must run the same commands.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as yaml from 'js-yaml';
import { root } from './cliRunner';

const README = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The fenced block that follows a marker comment in the README. */
function blockAfter(marker: string): string {
  const m = new RegExp(`<!-- ${marker}[^>]*-->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(README);
  assert.ok(m, `a fenced block after <!-- ${marker} --> in README.md`);
  return m[1];
}

const INSTALL = /^npm install --global \.\/mailzone-[\d.]+\.tgz$/;

describe('the documented CI step', () => {
  const commands = blockAfter('ci-step').split('\n');
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-ci-'));
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.symlinkSync(path.join(root, 'bin', 'mailzone.js'), path.join(dir, 'bin', 'mailzone'));
    fs.mkdirSync(path.join(dir, 'zones'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs one documented command in the repository folder, as a CI shell does. */
  function sh(command: string): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}` }, timeout: 30_000 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('installs the package, then checks, then writes SARIF', () => {
    assert.equal(commands.length, 3, commands.join('\n'));
    assert.match(commands[0], INSTALL);
    assert.match(commands[1], /^mailzone check /);
    assert.match(commands[2], /^mailzone check .*--format sarif > mailzone\.sarif/);
  });

  it('fails the job on an error finding and prints compact lines; the SARIF step still succeeds', () => {
    fs.copyFileSync(path.join(root, 'examples/example.com.zone'), path.join(dir, 'zones', 'example.com.zone'));
    const check = sh(commands[1]);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /^zones\/example\.com\.zone:42:46: error: p= is cut short.* \[dkim-key-invalid\]$/m);
    const sarif = sh(commands[2]);
    assert.equal(sarif.status, 0, sarif.stderr);
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'mailzone.sarif'), 'utf8'));
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'dkim-key-invalid'));
  });

  it('passes with warnings only, and the SARIF step fails when the check cannot run', () => {
    const text = fs.readFileSync(path.join(root, 'examples/example.com.zone'), 'utf8');
    fs.writeFileSync(path.join(dir, 'zones', 'example.com.zone'), text.split('\n').filter((l) => !l.startsWith('sel2024._domainkey')).join('\n'));
    const check = sh(commands[1]);
    assert.equal(check.status, 0, check.stdout);
    assert.match(check.stdout, /: warning: .*\[spf-pass-all\]/);
    fs.rmSync(path.join(dir, 'zones'), { recursive: true });
    assert.notEqual(sh(commands[2]).status, 0, 'a missing zones/ folder is exit 2, which the step does not swallow');
    fs.mkdirSync(path.join(dir, 'zones'));
  });

  it('the GitHub Actions workflow runs the same commands', () => {
    const workflow = yaml.load(blockAfter('ci-workflow')) as { jobs: Record<string, { steps: { run?: string; uses?: string }[] }> };
    const steps = Object.values(workflow.jobs)[0].steps;
    assert.deepEqual(steps.filter((s) => s.run).map((s) => s.run), commands);
    assert.ok(steps.some((s) => s.uses?.startsWith('actions/setup-node@')), 'Node is set up before the install');
    assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')), 'the SARIF file is uploaded');
  });
});
