/**
 * Hostile files on the command line: a FIFO that would block a naive reader,
 * an endless device, a sparse file past the size limit, a dangling link, a
 * directory, binary data, and includes of all of them. Every command ends
 * (never hangs), says why in one line on stderr, exits 2 for an input it
 * cannot read, and shows a stack trace only with --debug.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mailzone, type Run } from '../cli/cliRunner';

let dir: string;
const at = (name: string): string => path.join(dir, name);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-inputs-'));
  execFileSync('mkfifo', [at('pipe.zone')]);
  // Sparse: 65 MB on paper, nothing on disk.
  const fd = fs.openSync(at('huge.zone'), 'w');
  fs.ftruncateSync(fd, 65 * 1024 * 1024);
  fs.closeSync(fd);
  fs.symlinkSync(at('nowhere.zone'), at('dangling.zone'));
  fs.mkdirSync(at('folder.zone'));
  fs.writeFileSync(at('binary.zone'), Buffer.from([0x24, 0x54, 0x54, 0x4c, 0x20, 0x33, 0x0a, 0x00, 0xff, 0xfe, 0x00]));
  const head = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n';
  fs.writeFileSync(at('includes.zone'), `${head}$INCLUDE pipe.zone\n$INCLUDE /dev/zero\n$INCLUDE huge.zone\n$INCLUDE dangling.zone\n$INCLUDE folder.zone\n$INCLUDE binary.zone\n`);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function oneLine(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2, `exit code; stderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0], /^mailzone: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

const CASES: ReadonlyArray<readonly [string, RegExp]> = [
  ['pipe.zone', /not a regular file/],
  ['/dev/zero', /not a regular file/],
  ['huge.zone', /too large \(68157440 bytes; the limit is 67108864\)/],
  ['dangling.zone', /no such file/],
  ['binary.zone', /binary file/],
];

describe('hostile files on the command line', () => {
  for (const [name, message] of CASES) {
    const file = (): string => (name.startsWith('/') ? name : at(name));
    it(`${name}: check, zone print and spf --zone each end with one line and exit 2`, () => {
      oneLine(mailzone('check', file()), message);
      oneLine(mailzone('zone', 'print', file()), message);
      oneLine(mailzone('spf', 'tree', 'example.com', '--no-live', '--zone', file()), message);
    });
  }

  it('a directory given to zone print', () => {
    oneLine(mailzone('zone', 'print', at('folder.zone')), /is a directory/);
  });

  it('--debug adds the stack trace, and the exit status stays 2', () => {
    const r = mailzone('check', at('pipe.zone'), '--debug');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^mailzone: .*not a regular file/);
    assert.match(r.stderr, /\n\s+at /, 'a stack trace with --debug');
  });

  it('includes of every one of them are findings in the including file, not a hang or a crash', () => {
    const r = mailzone('check', at('includes.zone'), '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    const findings = JSON.parse(r.stdout) as Array<{ line: number; code: string; message: string }>;
    const byLine = new Map(findings.filter((f) => f.code === 'zone-syntax').map((f) => [f.line, f.message]));
    assert.match(byLine.get(6) ?? '', /not a regular file/);
    assert.match(byLine.get(7) ?? '', /not a regular file/);
    assert.match(byLine.get(8) ?? '', /too large/);
    assert.match(byLine.get(9) ?? '', /no such file/);
    assert.match(byLine.get(10) ?? '', /is a directory/);
    assert.match(byLine.get(11) ?? '', /binary file/);
  });
});
