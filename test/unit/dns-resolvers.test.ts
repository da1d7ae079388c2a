/**
 * The core's resolvers: zone-backed (authority, NXDOMAIN vs. NODATA,
 * delegations, CNAMEs, wildcards, `$INCLUDE`d records, precedence), the
 * in-memory table with its timeout convention, the session cache and the
 * query budget.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BudgetedResolver } from '../../server/src/core/dns/budget';
import { CachingResolver } from '../../server/src/core/dns/cache';
import { MemoryResolver } from '../../server/src/core/dns/memoryResolver';
import {
  failure,
  nxdomainResolver,
  offlineResolver,
  type DnsResponse,
  type RRType,
  type Resolver,
} from '../../server/src/core/dns/resolver';
import { zonedataEntries } from '../support/zonedata';
import { ZoneResolver } from '../../server/src/core/dns/zoneResolver';
import type { FileReader } from '../../server/src/core/io';
import { parseZone } from '../../server/src/core/zone/parser';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@        IN SOA ns1 hostmaster 1 7200 900 1209600 300
@        IN NS  ns1
@        IN TXT "v=spf1 include:_spf -all"
@        IN MX  10 mail
@        IN MX  20 mail2.example.net.
_spf 600 IN TXT "v=spf1 ip4:192.0.2.0/24" " ~all"
mail     IN A   192.0.2.10
mail     IN AAAA 2001:db8::10
alias    IN CNAME mail
outside  IN CNAME host.example.org.
loop1    IN CNAME loop2
loop2    IN CNAME loop1
a.b.c    IN A   192.0.2.20
*.wild   IN TXT "wildcard"
sub      IN NS  ns.sub
$INCLUDE hosts.inc
`;

const reader: FileReader = {
  resolve: (_from, target) => `/zones/${target}`,
  read: (file) => (file === '/zones/hosts.inc' ? { text: 'inc IN TXT "from the include"\n' } : { error: `${file}: no such file` }),
};

/** A resolver that records what it is asked and answers with one fixed A record. */
class Recorder implements Resolver {
  readonly asked: string[] = [];
  async query<T extends RRType>(name: string, type: T): Promise<DnsResponse<T>> {
    this.asked.push(`${type} ${name}`);
    return { status: 'answer', rcode: 'NOERROR', answers: (type === 'A' ? ['198.51.100.1'] : []) as never, ttl: 60, source: { kind: 'live' } };
  }
}

function zoneResolver(fallback: Resolver = nxdomainResolver): ZoneResolver {
  return new ZoneResolver([{ zone: parseZone(ZONE, { file: '/zones/db.example.com', reader }) }], fallback);
}

