/**
 * Quick fixes of the zone-level rules, tested by applying them: the whole
 * fixed text is compared, and analysing it again must not raise the finding
 * (nor a syntax error) a second time.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { splitRaw } from '../../server/src/core/zone/rules/txtStringTooLong';
import { applyEdits } from '../support/edits';

const HEAD = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
  IN NS ns1
ns1 IN A 192.0.2.1
`;

function findings(text: string, rule: string): Finding[] {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule === rule);
}

/** Applies the first fix of the only finding of `rule` and returns the new text. */
function fixOnce(text: string, rule: string): { text: string; title: string } {
  const found = findings(text, rule);
  assert.equal(found.length, 1, `expected one ${rule} finding, got ${found.length}`);
  const fix = found[0].fixes?.[0];
  assert.ok(fix, `${rule} offers no fix`);
  return { text: applyEdits(text, fix.edits), title: fix.title };
}

function assertFixed(fixed: string, rule: string): void {
  assert.deepEqual(findings(fixed, rule), []);
  assert.deepEqual(findings(fixed, 'zone-syntax').map((f) => f.message), []);
}

function joined(text: string, owner: string): string {
  const zone = analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).zone;
  const record = zone.records.find((r) => r.owner === owner && r.txt);
  assert.ok(record, `no TXT record at ${owner}`);
  return record.txt!.text;
}

describe('txt-string-too-long fix', () => {
  it('splits a one-line DKIM key into parenthesised strings, key intact', () => {
    const key = 'A'.repeat(300) + 'B'.repeat(100);
    const text = `${HEAD}sel._domainkey IN TXT "v=DKIM1; k=rsa; p=${key}" ; rotated 2024\n`;
    const { text: fixed, title } = fixOnce(text, 'txt-string-too-long');
    const value = `v=DKIM1; k=rsa; p=${key}`;
    assert.equal(title, 'Split into 2 strings of at most 255 octets');
    assert.equal(
      fixed,
      `${HEAD}sel._domainkey IN TXT ( "${value.slice(0, 255)}"\n${' '.repeat(24)}"${value.slice(255)}" ) ; rotated 2024\n`,
    );
    assertFixed(fixed, 'txt-string-too-long');
    assert.equal(joined(fixed, 'sel._domainkey.example.com.'), value);
  });

  it('adds no second pair of parentheses inside existing ones', () => {
    const long = 'x'.repeat(300);
    const text = `${HEAD}t IN TXT ( "short"\n\t  "${long}" )\n`;
    const { text: fixed } = fixOnce(text, 'txt-string-too-long');
    assert.equal(fixed, `${HEAD}t IN TXT ( "short"\n\t  "${long.slice(0, 255)}"\n\t  "${long.slice(255)}" )\n`);
    assertFixed(fixed, 'txt-string-too-long');
  });

  it('cuts SPF after a space so that no two terms are glued', () => {
    const terms = Array.from({ length: 20 }, (_, i) => `ip4:198.51.100.${i + 10}`);
    const spf = `v=spf1 ${terms.join(' ')} -all`;
    const text = `${HEAD}@ IN TXT "${spf}"\n`;
    const { text: fixed } = fixOnce(text, 'txt-string-too-long');
    const cut = spf.lastIndexOf(' ', 254) + 1;
    assert.equal(fixed, `${HEAD}@ IN TXT ( "${spf.slice(0, cut)}"\n           "${spf.slice(cut)}" )\n`);
    assertFixed(fixed, 'txt-string-too-long');
    assert.deepEqual(findings(fixed, 'txt-join-no-space'), []);
    assert.equal(joined(fixed, 'example.com.'), spf);
  });

  it('never cuts inside an escape, and counts octets, not source characters', () => {
    // 250 letters, then escapes: the 255-octet cut falls among the \DDD escapes.
    const raw = `${'a'.repeat(250)}${'\\065'.repeat(10)}`;
    const text = `${HEAD}e IN TXT "${raw}"\n`;
    const { text: fixed } = fixOnce(text, 'txt-string-too-long');
    assert.equal(fixed, `${HEAD}e IN TXT ( "${'a'.repeat(250)}${'\\065'.repeat(5)}"\n           "${'\\065'.repeat(5)}" )\n`);
    assertFixed(fixed, 'txt-string-too-long');
  });

  it('splitRaw keeps multi-octet characters and escapes whole', () => {
    assert.deepEqual(splitRaw('é'.repeat(130), 'dkim'), ['é'.repeat(127), 'é'.repeat(3)]);
    assert.deepEqual(splitRaw(`${'b'.repeat(254)}\\"\\"`, undefined), [`${'b'.repeat(254)}\\"`, '\\"']);
    // DMARC may also break after a ';'.
    const dmarc = `v=DMARC1;p=none;rua=mailto:${'r'.repeat(220)}@example.com`;
    assert.deepEqual(splitRaw(dmarc, 'dmarc'), ['v=DMARC1;p=none;', dmarc.slice(16)]);
  });
});

