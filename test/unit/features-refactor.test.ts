/**
 * Refactorings offered without a diagnostic: split into 255-octet strings,
 * join strings, sort SPF terms. Each is tested by applying its edits to the
 * document and comparing the whole text; `|` marks the cursor. The value
 * receivers read must not change (except for the order of SPF terms, which
 * is offered only where the order cannot change a result).
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOIN_TITLE, SORT_TITLE, SPLIT_TITLE, refactorings } from '../../server/src/core/features/refactor';
import { analyzeDocument } from '../../server/src/core/service';
import type { Fix } from '../../server/src/core/rules/rule';
import { applyEdits } from '../support/edits';
import { withCursor } from '../support/fixture';

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

function analyse(text: string) {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' });
}

function offered(fixture: string): { text: string; fixes: Fix[] } {
  const { text, offset } = withCursor(fixture);
  return { text, fixes: refactorings(analyse(text), { start: offset, end: offset }) };
}

/** Applies the refactoring titled `title` at the cursor and returns the whole new text. */
function apply(fixture: string, title: string): string {
  const { text, fixes } = offered(fixture);
  const fix = fixes.find((f) => f.title === title);
  assert.ok(fix, `"${title}" is offered; got ${JSON.stringify(fixes.map((f) => f.title))}`);
  assert.ok(fix.edits.every((e) => e.file === undefined), 'edits stay in the document');
  return applyEdits(text, fix.edits);
}

function titles(fixture: string): string[] {
  return offered(fixture).fixes.map((f) => f.title);
}

/** The joined values of every TXT record, in order: what receivers read. */
function values(text: string): string[] {
  return analyse(text).zone.records.filter((r) => r.txt).map((r) => r.txt!.text);
}

const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1tQDFBZd84f16vOiUMVkzomGpM7Hoihb0HQVkhg3PMAEWW1dqJVk6NMl6vYxioSXqUzBcxwBYDkF2e0cn48wNKc9RKu8YufFGrH+cK5iNJpwLXBpCmsnBPPqFElWi8rt9Q25YjYhF26AYDgPZqpOYA1mdBZZDLcnz/EJ23pnSOV9JOA6VEDTNBnjllc2aBYLyF1AzSxUiQSJpwtm7DwjG9ChZl9z9FiAKIXHB/l16QCyj/+Pgb2hms+VYz8Ol8yK28RPu0QAyUTaUcJWTd5lmf5lSEdiGw+FdWH909QAkG3v/fq5t8C5v52mLpdC/WhoZ9dux8IkbweGRc11SUakkQIDAQAB';

describe('split into 255-octet strings', () => {
  it('re-cuts a key pasted in 64-character lines into full strings, inside the parentheses it already has', () => {
    const lines = `v=DKIM1; k=rsa; p=${KEY}`.match(/.{1,64}/g)!;
    const before = `${HEAD}sel._domainkey IN TXT ( ${lines.map((l) => `"${l}"`).join('\n                        ')} )\n`;
    const after = apply(before.replace('sel._domainkey', 'sel._domain|key'), SPLIT_TITLE);
    const value = `v=DKIM1; k=rsa; p=${KEY}`;
    assert.equal(after, `${HEAD}sel._domainkey IN TXT ( "${value.slice(0, 255)}"\n                        "${value.slice(255)}" )\n`);
    assert.deepEqual(values(after), values(before));
  });

  it('adds parentheses around a single over-long string and cuts SPF between terms', () => {
    const terms = Array.from({ length: 20 }, (_, i) => `ip4:198.51.100.${i * 8}/29`);
    const value = `v=spf1 ${terms.join(' ')} -all`;
    assert.ok(value.length > 255);
    const before = `${HEAD}mail IN TXT "${value}"\n`;
    const after = apply(before.replace('"v=spf1', '"v=s|pf1'), SPLIT_TITLE);
    const cut = value.lastIndexOf(' ', 255) + 1;
    assert.equal(after, `${HEAD}mail IN TXT ( "${value.slice(0, cut)}"\n              "${value.slice(cut)}" )\n`);
    assert.deepEqual(values(after), values(before));
  });

  it('is not offered when the strings are already cut that way, or the value fits one string', () => {
    const value = `v=DKIM1; k=rsa; p=${KEY}`;
    assert.ok(!titles(`${HEAD}sel._domainkey IN TXT ( "${value.slice(0, 255)}"\n  "${value.slice(255)}" ) |\n`).includes(SPLIT_TITLE));
    assert.ok(!titles(`${HEAD}@ IN TXT "v=spf1 -all|"\n`).includes(SPLIT_TITLE));
  });
});