describe('ZoneResolver', () => {
  it('answers records of the zone with their TTL and source records', async () => {
    const r = await zoneResolver().query('_SPF.example.com', 'TXT');
    assert.equal(r.status, 'answer');
    if (r.status !== 'answer') return;
    assert.deepEqual(r.answers, [['v=spf1 ip4:192.0.2.0/24', ' ~all']]);
    assert.equal(r.ttl, 600);
    assert.equal(r.source?.kind, 'zone');
    assert.equal(r.source?.kind === 'zone' && r.source.records[0].owner, '_spf.example.com.');
  });

  it('gives MX answers with preference and absolute exchange', async () => {
    const r = await zoneResolver().query('example.com.', 'MX');
    assert.deepEqual(r.status === 'answer' && r.answers, [
      { preference: 10, exchange: 'mail.example.com.' },
      { preference: 20, exchange: 'mail2.example.net.' },
    ]);
  });

  it('tells NODATA, empty non-terminals and NXDOMAIN apart, with the SOA negative TTL', async () => {
    const nodata = await zoneResolver().query('mail.example.com', 'TXT');
    assert.deepEqual(nodata.status === 'answer' && [nodata.rcode, nodata.answers.length, nodata.ttl], ['NOERROR', 0, 300]);
    const ent = await zoneResolver().query('b.c.example.com', 'A');
    assert.deepEqual(ent.status === 'answer' && [ent.rcode, ent.answers.length], ['NOERROR', 0]);
    const nx = await zoneResolver().query('nothing.example.com', 'A');
    assert.deepEqual(nx.status === 'answer' && [nx.rcode, nx.answers.length], ['NXDOMAIN', 0]);
  });

  it('reads records from $INCLUDEd files', async () => {
    const r = await zoneResolver().query('inc.example.com', 'TXT');
    assert.deepEqual(r.status === 'answer' && r.answers, [['from the include']]);
  });

  it('follows CNAMEs inside the zone and out of it, and reports loops as SERVFAIL', async () => {
    const inZone = await zoneResolver().query('alias.example.com', 'A');
    assert.deepEqual(inZone.status === 'answer' && [inZone.answers, inZone.aliases], [['192.0.2.10'], ['alias.example.com.']]);
    const recorder = new Recorder();
    const out = await zoneResolver(recorder).query('outside.example.com', 'A');
    assert.deepEqual(out.status === 'answer' && out.answers, ['198.51.100.1']);
    assert.deepEqual(recorder.asked, ['A host.example.org.']);
    const loop = await zoneResolver().query('loop1.example.com', 'TXT');
    assert.deepEqual([loop.status, loop.status !== 'answer' && loop.code], ['error', 'SERVFAIL']);
  });

  it('synthesises wildcard answers only where no name exists', async () => {
    const r = await zoneResolver().query('anything.wild.example.com', 'TXT');
    assert.deepEqual(r.status === 'answer' && r.answers, [['wildcard']]);
    const none = await zoneResolver().query('x.nowild.example.com', 'TXT');
    assert.equal(none.status === 'answer' && none.rcode, 'NXDOMAIN');
  });

  it('passes names outside the zone and below a delegation to the fallback', async () => {
    const recorder = new Recorder();
    const resolver = zoneResolver(recorder);
    await resolver.query('example.org', 'TXT');
    await resolver.query('www.sub.example.com', 'A');
    assert.deepEqual(recorder.asked, ['TXT example.org.', 'A www.sub.example.com.']);
    assert.equal(resolver.answersFor('mail.example.com'), true);
    assert.equal(resolver.answersFor('sub.example.com'), false);
    const offline = await zoneResolver(offlineResolver).query('example.org', 'TXT');
    assert.equal(offline.status, 'unavailable');
  });

  it('a list of records without SOA vouches only for its owner names', async () => {
    const list = parseZone('partner.example. 300 IN TXT "v=spf1 -all"\n', {});
    const recorder = new Recorder();
    const resolver = new ZoneResolver([{ zone: list, file: 'list.txt' }], recorder);
    const own = await resolver.query('partner.example', 'A');
    assert.deepEqual(own.status === 'answer' && [own.rcode, own.answers.length], ['NOERROR', 0]);
    await resolver.query('www.partner.example', 'A');
    assert.deepEqual(recorder.asked, ['A www.partner.example.']);
    const txt = await resolver.query('partner.example', 'TXT');
    assert.equal(txt.status === 'answer' && txt.source?.kind === 'zone' && txt.source.file, 'list.txt');
  });

  it('the most specific zone answers; equal ones in order of precedence', async () => {
    const parent = parseZone('$ORIGIN example.net.\n@ SOA ns h 1 1 1 1 1\nwww.child TXT "parent copy"\n', {});
    const child = parseZone('$ORIGIN child.example.net.\n@ SOA ns h 1 1 1 1 1\nwww TXT "child"\n', {});
    const stale = parseZone('$ORIGIN child.example.net.\n@ SOA ns h 1 1 1 1 1\nwww TXT "saved copy"\n', {});
    const resolver = new ZoneResolver([{ zone: parent }, { zone: child }, { zone: stale }], nxdomainResolver);
    const r = await resolver.query('www.child.example.net', 'TXT');
    assert.deepEqual(r.status === 'answer' && r.answers, [['child']]);
  });
});

describe('MemoryResolver and zonedata', () => {
  it('serves SPF entries as TXT unless the name lists TXT, and honours TIMEOUT', async () => {
    const resolver = new MemoryResolver(
      zonedataEntries({
        'copy.example': [{ SPF: 'v=spf1 -all' }, { A: '192.0.2.1' }],
        'spfonly.example': [{ SPF: 'v=spf1 -all' }, { TXT: 'NONE' }],
        'txtfirst.example': [{ TXT: 'v=spf1 -all' }, 'TIMEOUT'],
        'null.example': [{ MX: [0, ''] }],
      }),
    );
    assert.deepEqual((await resolver.query('copy.example', 'TXT')).status === 'answer', true);
    const only = await resolver.query('spfonly.example', 'TXT');
    assert.deepEqual(only.status === 'answer' && [only.rcode, only.answers.length], ['NOERROR', 0]);
    const txt = await resolver.query('txtfirst.example', 'TXT');
    assert.deepEqual(txt.status === 'answer' && txt.answers, [['v=spf1 -all']]);
    assert.equal((await resolver.query('txtfirst.example', 'A')).status, 'timeout');
    const mx = await resolver.query('null.example', 'MX');
    assert.deepEqual(mx.status === 'answer' && mx.answers, [{ preference: 0, exchange: '.' }]);
    const nx = await resolver.query('absent.example', 'A');
    assert.equal(nx.status === 'answer' && nx.rcode, 'NXDOMAIN');
  });
});

