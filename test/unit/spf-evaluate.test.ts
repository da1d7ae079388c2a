/**
 * check_host() beyond the conformance suite: evaluation over a zone file
 * (the matched term points at its record), the trace, explanations, the
 * deadline, and MX host lookups asked concurrently.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryResolver } from '../../server/src/core/dns/memoryResolver';
import { nxdomainResolver, type DnsResponse, type RRType, type Resolver } from '../../server/src/core/dns/resolver';
import { ZoneResolver } from '../../server/src/core/dns/zoneResolver';
import { checkHost } from '../../server/src/core/records/spf/evaluate';
import { parseZone } from '../../server/src/core/zone/parser';

const ZONE = `$ORIGIN example.com.
@     300 IN SOA ns1 hostmaster 1 7200 900 1209600 300
@     IN TXT "v=spf1 include:_spf.example.com mx -all exp=why.%{d}"
_spf  IN TXT "v=spf1 ip4:192.0.2.0/24 ~all"
@     IN MX 10 mx1
@     IN MX 20 mx2
mx1   IN A 198.51.100.1
mx2   IN A 198.51.100.2
why   IN TXT "%{i} may not send for %{d}"
`;

function resolver(): ZoneResolver {
  return new ZoneResolver([{ zone: parseZone(ZONE, { file: '/zones/example.com.zone' }), file: '/zones/example.com.zone' }], nxdomainResolver);
}

describe('check_host over a zone', () => {
  it('passes through an include and names the matching term and its record', async () => {
    const r = await checkHost({ ip: '192.0.2.5', sender: 'user@example.com' }, { resolver: resolver() });
    assert.equal(r.result, 'pass');
    assert.equal(r.lookups, 1);
    assert.equal(r.matched?.term, 'include:_spf.example.com');
    assert.equal(r.matched?.domain, 'example.com');
    assert.equal(r.matched?.record.slice(r.matched.start, r.matched.end), 'include:_spf.example.com');
    assert.equal(r.matched?.source?.kind === 'zone' && r.matched.source.records[0].owner, 'example.com.');
    assert.deepEqual(
      r.trace.map((s) => [s.depth, s.domain, s.kind, s.text]),
      [
        [0, 'example.com', 'record', 'v=spf1 include:_spf.example.com mx -all exp=why.%{d}'],
        [0, 'example.com', 'term', 'include:_spf.example.com'],
        [1, '_spf.example.com', 'record', 'v=spf1 ip4:192.0.2.0/24 ~all'],
        [1, '_spf.example.com', 'term', 'ip4:192.0.2.0/24'],
      ],
    );
  });

  it('matches an MX host and counts one lookup for mx', async () => {
    const r = await checkHost({ ip: '198.51.100.2', sender: 'user@example.com' }, { resolver: resolver() });
    assert.deepEqual([r.result, r.matched?.term, r.lookups, r.voids], ['pass', 'mx', 2, 0]);
  });

  it('explains a fail with the exp text, macros expanded', async () => {
    const r = await checkHost({ ip: '203.0.113.9', sender: 'user@example.com' }, { resolver: resolver() });
    assert.deepEqual([r.result, r.matched?.term, r.explanation], ['fail', '-all', '203.0.113.9 may not send for example.com']);
  });

  it('checks the HELO identity for an empty sender', async () => {
    const r = await checkHost({ ip: '192.0.2.5', sender: '', helo: 'example.com' }, { resolver: resolver() });
    assert.deepEqual([r.result, r.sender, r.domain], ['pass', 'postmaster@example.com', 'example.com']);
  });

  it('rejects an address that is not one', async () => {
    const r = await checkHost({ ip: '192.0.2', sender: 'a@example.com' }, { resolver: resolver() });
    assert.equal(r.result, 'permerror');
    assert.match(r.reason ?? '', /not an IPv4 or IPv6 address/);
  });

  it('is temperror when the deadline has passed', async () => {
    const signal = AbortSignal.abort(new DOMException('deadline', 'TimeoutError'));
    const r = await checkHost({ ip: '192.0.2.5', sender: 'user@example.com' }, { resolver: resolver(), signal });
    assert.equal(r.result, 'temperror');
    assert.match(r.reason ?? '', /time allowed/);
  });
});

describe('concurrency', () => {
  it('asks the address lookups of all MX hosts before any answer arrives', async () => {
    const memory = new MemoryResolver([
      ['example.org', [{ type: 'TXT', value: ['v=spf1 mx -all'] }, ...[1, 2, 3].map((n) => ({ type: 'MX' as const, value: { preference: n, exchange: `mx${n}.example.org.` } }))]],
      ...[1, 2, 3].map((n) => [`mx${n}.example.org`, [{ type: 'A' as const, value: `192.0.2.${n}` }]] as const),
    ]);
    const waiting: Array<() => void> = [];
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    // Holds every A answer until three are in flight at once (or releases them when fewer could ever be).
    const gated: Resolver = {
      query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>> {
        asked.push(`${type} ${name}`);
        if (type !== 'A') return memory.query(name, type, signal);
        inFlight++;
        most = Math.max(most, inFlight);
        return new Promise((resolve) => {
          waiting.push(() => {
            inFlight--;
            void memory.query(name, type, signal).then(resolve);
          });
          if (waiting.length === 3) for (const release of waiting.splice(0)) release();
        });
      },
    };
    const r = await checkHost({ ip: '192.0.2.3', sender: 'a@example.org' }, { resolver: gated });
    assert.equal(r.result, 'pass');
    assert.equal(most, 3);
    assert.deepEqual(asked.slice(0, 2), ['TXT example.org', 'MX example.org']);
  });
});
