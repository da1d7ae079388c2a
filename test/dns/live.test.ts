/**
 * Live DNS against Knot on 127.0.0.1: the lookup tree across several zones,
 * void lookups, include of a name without SPF, a server that does not answer
 * and one that is stopped (spf-resolution-failed, informational), the
 * session cache (a second check asks nothing), and check_host through the
 * live resolver.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CachingResolver } from '../../server/src/core/dns/cache';
import type { Finding } from '../../server/src/core/rules/rule';
import { checkHost } from '../../server/src/core/records/spf/evaluate';
import { resolveSpfTrees, mergeLiveFindings } from '../../server/src/core/records/spf/liveCheck';
import { analyzeDocument } from '../../server/src/core/service';
import { LiveResolver } from '../../server/src/node/dnsResolver';
import { startDnsProxy, type DnsProxy } from '../support/dnsProxy';
import { CLIENT_ZONE, SILENT_NAME, closedPort, knotAddress } from './support';

const settings = { dmarcStandard: 'rfc9989' as const };

function analyze() {
  return analyzeDocument({ text: CLIENT_ZONE, file: '/zones/client.test.zone' }, settings);
}

/** The findings of `rule` on the record at `owner`. */
function on(findings: readonly Finding[], rule: string, owner: string): Finding[] {
  const line = CLIENT_ZONE.split('\n').find((l) => l.startsWith(`${owner} `) && l.includes(' TXT '))!;
  const start = CLIENT_ZONE.indexOf(line);
  return findings.filter((f) => f.rule === rule && f.span.start >= start && f.span.end <= start + line.length);
}

describe('live SPF trees against Knot', () => {
  let proxy: DnsProxy;
  let cache: CachingResolver;
  let findings: readonly Finding[];
  let sync: readonly Finding[];

  before(async () => {
    proxy = await startDnsProxy(knotAddress(), (name) => name === SILENT_NAME);
    cache = new CachingResolver(new LiveResolver({ servers: [proxy.address], timeoutMs: 500 }));
    const analysis = analyze();
    sync = analysis.findings;
    const live = await resolveSpfTrees(analysis.view, cache);
    assert.equal(live.cancelled, false);
    findings = live.findings;
  });
  after(() => proxy.close());

  it('without live DNS, names outside the document are neither counted through nor called missing', () => {
    assert.deepEqual(
      sync.filter((f) => ['spf-lookup-limit', 'spf-void-lookup-limit', 'spf-include-none', 'spf-resolution-failed'].includes(f.rule)),
      [],
    );
  });

  it('counts the whole tree across example.test, partner.test and mail.test', () => {
    const [limit] = on(findings, 'spf-lookup-limit', '@');
    assert.ok(limit, JSON.stringify(findings));
    assert.equal(limit.severity, 'error');
    assert.match(limit.message, /^14 DNS lookups, over the limit of 10: the count passes 10 at 'a:relay\.partner\.test' in the record of spf\.partner\.test \(via 'include:spf\.partner\.test'\)/);
    // The finding sits on the record's second include, the one whose subtree crosses 10.
    assert.equal(CLIENT_ZONE.slice(limit.span.start, limit.span.end), 'include:spf.partner.test');
  });

  it('counts void lookups answered NXDOMAIN by the server', () => {
    const [voids] = on(findings, 'spf-void-lookup-limit', 'voids');
    assert.ok(voids, JSON.stringify(findings));
    assert.match(voids.message, /^4 void lookups, over the limit of 2: 'a:gone1\.partner\.test'/);
    assert.equal(on(findings, 'spf-void-lookup-limit', '@').length, 0);
  });

  it('reports an include of a live name without an SPF record', () => {
    const [none] = on(findings, 'spf-include-none', 'none');
    assert.ok(none, JSON.stringify(findings));
    assert.match(none.message, /nospf\.partner\.test has no TXT record/);
  });

  it('reports a lookup the server does not answer as spf-resolution-failed, informational', () => {
    const [failed] = on(findings, 'spf-resolution-failed', 'slow');
    assert.ok(failed, JSON.stringify(findings));
    assert.equal(failed.severity, 'info');
    assert.match(failed.message, /slow\.partner\.test TXT: no answer within 500 ms/);
    assert.ok(proxy.queries.some((q) => q.name === SILENT_NAME));
    // Nothing else is blamed on the unanswered name.
    assert.deepEqual(on(findings, 'spf-include-none', 'slow'), []);
  });

  it('merges into the synchronous findings in place of the in-zone tree findings', () => {
    const merged = mergeLiveFindings(sync, findings);
    assert.equal(merged.filter((f) => f.rule === 'spf-lookup-limit').length, 1);
    assert.ok(merged.length >= sync.length);
  });

  it('a second check is answered from the session cache and sends no query', async () => {
    const before = proxy.queries.length;
    assert.ok(before > 10);
    const again = await resolveSpfTrees(analyze().view, cache);
    assert.equal(proxy.queries.length, before);
    assert.deepEqual(
      again.findings.map((f) => [f.rule, f.span.start, f.message]),
      findings.map((f) => [f.rule, f.span.start, f.message]),
    );
  });
});

describe('a stopped server', () => {
  it('is reported as spf-resolution-failed, not as a missing record', async () => {
    const resolver = new LiveResolver({ servers: [await closedPort()], timeoutMs: 2000 });
    const { findings } = await resolveSpfTrees(analyze().view, resolver);
    const failed = on(findings, 'spf-resolution-failed', 'none');
    assert.equal(failed.length, 1, JSON.stringify(findings));
    assert.match(failed[0].message, /connection refused|no answer/);
    assert.deepEqual(on(findings, 'spf-include-none', 'none'), []);
  });
});

describe('check_host through the live resolver', () => {
  it('passes a client of the provider at the end of the include chain', async () => {
    const resolver = new LiveResolver({ servers: [knotAddress()] });
    const r = await checkHost({ ip: '203.0.113.5', sender: 'someone@example.test' }, { resolver });
    assert.equal(r.result, 'pass', r.reason);
    assert.equal(r.matched?.term, 'include:_spf.example.test');
    assert.equal(r.lookups, 2);
    assert.equal(r.matched?.source?.kind, 'live');
  });

  it('fails a stranger, and a dead server gives temperror', async () => {
    const live = new LiveResolver({ servers: [knotAddress()] });
    assert.equal((await checkHost({ ip: '192.0.2.99', sender: 'someone@partner.test', domain: 'spf.partner.test' }, { resolver: live })).result, 'fail');
    const dead = new LiveResolver({ servers: [await closedPort()] });
    assert.equal((await checkHost({ ip: '192.0.2.99', sender: 'someone@example.test' }, { resolver: dead })).result, 'temperror');
  });
});
