/**
 * SPF completion through the service: terms ranked by relevance and
 * filtered by what the record already has, the zone's names and provider
 * includes after a domain-taking term, macro letters inside `%{`, and
 * nothing where only the user knows the value. `|` marks the cursor.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, completeList } from '../../server/src/core/features/completion';
import { MAX_NAME_ITEMS } from '../../server/src/core/records/spf/complete';
import { SPF_PROVIDERS } from '../../server/src/core/records/spf/providers';
import { analyzeDocument } from '../../server/src/core/service';
import { withCursor } from '../support/fixture';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@       IN SOA ns1 hostmaster 1 7200 3600 1209600 300
        IN NS  ns1
        IN MX  10 mx1
ns1     IN A   192.0.2.53
mx1     IN A   192.0.2.25
_spf    IN TXT "v=spf1 ip4:203.0.113.0/25 a:mx1.example.com -all"
why     IN TXT "Not authorized"
*.wild  IN A   192.0.2.80
`;

function completeAt(line: string) {
  const { text, offset } = withCursor(`${ZONE}${line}\n`);
  const items = complete(analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }), offset);
  return { items, replaced: (i: (typeof items)[number]) => (i.replace ? text.slice(i.replace.start, i.replace.end) : undefined) };
}

const labels = (line: string): string[] => completeAt(line).items.map((i) => i.label);

describe('SPF completion: terms', () => {
  it('after v=spf1 : the common terms first, the safe all variants, ptr last', () => {
    assert.deepEqual(labels('@ TXT "v=spf1 |"'), ['include:', 'ip4:', 'ip6:', 'mx', 'a', '~all', '-all', '?all', 'exists:', 'redirect=', 'exp=', 'ptr']);
  });

  it('items carry documentation from the term table and details with their cost', () => {
    const { items } = completeAt('@ TXT "v=spf1 |"');
    const ptr = items.find((i) => i.label === 'ptr')!;
    assert.match(ptr.detail!, /not recommended/);
    const include = items.find((i) => i.label === 'include:')!;
    assert.equal(include.detail, '1 DNS lookup');
    assert.match(include.documentation!, /Matches when the SPF record of the given domain passes[\s\S]*rfc7208#section-5\.2/);
    const softfail = items.find((i) => i.label === '~all')!;
    assert.match(softfail.documentation!, /gets \*\*softfail\*\*/);
    assert.equal(items.find((i) => i.label === 'exp=')!.detail, 'not counted');
    assert.ok(items.every((i) => i.sortText !== undefined && i.documentation));
  });

  it('after any term and a space, replacing the word being typed', () => {
    const { items, replaced } = completeAt('@ TXT "v=spf1 ip4:192.0.2.1 inc|"');
    assert.equal(items[0].label, 'include:');
    assert.equal(replaced(items[0]), 'inc');
  });

  it('a typed qualifier: the mechanisms with it, all first, no modifiers', () => {
    assert.deepEqual(labels('@ TXT "v=spf1 mx -|"'), ['-all', '-include:', '-ip4:', '-ip6:', '-a', '-exists:', '-ptr']);
    assert.equal(labels('@ TXT "v=spf1 mx +|"').at(-1), '+all');
  });

  it('no all or redirect once the record has all; only modifiers after it', () => {
    assert.deepEqual(labels('@ TXT "v=spf1 mx ~all |"'), ['exp=']);
    const before = labels('@ TXT "v=spf1 | -all"');
    assert.ok(before.includes('include:') && !before.some((l) => l.endsWith('all')) && !before.includes('redirect='));
  });

  it('no duplicate redirect or exp, no all beside a redirect, no second bare mx', () => {
    const l = labels('@ TXT "v=spf1 mx redirect=_spf.example.com exp=why.example.com |"');
    assert.ok(!l.includes('redirect=') && !l.includes('exp=') && !l.some((x) => x.endsWith('all')) && !l.includes('mx'));
    assert.ok(l.includes('include:') && l.includes('a'));
  });

  it('a word split across strings is replaced only within its string', () => {
    const { items, replaced } = completeAt('@ TXT "v=spf1 mx " "ip|"');
    assert.equal(replaced(items[0]), 'ip');
  });
});

