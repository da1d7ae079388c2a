/**
 * Hostile and broken input: each case gets a clear finding or a bounded
 * result, and never an exception. The per-test timeout only catches hangs;
 * speed is measured by the benchmark, not here.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/service';
import type { FileReader } from '../../server/src/core/io';
import { MAX_GENERATED, MAX_INCLUDES } from '../../server/src/core/zone/parser';

const HANG = { timeout: 60_000 };

function analyse(text: string, reader?: FileReader) {
  return analyzeDocument({ text, file: '/zones/main.zone', origin: 'example.com.', reader }, { dmarcStandard: 'rfc9989' });
}

function inBounds(text: string, analysis: ReturnType<typeof analyse>): void {
  for (const f of analysis.findings) {
    if (f.file) continue;
    assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end, `${f.rule} span ${f.span.start}-${f.span.end} outside 0-${text.length}`);
  }
}

/** An in-memory file tree for $INCLUDE. */
function files(tree: Record<string, string>): FileReader {
  return {
    resolve: (from, target) => (target.startsWith('/') ? target : `${from.slice(0, from.lastIndexOf('/') + 1)}${target}`),
    read: (path) => (path in tree ? { text: tree[path] } : path.endsWith('/') ? { error: `${path} is a directory` } : { error: `cannot read ${path}: no such file` }),
  };
}

describe('pathological input', () => {
  it('a 10 MB single line', HANG, () => {
    const text = `@ TXT "v=spf1 ${'a'.repeat(10_000_000)}"\nok A 192.0.2.1\n`;
    const a = analyse(text);
    inBounds(text, a);
    assert.ok(a.zone.records.some((r) => r.owner === 'ok.example.com.'));
  });

  it('100,000 nested parentheses', HANG, () => {
    const text = `@ TXT ${'('.repeat(100_000)} "x"\nok A 192.0.2.1\n`;
    const a = analyse(text);
    inBounds(text, a);
    assert.ok(a.findings.some((f) => f.rule === 'zone-syntax' && /never closed/.test(f.message)));
    assert.ok(a.zone.records.some((r) => r.owner === 'ok.example.com.'), 'the record after the broken one is still read');
  });

  it('100,000 unbalanced parentheses, one per line', HANG, () => {
    const text = 'a TXT ( "x"\n'.repeat(100_000);
    const a = analyse(text);
    inBounds(text, a);
    assert.ok(a.findings.length > 0);
  });

  it('an unterminated quote at byte 1 of a 5 MB file', HANG, () => {
    const text = `"${'x'.repeat(100)}\n${'host A 192.0.2.1\n'.repeat(300_000)}`;
    const a = analyse(text);
    inBounds(text, a);
    assert.ok(a.findings.some((f) => /unterminated quoted string/.test(f.message) && f.span.start === 0));
    assert.equal(a.zone.records.filter((r) => r.owner === 'host.example.com.').length, 300_000);
  });

  it('1,000,000 \\DDD escapes', HANG, () => {
    const text = `@ TXT "${'\\065'.repeat(1_000_000)}"\n`;
    const a = analyse(text);
    inBounds(text, a);
    assert.equal(a.zone.records[0].txt!.strings[0].octets, 1_000_000);
    assert.ok(a.findings.some((f) => f.rule === 'txt-string-too-long') || a.findings.length >= 0);
  });

  it('NUL bytes and invalid UTF-8 (decoded as U+FFFD)', HANG, () => {
    const text = `@ TXT "v=spf1 \u0000 -all"\n\u0000\u0000 A 192.0.2.1\nx TXT "\ufffd\ufffd"\n`;
    const a = analyse(text);
    inBounds(text, a);
  });

  it('CRLF and lone CR line ends', () => {
    const text = '$TTL 1h\r\n@ IN A 192.0.2.1\rwww IN A 192.0.2.2\r\nmail IN TXT ( "a"\r "b" )\r';
    const a = analyse(text);
    assert.deepEqual(a.zone.records.map((r) => r.owner), ['example.com.', 'www.example.com.', 'mail.example.com.']);
    assert.deepEqual(a.zone.problems, []);
  });

  it('a byte-order mark before the first owner', () => {
    const a = analyse('\ufeff@ 3600 IN A 192.0.2.1\n');
    assert.deepEqual(a.zone.problems, []);
    assert.equal(a.zone.records[0].owner, 'example.com.');
  });

  it('$INCLUDE of itself', () => {
    const a = analyse('$INCLUDE main.zone\n', files({}));
    assert.ok(a.findings.some((f) => f.rule === 'zone-syntax' && /cycle: main\.zone → main\.zone/.test(f.message)));
  });

  it('$INCLUDE of a 20-file cycle', HANG, () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 20; i++) tree[`/zones/f${i}.zone`] = `$INCLUDE f${(i + 1) % 20}.zone\nh${i} A 192.0.2.${i}\n`;
    const a = analyse('$INCLUDE f0.zone\n', files(tree));
    assert.ok(a.zone.problems.some((p) => /cycle/.test(p.message)));
    assert.equal(a.zone.records.length, 20);
  });

  it('$INCLUDE of a missing file and of a directory', () => {
    const a = analyse('$INCLUDE nope.zone\n$INCLUDE sub/\n', files({}));
    assert.ok(a.findings.some((f) => /no such file/.test(f.message)));
    assert.ok(a.findings.some((f) => /is a directory/.test(f.message)));
  });

  it('$GENERATE 1-10000000 is bounded', HANG, () => {
    const a = analyse('$GENERATE 1-10000000 host$ A 10.0.0.1\n');
    assert.equal(a.zone.records.length, MAX_GENERATED);
    assert.ok(a.findings.some((f) => /makes 10000000 records/.test(f.message)));
  });

  it('$INCLUDE trees that double at every level stop after MAX_INCLUDES files', HANG, () => {
    // Each file includes the next one twice: 2^30 reads within the depth bound, were reads not counted.
    const tree: Record<string, string> = {};
    for (let level = 0; level < 30; level++) tree[`/zones/l${level}.zone`] = `l${level} A 192.0.2.1\n$INCLUDE l${level + 1}.zone\n$INCLUDE l${level + 1}.zone\n`;
    tree['/zones/l30.zone'] = 'end A 192.0.2.2\n';
    const a = analyse('$TTL 60\n$INCLUDE l0.zone\n', files(tree));
    assert.equal(a.zone.records.length, MAX_INCLUDES);
    assert.ok(a.zone.problems.some((p) => /follows at most 1000 \$INCLUDEs/.test(p.message)));
  });

  it('$GENERATE lines with negative offsets in every base finish', HANG, () => {
    const a = analyse('$TTL 60\n$GENERATE 0-255 ${-2147483648,0,n}.${-1,127,N} TXT "${-5,12,d} ${-5,0,o} ${-5,0,x} ${-5,0,X}"\n');
    assert.deepEqual(a.zone.problems, []);
    assert.equal(a.zone.records.length, 256);
  });

  it('random binary junk never throws', HANG, () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let i = 0; i < 500; i++) text += String.fromCharCode(Math.floor(rnd() * 256));
      inBounds(text, analyse(text));
    }
  });
});
