/**
 * Hover and completion inside MTA-STS, TLS-RPT and BIMI records, as the
 * features layer serves them: the `|` in each text marks the cursor.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { analyzeDocument } from '../../server/src/core/service';
import { withCursor } from '../support/fixture';

const HEAD = `$ORIGIN example.com.
$TTL 1h
@ IN SOA ns1 hostmaster 1 2h 1h 2w 1h
`;

function at(record: string) {
  const { text, offset } = withCursor(HEAD + record);
  return { analysis: analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }), offset, text };
}

function hoverText(record: string): { markdown: string; covered: string } | undefined {
  const { analysis, offset, text } = at(record);
  const h = hover(analysis, offset);
  return h && { markdown: h.markdown, covered: text.slice(h.span.start, h.span.end) };
}

function labels(record: string): string[] {
  const { analysis, offset } = at(record);
  return complete(analysis, offset).map((i) => i.label);
}

describe('MTA-STS, TLS-RPT and BIMI hover', () => {
  it('explains a tag from the table, with its grammar and source', () => {
    const h = hoverText('_mta-sts IN TXT "v=STSv1; i|d=20240601000000Z"\n');
    assert.equal(h?.covered, 'id');
    assert.match(h!.markdown, /^\*\*id=\*\* — Policy id/);
    assert.match(h!.markdown, /`1\*32\(ALPHA \/ DIGIT\)`/);
    assert.match(h!.markdown, /\[RFC 8461 §3\.1\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc8461#section-3\.1\)/);
  });

  it("explains a value the table lists: a TLS-RPT report scheme, a BIMI avatar preference", () => {
    const rua = hoverText('_smtp._tls IN TXT "v=TLSRPTv1; rua=mail|to:tlsrpt@example.com"\n');
    assert.equal(rua?.covered, 'mailto:tlsrpt@example.com');
    assert.match(rua!.markdown, /^\*\*rua=mailto:\*\* — Reports by mail/);
    const avp = hoverText('default._bimi IN TXT "v=BIMI1; l=; avp=pers|onal"\n');
    assert.match(avp!.markdown, /^\*\*avp=personal\*\* — Show the sender's personal avatar/);
  });

  it('says an unknown tag is ignored', () => {
    assert.match(hoverText('default._bimi IN TXT "v=BIMI1; l=; x|yz=1"\n')!.markdown, /not a tag this record defines/);
  });
});

describe('MTA-STS, TLS-RPT and BIMI completion', () => {
  it('offers the tags not yet present where a tag starts', () => {
    assert.deepEqual(labels('_mta-sts IN TXT "v=STSv1; |"\n'), ['id=']);
    assert.deepEqual(labels('default._bimi IN TXT "v=BIMI1; l=; |"\n'), ['a=', 'lps=', 'avp=']);
    // An empty string also gets the whole-record template first.
    assert.deepEqual(labels('_smtp._tls IN TXT "|"\n'), ['TLS-RPT record', 'v=TLSRPTv1', 'rua=']);
  });

  it('offers the values a tag takes after its =, also after a comma in a list', () => {
    assert.deepEqual(labels('default._bimi IN TXT "v=BIMI1; l=; avp=|"\n'), ['brand', 'personal']);
    assert.deepEqual(labels('_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com, |"\n'), ['mailto:', 'https:']);
  });
});
