/**
 * The live pass of dmarc-external-unauthorized, with an in-memory resolver:
 * each destination whose zone is not loaded is asked once by TXT at
 * `<domain>._report._dmarc.<host>`, and the answers turn the synchronous
 * "not checked" information into nothing (authorized), a warning (no
 * record) or an information that the query failed; a name no source may
 * answer keeps its information.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryResolver, type MemoryEntry } from '../../server/src/core/dns/memoryResolver';
import { offlineResolver, type RRType } from '../../server/src/core/dns/resolver';
import { ZoneView } from '../../server/src/core/model/zoneView';
import {
  AUTHORIZATION_RULE_ID,
  checkReportAuthorizations,
  mergeAuthorizationFindings,
  unansweredAuthorizations,
} from '../../server/src/core/records/dmarc/liveCheck';
import type { Finding } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { parseZone } from '../../server/src/core/zone/parser';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@            IN SOA ns1 hostmaster 1 7200 3600 1209600 3600
             IN NS  ns1
ns1          IN A   192.0.2.1
_dmarc       IN TXT "v=DMARC1; p=reject; rua=mailto:d@reports.example.net,mailto:d@example.com; ruf=mailto:f@gone.example.org"
_dmarc.shop  IN TXT "v=DMARC1; p=reject; rua=mailto:d@slow.example.org"
_dmarc.blog  IN TXT "v=DMARC1; p=reject; rua=mailto:d@other.example.org"
_dmarc.wiki  IN TXT "v=DMARC1; p=reject; rua=mailto:d@reports.example.net"
`;

/** What each destination's DNS holds. */
const DNS: [string, MemoryEntry[]][] = [
  // Split into two strings: a receiver reads them as one text.
  ['example.com._report._dmarc.reports.example.net', [{ type: 'TXT', value: ['v=DMAR', 'C1'] }]],
  ['shop.example.com._report._dmarc.slow.example.org', [{ type: 'TIMEOUT' }]],
  // The name exists with a record that is no authorization (NOERROR).
  ['blog.example.com._report._dmarc.other.example.org', [{ type: 'TXT', value: ['rua=mailto:d@other.example.org; v=DMARC1'] }]],
  ['wiki.example.com._report._dmarc.reports.example.net', [{ type: 'TXT', value: ['v=DMARC1; rua=mailto:wiki@reports.example.net'] }]],
];

function analysis(text = ZONE, workspace?: { file: string; text: string }[]) {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989', workspace: workspace?.map((w) => ({ file: w.file, view: new ZoneView(parseZone(w.text)) })) });
}

function unauthorized(findings: readonly Finding[], text = ZONE): string[] {
  return findings.filter((f) => f.rule === AUTHORIZATION_RULE_ID).map((f) => `${f.severity} ${text.slice(f.span.start, f.span.end)}: ${f.message}`);
}

function memory(asked: string[] = []): MemoryResolver {
  return new MemoryResolver(DNS, { onQuery: (name: string, type: RRType) => asked.push(`${name} ${type}`) });
}

