/**
 * SPF in words: the lookup count above each SPF record, the lookup tree as
 * text, and a check_host() result with its matching term, over a zone whose
 * counts are known by hand.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nxdomainResolver } from '../../server/src/core/dns/resolver';
import { ZoneResolver } from '../../server/src/core/dns/zoneResolver';
import { checkHeadline, lookupLenses, renderCheck, renderTree, spfRecordAt, zoneTree } from '../../server/src/core/features/spfReport';
import { checkHost } from '../../server/src/core/records/spf/evaluate';
import { analyzeDocument } from '../../server/src/core/service';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@     IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      IN NS  ns1
      IN MX  10 mx1
      IN MX  20 mx2
ns1   IN A   192.0.2.53
mx1   IN A   192.0.2.25
mx2   IN A   192.0.2.26
@     IN TXT "v=spf1 mx ip4:198.51.100.0/24 include:_spf.example.com +all"
_spf  IN TXT "v=spf1 ip4:203.0.113.0/25 a:gone.example.com -all"
other IN TXT "v=spf1 include:_spf.mail.example.net -all"
plain IN TXT "v=spf1 ip4:192.0.2.1 -all"
`;

const analysis = analyzeDocument({ text: ZONE }, { dmarcStandard: 'rfc9989' });

describe('lookup lenses', () => {
  it('show each SPF record’s count and voids, and say when part of the tree was not followed', () => {
    const lenses = lookupLenses(analysis);
    assert.deepEqual(
      lenses.map((l) => [ZONE.slice(l.span.start, l.span.end), l.title]),
      [
        ['@', '3/10 DNS lookups · 1/2 void'],
        ['_spf', '1/10 DNS lookups · 1/2 void'],
        ['other', 'at least 1/10 DNS lookups · 0/2 void (1 name not followed)'],
        ['plain', '0/10 DNS lookups · 0/2 void'],
      ],
    );
  });

  it('use a fuller tree when the caller has one, and say when it is over the limit', () => {
    const record = spfRecordAt(analysis, ZONE.indexOf('other'))!;
    const tree = zoneTree(analysis, record);
    const fuller = new Map([[record, { ...tree, count: 11, children: tree.children.map((c) => ({ ...c, result: 'record' as const })) }]]);
    const lens = lookupLenses(analysis, fuller).find((l) => l.record === record)!;
    assert.equal(lens.title, '11/10 DNS lookups · 0/2 void — over the limit: receivers return permerror');
  });
});

describe('the lookup tree as text', () => {
  it('numbers each counted lookup in evaluation order and ends with the totals', () => {
    const record = spfRecordAt(analysis, ZONE.indexOf('+all'))!;
    assert.equal(
      renderTree(zoneTree(analysis, record)),
      [
        'SPF lookup tree of example.com',
        '"v=spf1 mx ip4:198.51.100.0/24 include:_spf.example.com +all"',
        '',
        '  #1 mx (example.com) → 2 MX hosts',
        '  #2 include:_spf.example.com → "v=spf1 ip4:203.0.113.0/25 a:gone.example.com -all"',
        '  #3   a:gone.example.com → void lookup: gone.example.com has no A or AAAA record',
        '',
        'Total: 3/10 DNS lookups, 1/2 void lookups',
      ].join('\n'),
    );
  });

  it('says when names were not followed, and when there is nothing to look up', () => {
    const other = renderTree(zoneTree(analysis, spfRecordAt(analysis, ZONE.indexOf('other'))!));
    assert.match(other, /#1 include:_spf\.mail\.example\.net → _spf\.mail\.example\.net is outside this zone/);
    assert.match(other, /1 name was not followed, so the count is a minimum\.$/);
    const plain = renderTree(zoneTree(analysis, spfRecordAt(analysis, ZONE.indexOf('plain'))!));
    assert.match(plain, /\(no term needs a DNS lookup\)\n\nTotal: 0\/10 DNS lookups, 0\/2 void lookups$/);
  });

  it('marks the lookup that crosses the limit', () => {
    const includes = Array.from({ length: 11 }, (_, i) => `a:h${i}.example.com`).join(' ');
    const text = `${ZONE}many IN TXT "v=spf1 ${includes} -all"\n${Array.from({ length: 11 }, (_, i) => `h${i} IN A 192.0.2.${i + 100}`).join('\n')}\n`;
    const big = analyzeDocument({ text }, { dmarcStandard: 'rfc9989' });
    const rendered = renderTree(zoneTree(big, spfRecordAt(big, text.indexOf('many'))!));
    assert.match(rendered, /#11 a:h10\.example\.com → found {2}← over 10 lookups: permerror/);
    assert.doesNotMatch(rendered.replace(/#11.*/, ''), /over 10/);
  });

  it('finds the record under the cursor, else the first one', () => {
    assert.equal(spfRecordAt(analysis, ZONE.indexOf('_spf  IN'))?.owner, '_spf.example.com.');
    assert.equal(spfRecordAt(analysis)?.owner, 'example.com.');
    assert.equal(spfRecordAt(analysis, ZONE.indexOf('ns1   IN'))?.owner, 'example.com.');
  });
});

describe('a check_host() result in words', () => {
  const resolver = new ZoneResolver([{ zone: analysis.zone }], nxdomainResolver);

  it('names the result, the sender and the matching term, and shows the evaluation path', async () => {
    const result = await checkHost({ ip: '203.0.113.9', sender: 'user@example.com' }, { resolver });
    assert.equal(result.result, 'pass');
    assert.equal(checkHeadline('203.0.113.9', result), "pass: 203.0.113.9 is authorized to send mail as user@example.com (matched 'include:_spf.example.com' in example.com)");
    const text = renderCheck('203.0.113.9', result);
    assert.match(text, /^Matching term: include:_spf\.example\.com\n {2}in the SPF record of example\.com: "v=spf1 mx ip4:198\.51\.100\.0\/24 include:_spf\.example\.com \+all"$/m);
    // The path shows the term inside the include that matched.
    assert.match(text, /^ {6}ip4:203\.0\.113\.0\/25: match: the client is in the network → pass$/m);
    assert.match(text, /^DNS lookups: 2\/10, void lookups: 0\/2$/m);
    assert.match(text, /^ {2}example\.com: "v=spf1 mx/m);
    assert.match(text, /^ {4}_spf\.example\.com: "v=spf1 ip4:203/m);
  });

  it('explains a fail and a missing policy', async () => {
    const fail = await checkHost({ ip: '192.0.2.200', sender: 'a@_spf.example.com' }, { resolver });
    assert.equal(fail.result, 'fail');
    assert.match(checkHeadline('192.0.2.200', fail), /^fail: 192\.0\.2\.200 is NOT authorized to send mail as a@_spf\.example\.com \(matched '-all' in _spf\.example\.com\)$/);
    const none = await checkHost({ ip: '192.0.2.200', sender: 'a@nowhere.example.org' }, { resolver });
    assert.match(renderCheck('192.0.2.200', none), /^none: 192\.0\.2\.200 cannot be checked: there is no SPF policy for a@nowhere\.example\.org\n\nWhy: nowhere\.example\.org does not exist/);
  });
});
