/**
 * Zone-level editor features: hover on directives, TTLs, classes and types;
 * completion of directives, types and classes; the outline; folding; links;
 * formatting; SOA serial bumps. `|` marks the cursor.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/service';
import { hover } from '../../server/src/core/features/hover';
import { complete } from '../../server/src/core/features/completion';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { foldingRanges } from '../../server/src/core/features/folding';
import { documentLinks } from '../../server/src/core/features/links';
import { formatZone } from '../../server/src/core/features/format';
import { bumpSerial, nextSerial } from '../../server/src/core/features/serial';
import { applyEdits } from '../support/edits';
import { withCursor } from '../support/fixture';

const ZONE = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster ( 2026010100 2h 1h 2w 1h )
  IN NS ns1
  IN MX 10 mail
mail 300 IN A 192.0.2.1
_dmarc IN TXT ( "v=DMARC1; p=reject; "
                "rua=mailto:reports@example.com" )
`;

function analyse(text: string) {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' });
}

function hoverAt(fixture: string) {
  const { text, offset } = withCursor(fixture);
  return hover(analyse(text), offset);
}

function labelsAt(fixture: string): string[] {
  const { text, offset } = withCursor(fixture);
  return complete(analyse(text), offset).map((i) => i.label);
}

describe('hover', () => {
  it('explains a directive', () => {
    assert.match(hoverAt(ZONE.replace('$TTL', '$T|TL'))!.markdown, /RFC 2308/);
  });
  it('puts a TTL into words', () => {
    assert.match(hoverAt(ZONE.replace('mail 300', 'mail 3|00'))!.markdown, /5 minutes/);
    assert.match(hoverAt(ZONE.replace('$TTL 1h', '$TTL 1|h'))!.markdown, /TTL 3600\*\* — 1 hour/);
  });
  it('explains a type with its fields and RFC', () => {
    const h = hoverAt(ZONE.replace('IN MX', 'IN M|X'))!;
    assert.match(h.markdown, /preference.*exchange/);
    assert.match(h.markdown, /rfc1035#section-3\.3\.9/);
  });
  it('explains a class', () => {
    assert.match(hoverAt(ZONE.replace('mail 300 IN', 'mail 300 I|N'))!.markdown, /Internet/);
  });
  it('names the records at an owner', () => {
    assert.match(hoverAt(ZONE.replace('_dmarc IN', '_dm|arc IN'))!.markdown, /_dmarc\.example\.com\.[\s\S]*TXT \(DMARC\)/);
  });
  it('has nothing to say in a comment', () => {
    assert.equal(hoverAt('; a comm|ent\n'), undefined);
  });
});

describe('completion', () => {
  it('offers directives at the start of a line', () => {
    assert.deepEqual(labelsAt(`${ZONE}$|`), ['$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE']);
  });
  it('offers types (common first) and classes after the owner', () => {
    const labels = labelsAt(`${ZONE}www |`);
    assert.equal(labels[0], 'TXT');
    assert.ok(labels.includes('AAAA') && labels.includes('IN'));
  });
  it('offers no class once one is written', () => {
    assert.ok(!labelsAt(`${ZONE}www 300 IN |`).includes('IN'));
  });
  it('offers nothing for an owner name', () => {
    assert.deepEqual(labelsAt(`${ZONE}ww|`), []);
  });
  it('offers a record template, then the version tag, in an empty string at _dmarc', () => {
    assert.deepEqual(labelsAt(`${ZONE}_dmarc.sub IN TXT "|"\n`).slice(0, 2), ['DMARC record', 'v=DMARC1;']);
  });
  it('offers each reserved name its record template as a snippet, for the domain it speaks for', () => {
    const cases: Array<[string, RegExp]> = [
      ['_dmarc.sub', /^v=DMARC1; p=\$\{1\|none,quarantine,reject\|\}; rua=mailto:\$\{2:dmarc-reports@sub\.example\.com\}$/],
      ['sel._domainkey', /^v=DKIM1; k=\$\{1\|rsa,ed25519\|\}; p=/],
      ['_mta-sts', /^v=STSv1; id=\$\{1:/],
      ['_smtp._tls', /^v=TLSRPTv1; rua=mailto:\$\{1:tls-reports@example\.com\}$/],
      ['default._bimi', /^v=BIMI1; l=https:\/\//],
    ];
    for (const [owner, body] of cases) {
      const { text, offset } = withCursor(`${ZONE}${owner} IN TXT "|"\n`);
      const first = complete(analyse(text), offset)[0];
      assert.equal(first.kind, 'snippet', owner);
      assert.ok(first.snippet);
      assert.match(first.insertText!, body);
      assert.deepEqual(first.replace, { start: offset, end: offset });
    }
  });
  it('offers no template once the string has text', () => {
    assert.ok(!labelsAt(`${ZONE}_dmarc.sub IN TXT "v=DMARC1; |"\n`).includes('DMARC record'));
  });
});

describe('outline, folding, links', () => {
  const analysis = analyse(ZONE);
  it('groups records by owner with their mail kind', () => {
    const symbols = documentSymbols(analysis);
    assert.deepEqual(symbols.map((s) => s.name), ['$ORIGIN', '$TTL', 'example.com.', 'mail.example.com.', '_dmarc.example.com.']);
    assert.deepEqual(symbols[2].children!.map((c) => c.name), ['SOA', 'NS', 'MX']);
    assert.equal(symbols[4].children![0].name, 'TXT · DMARC');
  });
  it('ends an owner\'s symbol at a directive: records of one owner on both sides of $TTL are two symbols', () => {
    const text = `$ORIGIN example.com.\n$TTL 1h\nwww IN A 192.0.2.1\n$TTL 5m\n    IN AAAA 2001:db8::1\n`;
    const symbols = documentSymbols(analyse(text));
    assert.deepEqual(symbols.map((s) => s.name), ['$ORIGIN', '$TTL', 'www.example.com.', '$TTL', 'www.example.com.']);
    // Siblings in source order never overlap.
    for (let i = 1; i < symbols.length; i++) assert.ok(symbols[i - 1].span.end <= symbols[i].span.start, JSON.stringify(symbols.map((s) => s.span)));
  });
  it('folds records written over several lines', () => {
    assert.deepEqual(foldingRanges(analysis), [{ startLine: 6, endLine: 7 }]);
  });
  it('links report URIs', () => {
    const links = documentLinks(analysis);
    assert.deepEqual(links.map((l) => [l.target, ZONE.slice(l.span.start, l.span.end)]), [['mailto:reports@example.com', 'mailto:reports@example.com']]);
  });
});

describe('formatting', () => {
  const messy = `$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1.example.com. h.example.com. 1 2 3 4 5\nwww   300   IN A 192.0.2.1\n  IN   AAAA 2001:db8::1 ; v6\nlongername TXT "a  b"\n`;
  it('aligns columns without touching rdata or comments', () => {
    const out = applyEdits(messy, formatZone(analyse(messy)));
    assert.equal(out, `$ORIGIN example.com.\n$TTL 1h\n@          IN     SOA  ns1.example.com. h.example.com. 1 2 3 4 5\nwww        300 IN A    192.0.2.1\n           IN     AAAA 2001:db8::1 ; v6\nlongername        TXT  "a  b"\n`);
    assert.deepEqual(analyse(out).zone.records.map((r) => r.presentation), analyse(messy).zone.records.map((r) => r.presentation));
  });
  it('is idempotent', () => {
    const once = applyEdits(messy, formatZone(analyse(messy)));
    assert.deepEqual(formatZone(analyse(once)), []);
  });
  it("leaves alone a record inside a '(' left open after a quoted string that a lone CR ended (found by the fuzzer)", () => {
    // The lexer ends an unterminated quoted string at a CR as at an LF, so the '(' after it is open.
    const text = '"unterminated\r(\n IN TXT !\r\n SOA a a (  )\n';
    assert.deepEqual(formatZone(analyzeDocument({ text, origin: 'example.com.' }, { dmarcStandard: 'rfc9989' })), []);
  });
});

describe('SOA serial', () => {
  const today = new Date(Date.UTC(2026, 10, 28));
  it('moves a date serial to today', () => assert.equal(nextSerial(2026010100, today), 2026112800));
  it('counts up within the day', () => assert.equal(nextSerial(2026112804, today), 2026112805));
  it('adds one to a plain serial, wrapping at 2^32', () => {
    assert.equal(nextSerial(41, today), 42);
    assert.equal(nextSerial(4294967295, today), 0);
  });
  it('edits the serial in place', () => {
    assert.equal(applyEdits(ZONE, [bumpSerial(analyse(ZONE), today)!]), ZONE.replace('2026010100', '2026112800'));
  });
});