describe('SPF completion: names', () => {
  it('after include: the zone’s SPF names with their cost, then providers, then other names; never the record’s own name', () => {
    const { items } = completeAt('@ TXT "v=spf1 include:|"');
    const l = items.map((i) => i.label);
    assert.equal(l[0], '_spf.example.com');
    assert.equal(items[0].detail, 'SPF in this zone · 2 lookups');
    assert.deepEqual(l.slice(1, 1 + SPF_PROVIDERS.length), SPF_PROVIDERS.map((p) => p.include));
    assert.deepEqual(l.slice(1 + SPF_PROVIDERS.length), ['mx1.example.com', 'ns1.example.com', 'why.example.com']);
    assert.ok(!l.includes('example.com') && !l.some((x) => x.startsWith('*')));
  });

  it('provider items name the provider and say honestly that the cost varies', () => {
    const google = completeAt('@ TXT "v=spf1 include:|"').items.find((i) => i.label === '_spf.google.com')!;
    assert.equal(google.detail, 'Google Workspace · 1 lookup + nested (varies)');
    assert.match(google.documentation!, /Documented include: `include:_spf\.google\.com`/);
    const outlook = completeAt('@ TXT "v=spf1 include:|"').items.find((i) => i.label === 'spf.protection.outlook.com')!;
    assert.match(outlook.detail!, /^Microsoft 365/);
  });

  it('an include the record already has is not offered again; the partial name is replaced', () => {
    const { items, replaced } = completeAt('@ TXT "v=spf1 include:_spf.google.com include:_s|"');
    assert.ok(!items.some((i) => i.label === '_spf.google.com'));
    assert.equal(replaced(items[0]), '_s');
  });

  it('after a: the names with addresses first; after mx: the names with MX; no providers', () => {
    const a = labels('@ TXT "v=spf1 a:|"');
    assert.deepEqual(a.slice(0, 2), ['mx1.example.com', 'ns1.example.com']);
    assert.ok(!a.includes('_spf.google.com'));
    assert.equal(labels('@ TXT "v=spf1 mx:|"')[0], 'example.com');
  });

  it('after redirect= the SPF names and providers; after exp= the TXT names', () => {
    assert.equal(labels('@ TXT "v=spf1 redirect=|"')[0], '_spf.example.com');
    assert.ok(labels('@ TXT "v=spf1 redirect=|"').includes('_spf.google.com'));
    assert.equal(labels('@ TXT "v=spf1 -all exp=|"')[0], 'why.example.com');
  });

  it('inside %{ the macro letters allowed in a term', () => {
    const { items } = completeAt('@ TXT "v=spf1 exists:%{|"');
    assert.deepEqual(items.map((i) => i.label), ['s', 'l', 'o', 'd', 'i', 'p', 'v', 'h']);
    assert.equal(items[4].insertText, 'i}');
    assert.equal(items[4].detail, 'the client address');
  });

  it('nothing is invented after ip4:, ip6: or a cidr length', () => {
    assert.deepEqual(labels('@ TXT "v=spf1 ip4:|"'), []);
    assert.deepEqual(labels('@ TXT "v=spf1 ip6:2001:db8::|"'), []);
    assert.deepEqual(labels('@ TXT "v=spf1 a:mx1.example.com/|"'), []);
  });
});

describe('SPF completion: a zone with many names', () => {
  // 150 names with an SPF record and 150 with only an address: more than one answer offers.
  const many = Array.from({ length: 150 }, (_, i) => `host${String(i).padStart(3, '0')} IN TXT "v=spf1 -all"\nweb${String(i).padStart(3, '0')} IN A 192.0.2.1\n`).join('');

  function listAt(line: string) {
    const { text, offset } = withCursor(`${ZONE}${many}${line}\n`);
    return completeList(analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }), offset);
  }

  it(`offers at most ${MAX_NAME_ITEMS} names, those with an SPF record first, and says the list is incomplete`, () => {
    const { items, incomplete } = listAt('@ TXT "v=spf1 include:|"');
    const names = items.filter((i) => i.kind === 'reference').map((i) => i.label);
    assert.equal(names.length, MAX_NAME_ITEMS);
    assert.ok(names.every((n) => /^(_spf|host\d+)\.example\.com$/.test(n)), names.join(' '));
    assert.ok(items.some((i) => i.kind === 'module'), 'the providers are still offered');
    assert.equal(incomplete, true);
  });

  it('what is typed narrows the names, and a list that holds them all is complete', () => {
    const { items, incomplete } = listAt('@ TXT "v=spf1 include:host14|"');
    assert.deepEqual(
      items.filter((i) => i.kind === 'reference').map((i) => i.label),
      Array.from({ length: 10 }, (_, i) => `host14${i}.example.com`),
    );
    assert.equal(incomplete, false);
  });

  it('after a: the names with addresses come before the others', () => {
    const { items, incomplete } = listAt('@ TXT "v=spf1 a:|"');
    const names = items.map((i) => i.label);
    assert.equal(names.length, MAX_NAME_ITEMS);
    assert.ok(names.slice(0, 3).every((n) => /^(mx1|ns1|web\d+)\.example\.com$/.test(n)), names.slice(0, 3).join(' '));
    assert.equal(incomplete, true);
  });
});