describe('dmarc-external-unauthorized by live DNS', () => {
  it('asks each unanswered authorization name once, by TXT, in document order', async () => {
    const { view } = analysis();
    assert.deepEqual(unansweredAuthorizations(view), [
      'example.com._report._dmarc.reports.example.net.',
      'example.com._report._dmarc.gone.example.org.',
      'shop.example.com._report._dmarc.slow.example.org.',
      'blog.example.com._report._dmarc.other.example.org.',
      'wiki.example.com._report._dmarc.reports.example.net.',
    ]);
    const asked: string[] = [];
    const result = await checkReportAuthorizations(view, memory(asked));
    assert.equal(result.cancelled, false);
    assert.equal(result.queries, 5);
    assert.deepEqual(asked, unansweredAuthorizations(view).map((n) => `${n} TXT`));
  });

  it('drops an authorized destination, warns without a fix where the answer lacks v=DMARC1, informs where the query failed', async () => {
    const { view, findings } = analysis();
    // Before the live pass every external destination is "not checked".
    assert.deepEqual(unauthorized(findings).map((f) => f.split(':')[0]), [
      'info mailto',
      'info mailto',
      'info mailto',
      'info mailto',
      'info mailto',
    ]);
    const live = await checkReportAuthorizations(view, memory());
    assert.deepEqual(unauthorized(live.findings), [
      'warning mailto:f@gone.example.org: ruf: gone.example.org is in another organizational domain and live DNS has no TXT "v=DMARC1" at example.com._report._dmarc.gone.example.org (checked by a TXT query: the name does not exist (NXDOMAIN)): receivers will not send reports there',
      'info mailto:d@slow.example.org: rua: slow.example.org is in another organizational domain; receivers send reports there only if it publishes TXT "v=DMARC1" at shop.example.com._report._dmarc.slow.example.org (not checked: the live DNS query failed: shop.example.com._report._dmarc.slow.example.org. TXT: no answer (timed out))',
      'warning mailto:d@other.example.org: rua: other.example.org is in another organizational domain and live DNS has no TXT "v=DMARC1" at blog.example.com._report._dmarc.other.example.org (checked by a TXT query: no TXT record there starts with v=DMARC1): receivers will not send reports there',
    ]);
    assert.ok(live.findings.every((f) => (f.fixes ?? []).length === 0), 'the zone is not in the workspace: nothing to insert into');
    // The answers were the pass's alone: the analysis's view still knows nothing of DNS.
    assert.equal(unansweredAuthorizations(view).length, 5);
    // Merged, the live findings replace the synchronous ones of the rule and leave every other finding alone.
    const merged = mergeAuthorizationFindings(findings, live.findings);
    assert.deepEqual(unauthorized(merged), unauthorized(live.findings));
    assert.deepEqual(merged.filter((f) => f.rule !== AUTHORIZATION_RULE_ID), findings.filter((f) => f.rule !== AUTHORIZATION_RULE_ID));
  });

  it('keeps the "not checked" information when no source may answer (live DNS off)', async () => {
    const { view, findings } = analysis();
    const live = await checkReportAuthorizations(view, offlineResolver);
    assert.deepEqual(unauthorized(live.findings), unauthorized(findings));
    assert.match(live.findings[0].message, /\(not checked: that zone is not loaded\)$/);
  });

  it('asks nothing for destinations a loaded zone answers, and keeps their findings with the fix', async () => {
    const net = '$ORIGIN example.net.\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\nns1 IN A 192.0.2.9\n';
    const { view, findings } = analysis(ZONE, [{ file: '/zones/db.example.net', text: net }]);
    assert.deepEqual(unansweredAuthorizations(view), ['example.com._report._dmarc.gone.example.org.', 'shop.example.com._report._dmarc.slow.example.org.', 'blog.example.com._report._dmarc.other.example.org.']);
    const asked: string[] = [];
    const live = await checkReportAuthorizations(view, memory(asked));
    assert.equal(asked.length, 3);
    const fromZone = live.findings.filter((f) => /its zone \(\/zones\/db\.example\.net\)/.test(f.message));
    assert.equal(fromZone.length, 2, JSON.stringify(live.findings));
    assert.deepEqual(fromZone.map((f) => f.fixes?.[0].edits[0].file), ['/zones/db.example.net', '/zones/db.example.net']);
    assert.deepEqual(unauthorized(fromZone), unauthorized(findings.filter((f) => /its zone/.test(f.message))));
  });

  it('stops at its budget: questions beyond it are reported as not asked', async () => {
    const asked: string[] = [];
    const live = await checkReportAuthorizations(analysis().view, memory(asked), undefined, { budget: 2 });
    assert.equal(asked.length, 2);
    assert.equal(live.queries, 2);
    const limited = unauthorized(live.findings).filter((f) => /limit of 2 DNS queries/.test(f));
    assert.equal(limited.length, 3, JSON.stringify(live.findings));
    assert.ok(limited.every((f) => f.startsWith('info ')));
  });

  it('reports a cancelled pass, whose findings are to be discarded', async () => {
    const controller = new AbortController();
    controller.abort();
    const live = await checkReportAuthorizations(analysis().view, memory(), controller.signal);
    assert.deepEqual([live.cancelled, live.findings], [true, []]);
  });

  it('applies the severity settings as the synchronous analysis does', async () => {
    const { view } = analysis();
    const off = await checkReportAuthorizations(view, memory(), undefined, { severities: { [AUTHORIZATION_RULE_ID]: 'off' } });
    assert.deepEqual(off.findings, []);
    const raised = await checkReportAuthorizations(view, memory(), undefined, { severities: { [AUTHORIZATION_RULE_ID]: 'error' } });
    assert.deepEqual(raised.findings.map((f) => f.severity), ['error', 'error', 'error']);
  });

  it('asks nothing for a zone without external destinations', async () => {
    const text = ZONE.split('\n').filter((l) => !l.startsWith('_dmarc')).join('\n') + '_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"\n';
    const asked: string[] = [];
    const live = await checkReportAuthorizations(analysis(text).view, memory(asked));
    assert.deepEqual([asked, live.findings], [[], []]);
  });
});