describe('join strings', () => {
  it('joins the strings of a short record and drops the parentheses that only held them', () => {
    const before = `${HEAD}_dmarc IN TXT ( "v=DMARC1; p=reject; "\n                "rua=mailto:d@example.com" ) ; reports\n`;
    const after = apply(before.replace('p=reject', 'p=re|ject'), JOIN_TITLE);
    assert.equal(after, `${HEAD}_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com" ; reports\n`);
    assert.deepEqual(values(after), values(before));
  });

  it('keeps escapes exactly as written', () => {
    const before = `${HEAD}note IN TXT "say \\"hi\\"" " and \\059 bye|"\n`;
    const after = apply(before, JOIN_TITLE);
    assert.equal(after, `${HEAD}note IN TXT "say \\"hi\\" and \\059 bye"\n`);
    assert.deepEqual(values(after), values(before.replace('|', '')));
  });

  it('is not offered for one string, a value over 255 octets, an unquoted word or a comment between the strings', () => {
    assert.ok(!titles(`${HEAD}@ IN TXT "v=spf1 -all|"\n`).includes(JOIN_TITLE));
    assert.ok(!titles(`${HEAD}k IN TXT ( "${'a'.repeat(200)}" "${'b'.repeat(100)}|" )\n`).includes(JOIN_TITLE));
    assert.ok(!titles(`${HEAD}@ IN TXT "v=spf1" -all|\n`).includes(JOIN_TITLE));
    assert.ok(!titles(`${HEAD}@ IN TXT ( "v=spf1 " ; why\n "-all|" )\n`).includes(JOIN_TITLE));
  });
});

describe('sort SPF terms', () => {
  it('puts ip4 and ip6 first, all last, modifiers after, and keeps the other mechanisms in their order', () => {
    const before = `${HEAD}@ IN TXT "v=spf1 include:_spf.example.net mx ip6:2001:db8::/32 a:relay.example.com ip4:192.0.2.0/24 -all|"\n`;
    assert.equal(
      apply(before, SORT_TITLE),
      `${HEAD}@ IN TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net mx a:relay.example.com -all"\n`,
    );
  });

  it('moves a modifier written before the mechanisms to the end', () => {
    const before = `${HEAD}@ IN TXT "v=spf1 exp=why.example.com mx ip4:192.0.2.1 ~all|"\n`;
    assert.equal(apply(before, SORT_TITLE), `${HEAD}@ IN TXT "v=spf1 ip4:192.0.2.1 mx ~all exp=why.example.com"\n`);
  });

  it('keeps a record that needs several strings in parentheses, cut between terms', () => {
    const terms = Array.from({ length: 20 }, (_, i) => `ip4:198.51.100.${i * 8}/29`);
    const value = `v=spf1 mx ${terms.join(' ')} -all`;
    const before = `${HEAD}@ IN TXT ( "${value.slice(0, 200)}"\n           "${value.slice(200)}|" )\n`;
    const after = apply(before, SORT_TITLE);
    const sorted = `v=spf1 ${terms.join(' ')} mx -all`;
    const cut = sorted.lastIndexOf(' ', 255) + 1;
    assert.equal(after, `${HEAD}@ IN TXT ( "${sorted.slice(0, cut)}"\n           "${sorted.slice(cut)}" )\n`);
  });

  it('is not offered where the order decides the result, after all, on a broken record or when already sorted', () => {
    // -ip4 before +ip4: the first match decides, so the order is meaning.
    assert.ok(!titles(`${HEAD}@ IN TXT "v=spf1 mx -ip4:192.0.2.1 ip4:192.0.2.0/24 ~all|"\n`).includes(SORT_TITLE));
    assert.ok(!titles(`${HEAD}@ IN TXT "v=spf1 mx -all ip4:192.0.2.1|"\n`).includes(SORT_TITLE));
    assert.ok(!titles(`${HEAD}@ IN TXT "v=spf1 mx ip4:192.0.2.999 -all|"\n`).includes(SORT_TITLE));
    assert.ok(!titles(`${HEAD}@ IN TXT "v=spf1 ip4:192.0.2.1 mx -all|"\n`).includes(SORT_TITLE));
    // Not an SPF record at all.
    assert.ok(!titles(`${HEAD}_dmarc IN TXT "v=DMARC1; p=none|"\n`).includes(SORT_TITLE));
  });
});

describe('where refactorings are offered', () => {
  it('only for the records the selection touches', () => {
    const text = `${HEAD}@ IN TXT "v=spf1 mx ip4:192.0.2.1 -all"\nwww IN A 192.0.2.80\n`;
    const analysis = analyse(text);
    const onA = text.indexOf('192.0.2.80');
    assert.deepEqual(refactorings(analysis, { start: onA, end: onA }), []);
    const whole = refactorings(analysis, { start: 0, end: text.length });
    assert.deepEqual(whole.map((f) => f.title), [SORT_TITLE]);
  });
});
