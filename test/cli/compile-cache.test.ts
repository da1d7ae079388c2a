/**
 * dist/cli.js keeps V8's compiled code of the CLI bundle in the user's cache
 * folder (server/src/cli/boot.ts). A cache must never change what the
 * command does, whatever state it is found in, and must not be read from a
 * folder other users can write.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixture, mailzoneWith, type Run } from './cliRunner';

const zone = fixture('warnings.example.zone');

function check(cache: string): Run {
  return mailzoneWith({ env: { MAILZONE_COMPILE_CACHE: cache, NODE_OPTIONS: undefined } }, 'check', zone);
}

function cacheFiles(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n.startsWith('cli-')) : [];
}

function same(a: Run, b: Run): void {
  assert.equal(a.status, b.status);
  assert.equal(a.stdout, b.stdout);
  assert.equal(a.stderr, b.stderr);
}

describe('the CLI compile cache', () => {
  const reference = check('off');

  it('is written on the first run, in a folder and file only the user can read, and read on the next', () => {
    const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-')), 'cache');
    same(check(folder), reference);
    const files = cacheFiles(folder);
    assert.equal(files.length, 1, 'one cache file');
    assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
    const file = path.join(folder, files[0]!);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(fs.statSync(file).size > 10_000, 'the file holds compiled code');
    const written = fs.statSync(file).mtimeMs;
    same(check(folder), reference);
    assert.equal(fs.statSync(file).mtimeMs, written, 'a cache V8 accepts is not written again');
  });

  it('survives a corrupt file: V8 refuses it, the command runs as without, and the file is replaced', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-'));
    fs.chmodSync(folder, 0o700);
    check(folder);
    const file = path.join(folder, cacheFiles(folder)[0]!);
    fs.writeFileSync(file, Buffer.from('not a code cache at all, just junk bytes'.repeat(100)));
    same(check(folder), reference);
    assert.ok(fs.statSync(file).size > 10_000, 'the junk was replaced by a real cache');
  });

  it('drops the files of other bundles when it writes its own, so the folder holds one', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-'));
    fs.chmodSync(folder, 0o700);
    fs.writeFileSync(path.join(folder, 'cli-1-2-3-v0.0.0-x64.bin'), 'an older bundle');
    fs.writeFileSync(path.join(folder, 'unrelated.txt'), 'kept');
    same(check(folder), reference);
    assert.equal(cacheFiles(folder).length, 1);
    assert.notEqual(cacheFiles(folder)[0], 'cli-1-2-3-v0.0.0-x64.bin');
    assert.ok(fs.existsSync(path.join(folder, 'unrelated.txt')), 'files it did not write are left alone');
  });

  it('keeps a file per set of V8 flags, so runs with different flags taking turns do not rewrite each other', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-'));
    fs.chmodSync(folder, 0o700);
    const plain = (): Run => mailzoneWith({ env: { MAILZONE_COMPILE_CACHE: folder, NODE_OPTIONS: undefined } }, 'check', zone);
    const flagged = (): Run => mailzoneWith({ env: { MAILZONE_COMPILE_CACHE: folder, NODE_OPTIONS: '--max-old-space-size=512' } }, 'check', zone);
    same(plain(), reference);
    same(flagged(), reference);
    const files = cacheFiles(folder);
    assert.equal(files.length, 2, 'one file per set of flags');
    const times = files.map((f) => fs.statSync(path.join(folder, f)).mtimeMs);
    same(plain(), reference);
    same(flagged(), reference);
    assert.deepEqual(files.map((f) => fs.statSync(path.join(folder, f)).mtimeMs), times, 'each run found its own cache and kept it');
  });

  it('holds at most four files of one bundle: a fifth set of flags clears the others', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-'));
    fs.chmodSync(folder, 0o700);
    same(mailzoneWith({ env: { MAILZONE_COMPILE_CACHE: folder, NODE_OPTIONS: undefined } }, 'check', zone), reference);
    const [first] = cacheFiles(folder);
    const bundlePrefix = first!.slice(0, first!.lastIndexOf('-') + 1);
    for (const flags of ['00000001', '00000002', '00000003']) fs.writeFileSync(path.join(folder, `${bundlePrefix}${flags}.bin`), 'another set of flags');
    assert.equal(cacheFiles(folder).length, 4);
    same(mailzoneWith({ env: { MAILZONE_COMPILE_CACHE: folder, NODE_OPTIONS: '--max-old-space-size=512' } }, 'check', zone), reference);
    assert.equal(cacheFiles(folder).length, 1, 'the new file alone');
  });

  it('is neither read nor written in a folder others can write, nor when turned off', () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-'));
    fs.chmodSync(shared, 0o777);
    same(check(shared), reference);
    assert.deepEqual(cacheFiles(shared), []);
    const off = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-'));
    same(mailzoneWith({ env: { MAILZONE_COMPILE_CACHE: 'off', XDG_CACHE_HOME: off } }, 'check', zone), reference);
    assert.deepEqual(fs.readdirSync(off), []);
  });

  it('goes to $XDG_CACHE_HOME/mailzone by default', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-'));
    same(mailzoneWith({ env: { MAILZONE_COMPILE_CACHE: undefined, XDG_CACHE_HOME: home } }, 'check', zone), reference);
    assert.equal(cacheFiles(path.join(home, 'mailzone')).length, 1);
  });

  it('a folder that cannot be made costs nothing but the cache', () => {
    const blocked = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mz-cc-')), 'file');
    fs.writeFileSync(blocked, 'a file where the folder would go');
    same(check(path.join(blocked, 'cache')), reference);
  });
});
