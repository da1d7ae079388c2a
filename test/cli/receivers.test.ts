/**
 * `mailzone check` on test/fixtures/receivers/receivers.zone, the zone that
 * holds each case of records receivers treat differently from how they look
 * (near-miss SPF, misplaced and historic records, severities, one finding
 * per cause): every finding, with its rule, severity and range, is the one
 * the fixture's annotations state, and no other.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readExpectations } from '../support/fixture';
import { mailzone, root } from './cliRunner';

const FILE = 'test/fixtures/receivers/receivers.zone';

interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  related?: { line: number; message: string }[];
}

function shape(code: string, severity: string | undefined, range: string): string {
  return `${range} ${code}${severity ? ` [${severity}]` : ''}`;
}

describe('check: what receivers do with the records of a zone', () => {
  const text = fs.readFileSync(path.join(root, FILE), 'utf8');
  const expected = readExpectations(text);

  it('reports each case once, with the severity and range the fixture states', () => {
    const r = mailzone('check', '--format', 'json', FILE);
    assert.equal(r.stderr, '');
    const found = JSON.parse(r.stdout) as Located[];
    const actual = found.map((f) => shape(f.code, f.severity, `${f.line - 1}:${f.column - 1}-${f.line - 1}:${f.endLine === f.line ? f.endColumn - 1 : '…'}`)).sort();
    const wanted = expected.map((e) => shape(e.rule, e.severity ?? '?', `${e.line}:${e.start}-${e.line}:${e.end}`)).sort();
    assert.deepEqual(actual, wanted);
    for (const e of expected.filter((x) => x.message)) {
      const hit = found.find((f) => f.code === e.rule && f.line - 1 === e.line && f.column - 1 === e.start);
      assert.ok(hit?.message.includes(e.message!), `${e.rule} at line ${e.line + 1}: "${hit?.message}" should contain "${e.message}"`);
    }
    // Errors are among the findings, so the exit status says so.
    assert.equal(r.status, 1);
  });

  it('lists the other names of the one mail-no-spf finding as related places', () => {
    const found = JSON.parse(mailzone('check', '--format', 'json', FILE).stdout) as Located[];
    const noSpf = found.filter((f) => f.code === 'mail-no-spf');
    assert.equal(noSpf.length, 1);
    assert.deepEqual(noSpf[0].related?.map((p) => p.message), ['one.open.example.com receives mail but has no SPF record', 'two.open.example.com receives mail but has no SPF record']);
  });
});

describe('check: SPF across the files of one run', () => {
  const com = 'test/fixtures/receivers/cross/example.com.zone';
  const net = 'test/fixtures/receivers/cross/example.net.zone';

  it('follows an include into another file given, as spf tree does, and finds the permerror there', () => {
    const r = mailzone('check', com, net);
    assert.equal(r.stdout, `${com}:9:28 error spf-include-none 'include:_spf.example.net': _spf.example.net has TXT records but no SPF record; an include of a name without SPF record makes receivers return permerror\n`);
    const tree = mailzone('spf', 'tree', '--no-live', '--zone', com, '--zone', net, 'example.com');
    assert.match(tree.stdout, /include:_spf\.example\.net {2}\[1\] {2}none: _spf\.example\.net has TXT records but no SPF record/);
  });

  it('says nothing about a name in no file given', () => {
    assert.equal(mailzone('check', com).stdout, '');
  });
});

describe('spf check: names written with escapes', () => {
  it('passes the RFC 7208 suite case macro-mania-in-domain from a zone file', () => {
    const r = mailzone('spf', 'check', '--no-live', '--zone', 'test/fixtures/receivers/macro-mania.zone', '--ip', '1.2.3.4', '--sender', 'test@e1a.example.com', 'e1a.example.com');
    assert.match(r.stdout, /^result: pass\n/);
    assert.equal(r.status, 0);
  });
});
