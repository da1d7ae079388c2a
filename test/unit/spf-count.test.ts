/**
 * The lookup tree and its counts, hand-checked case by case against RFC 7208
 * §4.6.4: every include/a/mx/ptr/exists/redirect costs 1 over the whole
 * recursion; all/ip4/ip6/exp cost nothing; redirect counts only without
 * `all`; terms after `all` are never evaluated; macro targets count 1;
 * targets outside the zone count 1 and are not followed. Each case states
 * its arithmetic.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZoneView } from '../../server/src/core/model/zoneView';
import { parseSpf } from '../../server/src/core/records/spf/parse';
import {
  buildTree,
  buildTreeAsync,
  lookupCrossing,
  treeNodes,
  voidCrossing,
  type LookupNode,
  type LookupRequest,
  type LookupResponse,
  type SpfTree,
} from '../../server/src/core/records/spf/tree';
import { zoneLookup } from '../../server/src/core/records/spf/zoneLookup';
import { parseZone } from '../../server/src/core/zone/parser';

const HEAD = `$ORIGIN example.com.
$TTL 3600
@       IN SOA  ns1 hostmaster 1 7200 3600 1209600 3600
        IN NS   ns1
ns1     IN A    192.0.2.53
`;

function view(body: string): ZoneView {
  const zone = parseZone(HEAD + body, { origin: 'example.com.' });
  assert.deepEqual(zone.problems, [], 'the test zone parses');
  return new ZoneView(zone);
}

/** The tree of the SPF record at `owner` (relative to example.com). */
function treeAt(body: string, owner = '@'): SpfTree {
  const v = view(body);
  const name = owner === '@' ? 'example.com.' : `${owner}.example.com.`;
  const record = v.recordsAt(name, 'TXT').find((r) => r.txt!.text.startsWith('v=spf1'));
  assert.ok(record, `an SPF record at ${name}`);
  return buildTree(name, parseSpf(record.txt!.text), zoneLookup(v));
}

function nodes(tree: SpfTree): LookupNode[] {
  return [...treeNodes(tree.children)].map((path) => path[path.length - 1]);
}

/** `term → result` for every node, in evaluation order. */
function shape(tree: SpfTree): string[] {
  return nodes(tree).map((n) => `${n.term.raw} → ${n.result}${n.counted ? '' : ' (not counted)'}`);
}

