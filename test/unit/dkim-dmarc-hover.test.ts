/**
 * Hover and completion inside DKIM and DMARC records, as the features layer
 * serves them: the `|` in each record marks the cursor. The DKIM key hover
 * states the key's type and size; DMARC reads the table of the standard in use.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import type { DmarcStandard } from '../../server/src/core/model/zoneView';
import { analyzeDocument } from '../../server/src/core/service';
import { withCursor } from '../support/fixture';

const HEAD = '$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h\n';

function at(record: string, dmarcStandard: DmarcStandard) {
  const { text, offset } = withCursor(HEAD + record);
  return { analysis: analyzeDocument({ text }, { dmarcStandard }), offset, text };
}

function hoverText(record: string, standard: DmarcStandard = 'rfc9989'): { markdown: string; covered: string } | undefined {
  const { analysis, offset, text } = at(record, standard);
  const h = hover(analysis, offset);
  return h && { markdown: h.markdown, covered: text.slice(h.span.start, h.span.end) };
}

function labels(record: string, standard: DmarcStandard = 'rfc9989'): string[] {
  const { analysis, offset } = at(record, standard);
  return complete(analysis, offset).map((i) => i.label);
}

const RFC6376_KEY = [
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ',
  'KBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt',
  'IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v',
  '/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhi',
  'tdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB',
];

describe('DKIM hover and completion', () => {
  it('states the key type and size on p=, across the strings of the key', () => {
    const record = `brisbane._domainkey IN TXT ( "v=DKIM1; p=${RFC6376_KEY[0]}"\n  "${RFC6376_KEY[1]}|${RFC6376_KEY.slice(2).join('" "')}" )\n`;
    const h = hoverText(record);
    assert.match(h!.markdown, /^\*\*p=\*\* — the public key: 1024-bit RSA \(SubjectPublicKeyInfo\), 162 bytes\./);
    assert.ok(h!.covered.startsWith(RFC6376_KEY[0]) && h!.covered.endsWith('QIDAQAB'));
    const ed = hoverText('ed._domainkey IN TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7Ty|WQHOg7hcvPapiMlrwIaaPcHURo="\n');
    assert.match(ed!.markdown, /Ed25519 \(raw 32-byte key\), 32 bytes/);
  });

  it('explains tags and values from the table', () => {
    const k = hoverText('s._domainkey IN TXT "v=DKIM1; |k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="\n');
    assert.equal(k?.covered, 'k');
    assert.match(k!.markdown, /^\*\*k=\*\* — Key type/);
    assert.match(k!.markdown, /RFC 6376 §3\.6\.1/);
    const t = hoverText('s._domainkey IN TXT "v=DKIM1; t=|y; p="\n');
    assert.match(t!.markdown, /^\*\*t=y\*\* — Testing/);
  });

  it('completes the tags not yet written, never the historic g=', () => {
    const items = labels('s._domainkey IN TXT "v=DKIM1; |"\n');
    assert.deepEqual(items, ['h=', 'k=', 'n=', 'p=', 's=', 't=']);
    assert.deepEqual(labels('s._domainkey IN TXT "v=DKIM1; k=|"\n'), ['rsa', 'ed25519']);
  });
});

describe('DMARC hover and completion', () => {
  it('explains a policy value', () => {
    const h = hoverText('_dmarc IN TXT "v=DMARC1; p=quaran|tine; rua=mailto:d@example.com"\n');
    assert.equal(h?.covered, 'quarantine');
    assert.match(h!.markdown, /^\*\*p=quarantine\*\* — Receivers should treat failing mail as suspicious/);
  });

  it('cites the section of the standard in use, and says when a tag is historic', () => {
    assert.match(hoverText('_dmarc IN TXT "v=DMARC1; p=reject; |pct=100"\n', 'rfc9989')!.markdown, /Historic in RFC 9989: receivers ignore it[^]*RFC 9989 App\. A\.6/);
    const old = hoverText('_dmarc IN TXT "v=DMARC1; p=reject; |pct=100"\n', 'rfc7489')!.markdown;
    assert.doesNotMatch(old, /Historic/);
    assert.match(old, /RFC 7489 §6\.3/);
  });

  it('completes the tags of the standard in use', () => {
    assert.deepEqual(labels('_dmarc IN TXT "v=DMARC1; p=reject; |"\n', 'rfc9989'), ['sp=', 'np=', 'adkim=', 'aspf=', 'fo=', 'rua=', 'ruf=', 'psd=', 't=']);
    assert.deepEqual(labels('_dmarc IN TXT "v=DMARC1; p=reject; |"\n', 'rfc7489'), ['sp=', 'np=', 'adkim=', 'aspf=', 'fo=', 'rua=', 'ruf=', 'pct=', 'rf=afrf', 'ri=']);
    assert.deepEqual(labels('_dmarc IN TXT "v=DMARC1; p=|"\n'), ['none', 'quarantine', 'reject']);
  });
});
