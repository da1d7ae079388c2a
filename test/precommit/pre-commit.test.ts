/**
 * The pre-commit hook as a user meets it: Debian's `pre-commit` installs
 * this repository's hook (`.pre-commit-hooks.yaml`, `language: node` with the
 * system's Node) into a temporary consumer repository and runs it on its zone
 * files, through `pre-commit run` and through `git commit`. The hook
 * repository is a temporary git copy of this working tree, so what is tested
 * is what is on disk, committed or not.
 *
 * The first run installs the hook's environment: `npm install` of this
 * package's dependencies from the npm registry, then `npm pack` and a global
 * install into the environment (about 20 s); the later runs reuse it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const EXAMPLE = fs.readFileSync(path.join(root, 'examples/example.com.zone'), 'utf8');
/** The example's one error: the DKIM key cut short on line 42. Without that line only warnings are left. */
const FIXED = EXAMPLE.split('\n').filter((line) => !line.startsWith('sel2024._domainkey')).join('\n');

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r;
}

function git(cwd: string, ...args: string[]): string {
  const r = run('git', ['-c', 'user.name=Mailzone Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], cwd);
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('pre-commit hook', () => {
  let dir: string;
  let consumer: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-pre-commit-'));
    // The hook repository: every file git tracks or would track (not node_modules, out, dist), as one commit.
    const hooks = path.join(dir, 'hook-repo');
    const files = git(root, 'ls-files', '--cached', '--others', '--exclude-standard', '-z').split('\0').filter((f) => f && fs.existsSync(path.join(root, f)));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(hooks, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(hooks, file));
    }
    git(hooks, 'init', '-q');
    git(hooks, 'add', '-A');
    git(hooks, 'commit', '-q', '-m', 'hook repository');
    const rev = git(hooks, 'rev-parse', 'HEAD');

    consumer = path.join(dir, 'zones-repo');
    fs.mkdirSync(path.join(consumer, 'zones', 'www', '.well-known'), { recursive: true });
    git(consumer, 'init', '-q');
    fs.writeFileSync(
      path.join(consumer, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: mailzone\n        verbose: true\n`,
    );
    // A private cache for pre-commit and a private home, so no user configuration takes part.
    env = { PRE_COMMIT_HOME: path.join(dir, 'cache'), HOME: path.join(dir, 'home'), npm_config_cache: path.join(os.homedir(), '.npm') };
    fs.mkdirSync(env.HOME!, { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails on a zone with an error, printing the findings, and passes once it is fixed', () => {
    fs.writeFileSync(path.join(consumer, 'zones', 'example.com.zone'), EXAMPLE);
    git(consumer, 'add', '-A');
    const failed = run('pre-commit', ['run', '--all-files'], consumer, env);
    const out = failed.stdout + failed.stderr;
    assert.equal(failed.status, 1, out);
    assert.match(out, /^mailzone check\.+Failed$/m);
    assert.match(out, /^- hook id: mailzone$/m);
    assert.match(out, /^zones\/example\.com\.zone:42:46 error dkim-key-invalid p= is cut short/m);
    assert.match(out, /^1 error, 4 warnings in 1 file$/m);

    fs.writeFileSync(path.join(consumer, 'zones', 'example.com.zone'), FIXED);
    git(consumer, 'add', '-A');
    const passed = run('pre-commit', ['run', '--all-files'], consumer, env);
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /^mailzone check\.+Passed$/m);
    // verbose: true shows the warnings of a passing run.
    assert.match(passed.stdout, /warning spf-pass-all/);
  });

  it('checks only zone files and MTA-STS policies: db.*, *.zone, *.zonefile, .well-known/mta-sts.txt', () => {
    const broken = '$TTL abc\n';
    // Not a zone file by name: never handed to the hook, however broken.
    fs.writeFileSync(path.join(consumer, 'notes.txt'), broken);
    fs.mkdirSync(path.join(consumer, 'zones', 'db.d'));
    fs.writeFileSync(path.join(consumer, 'zones', 'db.d', 'notzone.txt'), broken);
    git(consumer, 'add', '-A');
    const skipped = run('pre-commit', ['run', '--all-files'], consumer, env);
    assert.equal(skipped.status, 0, skipped.stdout);
    for (const name of ['zones/db.example.net', 'zones/example.org.zonefile', 'zones/www/.well-known/mta-sts.txt']) {
      const file = path.join(consumer, name);
      fs.writeFileSync(file, name.endsWith('mta-sts.txt') ? 'version: STSv1\nmode: enforce\nmx: mail.example.com\n' : broken);
      git(consumer, 'add', '-A');
      const r = run('pre-commit', ['run', '--all-files'], consumer, env);
      assert.equal(r.status, 1, `${name}: ${r.stdout}`);
      assert.ok(r.stdout.includes(`${name}:`), `${name} is checked: ${r.stdout}`);
      fs.rmSync(file);
      git(consumer, 'add', '-A');
    }
  });

  it('as a git hook, refuses a commit that adds an error and accepts the fix', () => {
    const install = run('pre-commit', ['install'], consumer, env);
    assert.equal(install.status, 0, install.stderr);
    fs.writeFileSync(path.join(consumer, 'zones', 'example.com.zone'), EXAMPLE);
    git(consumer, 'add', '-A');
    const refused = run('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'broken key'], consumer, env);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout + refused.stderr, /dkim-key-invalid/);
    fs.writeFileSync(path.join(consumer, 'zones', 'example.com.zone'), FIXED);
    git(consumer, 'add', '-A');
    const accepted = run('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'fixed key'], consumer, env);
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  });
});