describe('spf lookup counts', () => {
  it('1. counts a, mx, ptr, exists, include and not all, ip4, ip6', () => {
    // a + mx + ptr + exists + include = 5.
    const t = treeAt(`@ IN A 192.0.2.1\n@ IN MX 10 mx\nmx IN A 192.0.2.2\n@ IN TXT "v=spf1 a mx ptr exists:x.example.net include:y.example.net ip4:192.0.2.1 ip6:2001:db8::1 all"\n`);
    assert.equal(t.count, 5);
    assert.equal(t.voids, 0);
    assert.deepEqual(shape(t), ['a → record', 'mx → record', 'ptr → unresolved', 'exists:x.example.net → unresolved', 'include:y.example.net → unresolved']);
  });

  it('2. exp costs nothing', () => {
    // mx = 1; exp is fetched only after a fail and is not counted.
    const t = treeAt(`@ IN MX 10 mx\nmx IN A 192.0.2.2\n@ IN TXT "v=spf1 mx -all exp=explain.example.com"\n`);
    assert.equal(t.count, 1);
  });

  it('3. follows in-zone includes three levels deep', () => {
    // include:_a (1) + _a: a, mx, include:_b (3) + _b: a:h1, a:h2, include:_c (3) + _c: mx (1) = 8.
    const t = treeAt(
      [
        '@   IN A  192.0.2.1',
        '@   IN MX 10 h1',
        'h1  IN A  192.0.2.11',
        'h2  IN A  192.0.2.12',
        '@   IN TXT "v=spf1 include:_a.example.com -all"',
        '_a  IN TXT "v=spf1 a:h1.example.com mx include:_b.example.com"',
        '_b  IN TXT "v=spf1 a:h1.example.com a:h2.example.com include:_c.example.com"',
        '_c  IN TXT "v=spf1 mx:example.com"',
        '',
      ].join('\n'),
    );
    assert.equal(t.count, 8);
    assert.equal(t.children[0].count, 8);
    assert.equal(t.children[0].children[2].count, 5, 'include:_b (1) + a:h1, a:h2 (2) + include:_c (1) + mx (1)');
  });

  it('4. counts redirect and its target when there is no all', () => {
    // a (1) + redirect (1) + _r: mx, a (2) = 4. The bare mx in _r's record asks _r.example.com, not
    // example.com: redirect makes the target the new <domain> (RFC 7208 §6.1), and _r has no MX.
    const t = treeAt(`@ IN A 192.0.2.1\n@ IN MX 10 @\n@ IN TXT "v=spf1 a redirect=_r.example.com"\n_r IN TXT "v=spf1 mx a:example.com -all"\n`);
    assert.equal(t.count, 4);
    assert.equal(t.voids, 1);
    assert.deepEqual(shape(t), ['a → record', 'redirect=_r.example.com → record', 'mx → void', 'a:example.com → record']);
  });

  it('5. does not count or follow redirect beside all', () => {
    // a (1); the redirect is never used (RFC 7208 §6.1).
    const t = treeAt(`@ IN A 192.0.2.1\n@ IN TXT "v=spf1 a -all redirect=_r.example.com"\n_r IN TXT "v=spf1 mx a mx a -all"\n`);
    assert.equal(t.count, 1);
    assert.deepEqual(shape(t), ['a → record', 'redirect=_r.example.com → ignored (not counted)']);
  });

  it('6. does not count terms after all', () => {
    // a (1); mx and the include come after -all and are never evaluated.
    const t = treeAt(`@ IN A 192.0.2.1\n@ IN TXT "v=spf1 a -all mx include:x.example.net"\n`);
    assert.equal(t.count, 1);
    assert.deepEqual(shape(t), ['a → record', 'mx → ignored (not counted)', 'include:x.example.net → ignored (not counted)']);
  });

  it('7. counts an include outside the zone once and does not follow it', () => {
    // 2 includes of provider names: 1 each, their own terms unknown.
    const t = treeAt(`@ IN TXT "v=spf1 include:_spf.google.com include:spf.protection.outlook.com ~all"\n`);
    assert.equal(t.count, 2);
    assert.equal(t.voids, 0, 'names outside the zone are never void');
    assert.ok(t.children.every((n) => n.result === 'unresolved' && n.children.length === 0));
  });

  it('8. counts macro targets once and marks them unresolvable', () => {
    // exists + include + a, each with macros = 3.
    const t = treeAt(`@ IN TXT "v=spf1 exists:%{i}._spf.%{d} include:%{d2}._inc.example.com a:%{h} -all"\n`);
    assert.equal(t.count, 3);
    assert.ok(t.children.every((n) => n.macro && n.result === 'unresolved' && n.target === undefined));
  });

  it('9. an mx target with 12 hosts costs 1 lookup and reports its hosts', () => {
    const mx = Array.from({ length: 12 }, (_, i) => `@ IN MX ${i} mx${i}\n`).join('');
    const t = treeAt(`${mx}@ IN TXT "v=spf1 mx -all"\n`);
    assert.equal(t.count, 1);
    assert.equal(t.children[0].mxHosts, 12);
  });

  it('10. counts void lookups through an include', () => {
    // Lookups: 4 own terms + include (1) + a:g5 (1) = 6. Voids: g1, g2 (no address), g3 (no MX), g4 (no A), g5 = 5.
    const t = treeAt(
      [
        '@   IN TXT "v=spf1 a:g1.example.com a:g2.example.com mx:g3.example.com exists:g4.example.com include:_v.example.com -all"',
        '_v  IN TXT "v=spf1 a:g5.example.com"',
        '',
      ].join('\n'),
    );
    assert.equal(t.count, 6);
    assert.equal(t.voids, 5);
    const crossing = voidCrossing(t)!;
    assert.equal(crossing[crossing.length - 1].term.raw, 'mx:g3.example.com', 'the third void');
  });

  it('11. an include of an in-zone name with nothing there is none and void', () => {
    const t = treeAt(`@ IN TXT "v=spf1 include:_none.example.com include:_txt.example.com -all"\n_txt IN TXT "some verification token"\n`);
    assert.equal(t.count, 2);
    assert.equal(t.voids, 1, 'only the name without any TXT record is a void lookup');
    assert.deepEqual(shape(t), ['include:_none.example.com → none', 'include:_txt.example.com → none']);
  });

  it('12. stops at an include loop', () => {
    // include:_a (1) + _a: include:_b (1) + _b: include:_a (1, the loop) = 3.
    const t = treeAt(`@ IN TXT "v=spf1 include:_a.example.com -all"\n_a IN TXT "v=spf1 include:_b.example.com"\n_b IN TXT "v=spf1 include:_a.example.com"\n`);
    assert.equal(t.count, 3);
    const loop = nodes(t).find((n) => n.result === 'loop')!;
    assert.equal(loop.message, 'loop: example.com → _a.example.com → _b.example.com → _a.example.com');
  });

  it('13. stops at a redirect to itself', () => {
    // mx (1) + redirect (1, back to the record being evaluated) = 2.
    const t = treeAt(`@ IN MX 10 @\n@ IN A 192.0.2.1\n@ IN TXT "v=spf1 mx redirect=example.com"\n`);
    assert.equal(t.count, 2);
    assert.equal(t.children[1].result, 'loop');
  });

  it('14. counts a record reached twice along two paths twice, without calling it a loop', () => {
    // include:_a (1) + _a: include:_c (1) + _c: a, mx (2) + the same through _b (4) = 8.
    const t = treeAt(
      [
        '@   IN A  192.0.2.1',
        '@   IN MX 10 @',
        '@   IN TXT "v=spf1 include:_a.example.com include:_b.example.com -all"',
        '_a  IN TXT "v=spf1 include:_c.example.com"',
        '_b  IN TXT "v=spf1 include:_c.example.com"',
        '_c  IN TXT "v=spf1 a:example.com mx:example.com"',
        '',
      ].join('\n'),
    );
    assert.equal(t.count, 8);
    assert.ok(!nodes(t).some((n) => n.result === 'loop'));
  });

  it('15. names the term where the count passes 10', () => {
    // a (1), mx (2), include:_big (3), then _big: a:h1 .. a:h9 (4 .. 12): the 11th is a:h8.
    const hosts = Array.from({ length: 9 }, (_, i) => `h${i + 1} IN A 192.0.2.${i + 1}\n`).join('');
    const terms = Array.from({ length: 9 }, (_, i) => `a:h${i + 1}.example.com`).join(' ');
    const t = treeAt(`${hosts}@ IN A 192.0.2.100\n@ IN MX 10 h1\n@ IN TXT "v=spf1 a mx include:_big.example.com -all"\n_big IN TXT "v=spf1 ${terms}"\n`);
    assert.equal(t.count, 12);
    const path = lookupCrossing(t)!;
    assert.deepEqual(
      path.map((n) => n.term.raw),
      ['include:_big.example.com', 'a:h8.example.com'],
    );
  });

  it('16. does not look below a delegation', () => {
    // The include target is in a delegated child zone: counted, unresolved, never "none".
    const t = treeAt(`sub IN NS ns1.example.net.\n@ IN TXT "v=spf1 include:_spf.sub.example.com -all"\n`);
    assert.equal(t.count, 1);
    assert.equal(t.children[0].result, 'unresolved');
  });

  it('17. follows a CNAME inside the zone', () => {
    // include:_alias (1) → CNAME _real, whose record has a:h1 (1) = 2.
    const t = treeAt(`h1 IN A 192.0.2.1\n_alias IN CNAME _real\n_real IN TXT "v=spf1 a:h1.example.com"\n@ IN TXT "v=spf1 include:_alias.example.com -all"\n`);
    assert.equal(t.count, 2);
    assert.equal(t.children[0].result, 'record');
  });

  it('18. an include target with two SPF records is an error and is not followed', () => {
    const t = treeAt(`_two IN TXT "v=spf1 a mx -all"\n_two IN TXT "v=spf1 ptr -all"\n@ IN TXT "v=spf1 include:_two.example.com -all"\n`);
    assert.equal(t.count, 1);
    assert.equal(t.children[0].result, 'error');
    assert.match(t.children[0].message!, /2 SPF records/);
  });

  it('19. a name with only AAAA records is not a void a lookup', () => {
    const t = treeAt(`v6 IN AAAA 2001:db8::1\n@ IN TXT "v=spf1 a:v6.example.com a:none.example.com -all"\n`);
    assert.equal(t.count, 2);
    assert.equal(t.voids, 1);
    assert.deepEqual(shape(t), ['a:v6.example.com → record', 'a:none.example.com → void']);
  });

  it('20. a term with a syntax error still counts once', () => {
    // a:192.0.2.1 is a syntax error (numeric toplabel) but a DNS-querying term: 1 + mx (1) = 2.
    const t = treeAt(`@ IN MX 10 @\n@ IN TXT "v=spf1 a:192.0.2.1 mx -all"\n`);
    assert.equal(t.count, 2);
    assert.equal(t.children[0].result, 'error');
  });
});