describe('txt-unquoted fix', () => {
  it('quotes bare SPF words as one string with spaces', () => {
    const text = `${HEAD}@ IN TXT v=spf1 mx -all ; main policy\n`;
    const { text: fixed } = fixOnce(text, 'txt-unquoted');
    assert.equal(fixed, `${HEAD}@ IN TXT "v=spf1 mx -all" ; main policy\n`);
    assertFixed(fixed, 'txt-unquoted');
    assert.equal(joined(fixed, 'example.com.'), 'v=spf1 mx -all');
  });

  it('joins quoted and bare parts, keeping escapes as written', () => {
    const text = `${HEAD}www IN TXT "v=spf1 a" include:x\\.y.example ~all\n`;
    const { text: fixed } = fixOnce(text, 'txt-unquoted');
    assert.equal(fixed, `${HEAD}www IN TXT "v=spf1 a include:x\\.y.example ~all"\n`);
    assertFixed(fixed, 'txt-unquoted');
  });

  it('keeps the parentheses of a multi-line record and the ; that was meant as a separator', () => {
    const text = `${HEAD}_smtp._tls IN TXT ( v=TLSRPTv1;\n    rua=mailto:tls@example.com )\n`;
    const { text: fixed, title } = fixOnce(text, 'txt-unquoted');
    assert.equal(title, 'Quote as one string');
    assert.equal(fixed, `${HEAD}_smtp._tls IN TXT ( "v=TLSRPTv1; rua=mailto:tls@example.com" )\n`);
    assertFixed(fixed, 'txt-unquoted');
  });

  it('keeps a parenthesis that sits between the words', () => {
    const text = `${HEAD}@ IN TXT v=spf1 ( mx\n  -all )\n`;
    const { text: fixed } = fixOnce(text, 'txt-unquoted');
    assert.equal(fixed, `${HEAD}@ IN TXT ( "v=spf1 mx -all" )\n`);
    assertFixed(fixed, 'txt-unquoted');
  });
});

describe('txt-unquoted-semicolon fix', () => {
  it('quotes the words and the comment that cut the DMARC record', () => {
    const text = `${HEAD}_dmarc IN TXT v=DMARC1; p=reject; rua=mailto:d@example.com  \n`;
    const { text: fixed } = fixOnce(text, 'txt-unquoted-semicolon');
    assert.equal(fixed, `${HEAD}_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"  \n`);
    assertFixed(fixed, 'txt-unquoted-semicolon');
    assert.equal(joined(fixed, '_dmarc.example.com.'), 'v=DMARC1; p=reject; rua=mailto:d@example.com');
  });

  it('escapes quotes and backslashes that were in the comment', () => {
    const text = `${HEAD}s._domainkey IN TXT v=DKIM1 ; n="a\\b"; p=AAAA\n`;
    const { text: fixed } = fixOnce(text, 'txt-unquoted-semicolon');
    assert.equal(fixed, `${HEAD}s._domainkey IN TXT "v=DKIM1; n=\\"a\\\\b\\"; p=AAAA"\n`);
    assert.equal(joined(fixed, 's._domainkey.example.com.'), 'v=DKIM1; n="a\\b"; p=AAAA');
  });

  it('offers no fix when the words span lines', () => {
    const text = `${HEAD}_dmarc IN TXT ( "v=DMARC1"\n  p=none ; rua=mailto:d@example.com )\n`;
    const found = findings(text, 'txt-unquoted-semicolon');
    assert.equal(found.length, 1);
    assert.equal(found[0].fixes, undefined);
  });
});

describe('fixes in an included file', () => {
  it('edit that file, at offsets into its own text', () => {
    const included = 'mail IN TXT v=spf1 a -all\n';
    const files = new Map([['/zone/mail.inc', included]]);
    const reader = {
      resolve: (_from: string, target: string) => `/zone/${target}`,
      read: (p: string) => (files.has(p) ? { text: files.get(p)! } : { error: `no ${p}` }),
    };
    const text = `${HEAD}$INCLUDE mail.inc\n`;
    const found = analyzeDocument({ text, file: '/zone/db.example.com', reader }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule === 'txt-unquoted');
    assert.equal(found.length, 1);
    assert.equal(found[0].file, '/zone/mail.inc');
    const edits = found[0].fixes![0].edits;
    assert.ok(edits.every((e) => e.file === '/zone/mail.inc'));
    assert.equal(applyEdits(included, edits), 'mail IN TXT "v=spf1 a -all"\n');
  });
});

describe('txt-join-no-space fix', () => {
  it('adds the space inside the first string, before its closing quote', () => {
    const text = `${HEAD}@ IN TXT "v=spf1 include:a.example" "include:b.example -all"\n`;
    const { text: fixed } = fixOnce(text, 'txt-join-no-space');
    assert.equal(fixed, `${HEAD}@ IN TXT "v=spf1 include:a.example " "include:b.example -all"\n`);
    assertFixed(fixed, 'txt-join-no-space');
    assert.equal(joined(fixed, 'example.com.'), 'v=spf1 include:a.example include:b.example -all');
  });

  it('skips an empty string to reach the one that ends the word', () => {
    const text = `${HEAD}_dmarc IN TXT ( "v=DMARC1; p=none; rua=mailto:d@example.com"\n  ""\n  "ruf=mailto:f@example.com" )\n`;
    const { text: fixed } = fixOnce(text, 'txt-join-no-space');
    assert.equal(fixed, `${HEAD}_dmarc IN TXT ( "v=DMARC1; p=none; rua=mailto:d@example.com "\n  ""\n  "ruf=mailto:f@example.com" )\n`);
    assertFixed(fixed, 'txt-join-no-space');
  });
});