/** A resolver whose answers the test releases by hand, to observe concurrency and cancellation. */
class Gate implements Resolver {
  readonly asked: string[] = [];
  readonly cancelled: string[] = [];
  private readonly pending: Array<() => void> = [];
  query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>> {
    this.asked.push(`${type} ${name}`);
    return new Promise((resolve) => {
      signal?.addEventListener('abort', () => {
        this.cancelled.push(`${type} ${name}`);
        resolve(failure('cancelled', 'cancelled'));
      });
      this.pending.push(() => resolve({ status: 'answer', rcode: 'NOERROR', answers: ['192.0.2.1'] as never, ttl: 60 }));
    });
  }
  release(): void {
    for (const f of this.pending.splice(0)) f();
  }
}

describe('CachingResolver', () => {
  it('answers from the cache until the TTL runs out', async () => {
    let now = 1_000_000;
    const memory = new MemoryResolver([['a.example', [{ type: 'A', value: '192.0.2.1' }]]], { ttl: 60 });
    let asked = 0;
    const counting: Resolver = { query: (n, t, s) => (asked++, memory.query(n, t, s)) };
    const cache = new CachingResolver(counting, { clock: () => now });
    await cache.query('a.example', 'A');
    await cache.query('A.EXAMPLE.', 'A');
    assert.equal(asked, 1);
    now += 59_000;
    await cache.query('a.example', 'A');
    assert.equal(asked, 1);
    now += 2_000;
    await cache.query('a.example', 'A');
    assert.equal(asked, 2);
    assert.deepEqual(cache.stats, { hits: 2, misses: 2 });
  });

  it('shares one query among concurrent askers', async () => {
    const gate = new Gate();
    const cache = new CachingResolver(gate);
    const both = Promise.all([cache.query('x.example', 'A'), cache.query('x.example', 'A')]);
    gate.release();
    const [a, b] = await both;
    assert.deepEqual(gate.asked, ['A x.example']);
    assert.deepEqual([a.status, b.status], ['answer', 'answer']);
  });

  it('cancels the shared query only when every asker has given up', async () => {
    const gate = new Gate();
    const cache = new CachingResolver(gate);
    const first = new AbortController();
    const second = new AbortController();
    const p1 = cache.query('y.example', 'A', first.signal);
    const p2 = cache.query('y.example', 'A', second.signal);
    first.abort();
    assert.equal((await p1).status, 'cancelled');
    assert.deepEqual(gate.cancelled, []);
    second.abort();
    assert.equal((await p2).status, 'cancelled');
    assert.deepEqual(gate.cancelled, ['A y.example']);
    // A cancelled question is not remembered: the next one is asked afresh.
    const p3 = cache.query('y.example', 'A');
    gate.release();
    assert.equal((await p3).status, 'answer');
    assert.equal(gate.asked.length, 2);
  });

  it('reports an expired deadline as a timeout', async () => {
    const gate = new Gate();
    const cache = new CachingResolver(gate);
    const controller = new AbortController();
    const p = cache.query('z.example', 'A', controller.signal);
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    const r = await p;
    assert.deepEqual([r.status, r.status !== 'answer' && r.code], ['timeout', 'DEADLINE']);
  });

  it('remembers timeouts briefly so a dead server is not asked on every keystroke', async () => {
    let now = 0;
    let asked = 0;
    const dead: Resolver = { query: async () => (asked++, failure('timeout', 'no answer', 'ETIMEOUT')) };
    const cache = new CachingResolver(dead, { clock: () => now, failureTtl: 30 });
    await cache.query('d.example', 'TXT');
    await cache.query('d.example', 'TXT');
    assert.equal(asked, 1);
    now += 31_000;
    await cache.query('d.example', 'TXT');
    assert.equal(asked, 2);
  });
});

describe('BudgetedResolver', () => {
  it('stops asking past its limit', async () => {
    const recorder = new Recorder();
    const budget = new BudgetedResolver(recorder, 2);
    await budget.query('a.example', 'A');
    await budget.query('b.example', 'A');
    const third = await budget.query('c.example', 'A');
    assert.deepEqual([third.status, third.status !== 'answer' && third.code, budget.used, budget.exhausted], ['error', 'BUDGET', 2, true]);
    assert.equal(recorder.asked.length, 2);
  });
});
