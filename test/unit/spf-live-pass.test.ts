/**
 * The SPF live pass with an in-memory resolver: the tree rules see the
 * fuller trees while the pass runs them on the analysis's own view, and
 * the view keeps its trees of the zone's own names afterwards, for hover,
 * lenses and the next synchronous analysis.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryResolver, type MemoryEntry } from '../../server/src/core/dns/memoryResolver';
import { resolveSpfTrees } from '../../server/src/core/records/spf/liveCheck';
import { parsedSpf, treeOf, type SpfTarget } from '../../server/src/core/records/spf/rules/common';
import { analyzeDocument } from '../../server/src/core/service';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@            IN SOA ns1 hostmaster 1 7200 3600 1209600 3600
             IN NS  ns1
ns1          IN A   192.0.2.1
@            IN TXT "v=spf1 include:_spf.provider.example -all"
`;

/** The provider's record asks ten more lookups: eleven in all, one too many (RFC 7208 §4.6.4). */
const HOSTS = Array.from({ length: 10 }, (_, i) => `h${i}.provider.example`);
const DNS: [string, MemoryEntry[]][] = [
  ['_spf.provider.example', [{ type: 'TXT', value: [`v=spf1 ${HOSTS.map((h) => `a:${h}`).join(' ')} -all`] }]],
  ...HOSTS.map((h): [string, MemoryEntry[]] => [h, [{ type: 'A', value: '192.0.2.25' }]]),
];

const settings = { dmarcStandard: 'rfc9989' as const, severities: {} };

describe('SPF live pass', () => {
  it('counts the whole tree live and leaves the view with the trees of its own names', async () => {
    const { view } = analyzeDocument({ text: ZONE, origin: 'example.com.' }, settings);
    const [record] = view.ofKind('spf');
    const target: SpfTarget = { record, txt: record.txt!, parsed: parsedSpf(view, record), zone: view };
    const before = treeOf(target);
    assert.equal(before.children[0].result, 'unresolved', 'offline, the include outside the zone is not followed');

    const live = await resolveSpfTrees(view, new MemoryResolver(DNS));
    assert.equal(live.cancelled, false);
    assert.equal(live.trees.get(record)?.count, 11);
    assert.deepEqual(
      live.findings.map((f) => f.rule),
      ['spf-lookup-limit'],
    );

    // The view was lent to the rules, not changed: the same tree as before, and a tree rule run now sees it.
    assert.equal(treeOf(target), before);
    assert.equal(treeOf(target).count, 1);
  });
});