describe('spf lookup tree: the walk takes any lookup function', () => {
  const record = parseSpf('v=spf1 a mx:mail.example.org exists:%{i}.x.example.org include:_spf.example.org -all');
  const table: Record<string, LookupResponse> = {
    'A example.org.': { status: 'answer', answers: ['192.0.2.1'] },
    'AAAA example.org.': { status: 'answer', answers: [] },
    'MX mail.example.org.': { status: 'timeout', message: 'timed out' },
    'TXT _spf.example.org.': { status: 'answer', answers: [['v=spf1 ', 'a:b.example.org ~all']] },
    'A b.example.org.': { status: 'answer', answers: [] },
    'AAAA b.example.org.': { status: 'answer', answers: [] },
  };
  const answer = (name: string, type: string): LookupResponse => table[`${type} ${name}`] ?? { status: 'unavailable', message: 'not in the table' };

  it('asks exactly the questions the RFC says, in evaluation order', () => {
    const asked: LookupRequest[] = [];
    const tree = buildTree('Example.ORG', record, ((name: string, type: LookupRequest['type']) => {
      asked.push({ name, type });
      return answer(name, type);
    }) as never);
    assert.deepEqual(
      asked.map((q) => `${q.type} ${q.name}`),
      ['A example.org.', 'AAAA example.org.', 'MX mail.example.org.', 'TXT _spf.example.org.', 'A b.example.org.', 'AAAA b.example.org.'],
    );
    // a, mx, exists, include, and a:b inside it = 5; b has no address: 1 void.
    assert.equal(tree.count, 5);
    assert.equal(tree.voids, 1);
    assert.deepEqual(shape(tree), ['a → record', 'mx:mail.example.org → error', 'exists:%{i}.x.example.org → unresolved', 'include:_spf.example.org → record', 'a:b.example.org → void']);
  });

  it('builds the same tree from an asynchronous resolver', async () => {
    const sync = buildTree('example.org', record, answer as never);
    const async = await buildTreeAsync('example.org', record, ((name: string, type: string) => Promise.resolve(answer(name, type))) as never);
    assert.deepEqual(async, sync);
  });
});
