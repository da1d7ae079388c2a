/**
 * When `mailzone` cannot do what it was asked, it says why in one line on
 * stderr, prints nothing on stdout, and exits 2; never a stack trace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixture, mailzone, type Run } from './cliRunner';

function assertUsageError(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0], /^mailzone: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('errors', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-cli-'));
    fs.writeFileSync(path.join(dir, 'binary.zone'), Buffer.from('$TTL 300\n\0\0\x01\x02', 'latin1'));
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'empty', 'README.txt'), 'no zones here\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a missing file', () => {
    assertUsageError(mailzone('check', fixture('no-such.zone')), /no-such\.zone: no such file or directory/);
  });

  it('binary input', () => {
    assertUsageError(mailzone('check', path.join(dir, 'binary.zone')), /binary\.zone: binary file/);
  });

  it('binary input stops the run before any output, also next to good files', () => {
    assertUsageError(mailzone('check', fixture('broken.zone'), path.join(dir, 'binary.zone')), /binary file/);
  });

  it('a directory with no zone files', () => {
    assertUsageError(mailzone('check', path.join(dir, 'empty')), /no zone files in this directory/);
  });

  it('no command, no file, unknown options and values', () => {
    assertUsageError(mailzone('check'), /needs at least one file/);
    assertUsageError(mailzone('lint', 'x'), /unknown command 'lint'/);
    assertUsageError(mailzone('check', fixture('broken.zone'), '--format', 'xml'), /--format must be one of text, compact, json, sarif/);
    assertUsageError(mailzone('check', fixture('broken.zone'), '--format'), /--format needs a value/);
    assertUsageError(mailzone('check', fixture('broken.zone'), '--color'), /--color needs a value/);
    assertUsageError(mailzone('check', fixture('broken.zone'), '--colour=always'), /unknown option '--colour' for check \(did you mean '--color'\?\)/);
    assertUsageError(mailzone('check', fixture('broken.zone'), '--rule', 'no-such-rule=off'), /unknown rule 'no-such-rule'/);
    assertUsageError(mailzone('check', fixture('broken.zone'), '--rule', 'zone-syntax=loud'), /must be one of off, info, warning, error/);
    assertUsageError(mailzone('check', fixture('broken.zone'), '--dmarc-standard', 'rfc1'), /rfc9989, rfc7489/);
    assertUsageError(mailzone('zone', 'print'), /exactly one file/);
    assertUsageError(mailzone('zone', 'list', 'x'), /unknown command 'zone list'/);
  });

  it('--debug adds the stack trace', () => {
    const r = mailzone('check', path.join(dir, 'binary.zone'), '--debug');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\n\s+at /);
  });
});

describe('help and version', () => {
  it('--version prints the package version', () => {
    const r = mailzone('--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version}\n`);
  });

  it('--help shows both commands and the options', () => {
    for (const r of [mailzone('--help'), mailzone()]) {
      assert.equal(r.status, 0);
      for (const word of ['mailzone check', 'mailzone zone print', '--format', '--rule', '--dmarc-standard', '--origin']) assert.ok(r.stdout.includes(word), word);
    }
    assert.match(mailzone('check', '--help').stdout, /^Usage:/);
    assert.match(mailzone('zone', '--help').stdout, /named-checkzone -D/);
  });
});
