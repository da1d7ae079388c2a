/**
 * "Flatten this include": the networks an include authorizes, read through a
 * resolver, written in place of the include with the entry as it was kept
 * in a comment. Tested over an in-memory resolver by applying the edits and
 * comparing the whole text.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryResolver, type MemoryEntry } from '../../server/src/core/dns/memoryResolver';
import { flattenDomain, flattenEdits, includeAt } from '../../server/src/core/features/flatten';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from '../support/edits';
import { withCursor } from '../support/fixture';

const txt = (value: string): MemoryEntry => ({ type: 'TXT', value: [value] });

const DNS = new MemoryResolver([
  ['_spf.provider.example', [txt('v=spf1 ip4:192.0.2.0/24 include:_v6.provider.example a:relay.provider.example/28 mx ~all')]],
  ['_v6.provider.example', [txt('v=spf1 ip6:2001:DB8:0:0::/48 ?all')]],
  ['relay.provider.example', [{ type: 'A', value: '198.51.100.77' }, { type: 'AAAA', value: '2001:db8:99::1' }]],
  ['_spf.provider.example', [{ type: 'MX', value: { preference: 10, exchange: 'mx.provider.example.' } }]],
  ['mx.provider.example', [{ type: 'A', value: '203.0.113.5' }]],
  ['redirected.example', [txt('v=spf1 redirect=_spf.provider.example')]],
  ['plusall.example', [txt('v=spf1 ip4:192.0.2.1 +all')]],
  ['exists.example', [txt('v=spf1 exists:%{i}.rbl.example -all')]],
  ['shadow.example', [txt('v=spf1 -ip4:192.0.2.1 ip4:192.0.2.0/24 -all')]],
  ['tail.example', [txt('v=spf1 ip4:192.0.2.0/24 ~ip4:198.51.100.0/24 -all')]],
  ['loop-a.example', [txt('v=spf1 include:loop-b.example -all')]],
  ['loop-b.example', [txt('v=spf1 include:loop-a.example -all')]],
  ['nothing.example', [txt('v=spf1 -all')]],
  ['slow.example', [{ type: 'TIMEOUT' }]],
]);

describe('flattenDomain', () => {
  it('collects the networks of ip4, ip6, a and mx terms and nested includes, in evaluation order', async () => {
    const flat = await flattenDomain('_spf.provider.example', DNS);
    assert.ok(!('error' in flat), JSON.stringify(flat));
    assert.deepEqual(flat.networks, ['ip4:192.0.2.0/24', 'ip6:2001:db8::/48', 'ip4:198.51.100.64/28', 'ip6:2001:db8:99::1', 'ip4:203.0.113.5']);
  });

  it('follows a redirect when the record has no all', async () => {
    const flat = await flattenDomain('redirected.example.', DNS);
    assert.ok(!('error' in flat));
    assert.equal(flat.networks.length, 5);
  });

  it('allows other results after the last passing term, and an empty pass set', async () => {
    assert.deepEqual((await flattenDomain('tail.example', DNS) as { networks: readonly string[] }).networks, ['ip4:192.0.2.0/24']);
    assert.deepEqual((await flattenDomain('nothing.example', DNS) as { networks: readonly string[] }).networks, []);
  });

  it('refuses what no list of networks can say, with the reason', async () => {
    const reason = async (domain: string): Promise<string> => ((await flattenDomain(domain, DNS)) as { error: string }).error;
    assert.match(await reason('plusall.example'), /\+all/);
    assert.match(await reason('exists.example'), /macros/);
    assert.match(await reason('shadow.example'), /'-ip4:192\.0\.2\.1' before 'ip4:192\.0\.2\.0\/24'/);
    assert.match(await reason('loop-a.example'), /loop back to loop-a\.example/);
    assert.match(await reason('missing.example'), /has no SPF record/);
    assert.match(await reason('slow.example'), /TXT lookup for slow\.example failed/);
  });
});

describe('flatten edits', () => {
  const ZONE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
  IN NS ns1
ns1 IN A 192.0.2.53
; the main policy
@ IN TXT "v=spf1 mx ~include:_spf.provider.example -all"
www IN A 192.0.2.80
`;

  it('replaces the include by its networks with its qualifier, and keeps the entry as it was in a comment', async () => {
    const { text, offset } = withCursor(ZONE.replace('~include:_spf', '~include:_s|pf'));
    const analysis = analyzeDocument({ text }, { dmarcStandard: 'rfc9989' });
    const at = includeAt(analysis, offset);
    assert.ok(at);
    assert.equal(at.target, '_spf.provider.example.');
    const flat = await flattenDomain(at.target, DNS);
    assert.ok(!('error' in flat));
    const edits = flattenEdits(analysis, at, flat.networks.slice(0, 2), '2026-11-28');
    assert.ok(Array.isArray(edits));
    assert.equal(
      applyEdits(text, edits),
      ZONE.replace(
        '@ IN TXT "v=spf1 mx ~include:_spf.provider.example -all"\n',
        '; 2026-11-28: include:_spf.provider.example flattened into the addresses it authorized that day.\n' +
          '; They go stale when _spf.provider.example changes its servers; re-flatten or restore the entry as it was:\n' +
          '; @ IN TXT "v=spf1 mx ~include:_spf.provider.example -all"\n' +
          '@ IN TXT "v=spf1 mx ~ip4:192.0.2.0/24 ~ip6:2001:db8::/48 -all"\n',
      ),
    );
  });

  it('removes an include that authorizes nothing, and comments out every line of a multi-line entry', () => {
    const text = ZONE.replace('@ IN TXT "v=spf1 mx ~include:_spf.provider.example -all"', '@ IN TXT ( "v=spf1 mx include:nothing.example"\n           " -all" )');
    const analysis = analyzeDocument({ text }, { dmarcStandard: 'rfc9989' });
    const at = includeAt(analysis, text.indexOf('include:nothing'));
    assert.ok(at);
    const edits = flattenEdits(analysis, at, [], '2026-11-28');
    assert.ok(Array.isArray(edits));
    const after = applyEdits(text, edits);
    assert.ok(after.includes('; @ IN TXT ( "v=spf1 mx include:nothing.example"\n;            " -all" )\n@ IN TXT ( "v=spf1 mx"\n           " -all" )\n'), after);
  });

  it('finds an include only under the cursor of an SPF record', () => {
    const analysis = analyzeDocument({ text: ZONE }, { dmarcStandard: 'rfc9989' });
    assert.equal(includeAt(analysis, ZONE.indexOf('mx ~include')), undefined);
    assert.equal(includeAt(analysis, ZONE.indexOf('192.0.2.80')), undefined);
  });
});
