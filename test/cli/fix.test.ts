/**
 * `mailzone check --fix` and `--fix-dry-run`: the preferred quick fixes,
 * written to the file or printed as a unified diff that `patch` applies to
 * the same result.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { mailzone, mailzoneWith, root } from './cliRunner';

const EXAMPLE = fs.readFileSync(path.join(root, 'examples/example.com.zone'), 'utf8');

describe('check --fix', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-fix-'));
    fs.writeFileSync(path.join(dir, 'example.com.zone'), EXAMPLE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('applies the preferred fixes, says what it changed, and reports what is left', () => {
    const r = mailzoneWith({ cwd: dir }, 'check', 'example.com.zone', '--fix');
    assert.equal(
      r.stderr,
      "fixed example.com.zone:27:81 spf-pass-all: Change '+all' to '~all'\n" +
        'fixed example.com.zone:45:52 dmarc-pct-zero: Replace pct=0 with t=y\n' +
        '1 error, 2 warnings in 1 file\n',
    );
    const fixed = fs.readFileSync(path.join(dir, 'example.com.zone'), 'utf8');
    assert.equal(
      fixed,
      EXAMPLE.replace('include:_spf.example.com +all"', 'include:_spf.example.com ~all"').replace('p=quarantine; pct=0; "', 'p=quarantine; t=y; "'),
    );
    // What is left has no preferred fix (a cut DKIM key, a 1024-bit key, testing mode): the same run again changes nothing.
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(' ')[2]), ['dkim-testing', 'dkim-key-size', 'dkim-key-invalid']);
    assert.equal(r.status, 1);
    const again = mailzoneWith({ cwd: dir }, 'check', 'example.com.zone', '--fix');
    assert.doesNotMatch(again.stderr, /^fixed /m);
    assert.equal(fs.readFileSync(path.join(dir, 'example.com.zone'), 'utf8'), fixed);
  });

  it('fixes what one fix uncovers in a later round, and keeps a byte order mark', () => {
    // Two SPF records: merging them is the first round; the merged record's 'ptr' and '+all' are fixed in the next.
    const zone = '\ufeff$ORIGIN example.org.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\nns1 IN A 192.0.2.1\n' +
      '@ IN TXT "v=spf1 ip4:192.0.2.1 +all"\n@ IN TXT "v=spf1 mx ptr -all"\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.org"\n';
    fs.writeFileSync(path.join(dir, 'db.example.org'), zone);
    const r = mailzoneWith({ cwd: dir }, 'check', 'db.example.org', '--fix');
    assert.equal(
      r.stderr,
      'fixed db.example.org:6:11 spf-multiple-records: Merge the 2 SPF records into one\n' +
        "fixed db.example.org:6:35 spf-ptr: Remove 'ptr'\n" +
        "fixed db.example.org:6:39 spf-pass-all: Change '+all' to '~all'\n",
    );
    const bytes = fs.readFileSync(path.join(dir, 'db.example.org'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.toString('utf8'), zone.replace('"v=spf1 ip4:192.0.2.1 +all"\n@ IN TXT "v=spf1 mx ptr -all"', '"v=spf1 ip4:192.0.2.1 mx ~all"'));
    assert.equal(r.status, 0);
  });

  it('--fix-dry-run prints a unified diff that patch applies to what --fix writes, and writes nothing', () => {
    const dry = mailzoneWith({ cwd: dir }, 'check', 'example.com.zone', '--fix-dry-run');
    assert.equal(fs.readFileSync(path.join(dir, 'example.com.zone'), 'utf8'), EXAMPLE, 'the file is untouched');
    assert.match(dry.stdout, /^--- a\/example\.com\.zone\n\+\+\+ b\/example\.com\.zone\n@@ -24,7 \+24,7 @@\n/);
    assert.match(dry.stdout, /^-@ +IN TXT +"v=spf1 mx .* \+all"$/m);
    assert.match(dry.stdout, /^\+@ +IN TXT +"v=spf1 mx .* ~all"$/m);
    assert.match(dry.stderr, /^would fix example\.com\.zone:27:81 spf-pass-all: /m);
    assert.equal(dry.status, 1, 'the exit status is that of the fixed text');
    const patched = spawnSync('patch', ['-p1', '--quiet'], { cwd: dir, input: dry.stdout, encoding: 'utf8' });
    assert.equal(patched.status, 0, patched.stderr + patched.stdout);
    const viaPatch = fs.readFileSync(path.join(dir, 'example.com.zone'), 'utf8');
    fs.writeFileSync(path.join(dir, 'example.com.zone'), EXAMPLE);
    mailzoneWith({ cwd: dir }, 'check', 'example.com.zone', '--fix');
    assert.equal(viaPatch, fs.readFileSync(path.join(dir, 'example.com.zone'), 'utf8'));
  });

  it('--fix-dry-run works on standard input', () => {
    const dry = mailzoneWith({ input: EXAMPLE }, 'check', '-', '--stdin-filename', 'example.com.zone', '--fix-dry-run');
    assert.match(dry.stdout, /^--- a\/example\.com\.zone\n/);
    assert.match(mailzone('check', 'examples', '--fix-dry-run', '--format', 'sarif').stderr, /does not combine with --format sarif/);
    assert.match(mailzone('check', 'examples', '--fix-dry-run', '--format', 'compact').stderr, /does not combine with --format compact/);
  });

  it('--fix on standard input prints the fixed zone on stdout and everything else on stderr', () => {
    const r = mailzoneWith({ input: EXAMPLE }, 'check', '-', '--stdin-filename', 'example.com.zone', '--fix');
    mailzoneWith({ cwd: dir }, 'check', 'example.com.zone', '--fix');
    assert.equal(r.stdout, fs.readFileSync(path.join(dir, 'example.com.zone'), 'utf8'), 'the same text --fix writes to a file');
    assert.deepEqual(
      r.stderr.split('\n').slice(0, -1).map((l) => l.split(' ').slice(0, 3).join(' ')),
      [
        'fixed example.com.zone:27:81 spf-pass-all:',
        'fixed example.com.zone:45:52 dmarc-pct-zero:',
        'example.com.zone:39:38 warning dkim-testing',
        'example.com.zone:39:43 warning dkim-key-size',
        'example.com.zone:42:46 error dkim-key-invalid',
        '1 error, 2',
      ],
    );
    assert.equal(r.status, 1, 'the exit status is that of the fixed text');
    // A formatter's stdin mode: the output is the whole zone, also when nothing changes, and so is a byte order mark.
    const clean = '\ufeff' + fs.readFileSync(path.join(root, 'test/fixtures/cli/example.com.zone'), 'utf8');
    const same = mailzoneWith({ input: clean }, 'check', '-', '--stdin-filename', 'example.com.zone', '--fix');
    assert.equal(same.stdout, clean);
    assert.equal(same.stderr, '');
    assert.equal(same.status, 0);
    // With a file beside standard input, the file is written and the findings of both go to stderr.
    fs.writeFileSync(path.join(dir, 'example.com.zone'), EXAMPLE);
    const both = mailzoneWith({ input: EXAMPLE, cwd: dir }, 'check', '-', 'example.com.zone', '--stdin-filename', 'stdin.example.com.zone', '--fix', '--format', 'json');
    assert.equal(both.stdout, r.stdout);
    assert.equal(fs.readFileSync(path.join(dir, 'example.com.zone'), 'utf8'), r.stdout);
    const json = both.stderr.slice(both.stderr.indexOf('['));
    assert.deepEqual([...new Set((JSON.parse(json) as { file: string }[]).map((f) => f.file))].sort(), ['example.com.zone', 'stdin.example.com.zone']);
  });

  it('--fix-dry-run --format json gives the fixes as data that reproduce what --fix writes, and the findings left', () => {
    // Two SPF records: merging them is the first round; the merged record's 'ptr' and '+all' are fixed in the second.
    const zone = '$ORIGIN example.org.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\nns1 IN A 192.0.2.1\n' +
      '@ IN TXT "v=spf1 ip4:192.0.2.1 +all"\n@ IN TXT "v=spf1 mx ptr -all"\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.org; pct=0"\n';
    fs.writeFileSync(path.join(dir, 'db.example.org'), zone);
    const r = mailzoneWith({ cwd: dir }, 'check', 'db.example.org', '--fix-dry-run', '--format', 'json');
    assert.equal(r.stderr, '', 'nothing beside the JSON');
    assert.equal(fs.readFileSync(path.join(dir, 'db.example.org'), 'utf8'), zone, 'the file is untouched');
    interface Pos { line: number; column: number }
    const data = JSON.parse(r.stdout) as {
      fixes: { file: string; pass: number; rule: string; title: string; line: number; column: number; edits: { range: { start: Pos; end: Pos }; oldText: string; newText: string }[] }[];
      findings: { code: string }[];
    };
    assert.deepEqual(
      data.fixes.map((f) => [f.pass, f.rule, `${f.line}:${f.column}`]),
      [[1, 'spf-multiple-records', '6:11'], [1, 'dmarc-pct-zero', '8:62'], [2, 'spf-ptr', '6:35'], [2, 'spf-pass-all', '6:39']],
    );
    assert.deepEqual(data.fixes.find((f) => f.rule === 'spf-pass-all')!.edits, [{ range: { start: { line: 6, column: 39 }, end: { line: 6, column: 43 } }, oldText: '+all', newText: '~all' }]);
    // Applying each round's edits to the text the earlier rounds left gives exactly what --fix writes.
    let text = zone;
    const offset = (p: Pos): number => text.split('\n').slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
    for (const pass of [...new Set(data.fixes.map((f) => f.pass))]) {
      const edits = data.fixes.filter((f) => f.pass === pass).flatMap((f) => f.edits).map((e) => ({ ...e, start: offset(e.range.start), end: offset(e.range.end) }));
      for (const e of edits) assert.equal(text.slice(e.start, e.end), e.oldText);
      for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    }
    mailzoneWith({ cwd: dir }, 'check', 'db.example.org', '--fix');
    assert.equal(text, fs.readFileSync(path.join(dir, 'db.example.org'), 'utf8'));
    const after = mailzoneWith({ cwd: dir }, 'check', 'db.example.org', '--format', 'json');
    assert.deepEqual(data.findings, JSON.parse(after.stdout));
    assert.equal(r.status, after.status);
  });

  it('prints no diff and changes nothing when there is nothing to fix', () => {
    const r = mailzone('check', 'test/fixtures/cli/example.com.zone', '--fix-dry-run');
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
  });
});
