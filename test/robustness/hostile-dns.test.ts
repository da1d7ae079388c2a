/**
 * Hostile DNS: the live resolver, the check_host() evaluator, the lookup-tree
 * walk and the `mailzone spf` commands against a scripted server on
 * 127.0.0.1 that serves what no sane server would. Evaluation stops at the
 * RFC 7208 limits, the questions one check asks are bounded (by the numbers
 * docs/dns.md states, computed here from the same constants), every
 * question times out, and memory stays flat over repeated checks.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DEFAULT_QUERY_BUDGET } from '../../server/src/core/dns/budget';
import { CachingResolver } from '../../server/src/core/dns/cache';
import type { Resolver } from '../../server/src/core/dns/resolver';
import { SPF_LIMITS, checkHost, type CheckHostResult } from '../../server/src/core/records/spf/evaluate';
import { flattenDomain } from '../../server/src/core/features/flatten';
import { resolveSpfTrees } from '../../server/src/core/records/spf/liveCheck';
import { treeForDomain, treeLookup } from '../../server/src/core/records/spf/asyncTree';
import { treeNodes, type SpfTree } from '../../server/src/core/records/spf/tree';
import { analyzeDocument } from '../../server/src/core/service';
import { LiveResolver } from '../../server/src/node/dnsResolver';
import { RCODE, startHostileDns, tableScript, txtStrings, type AnswerRecord, type HostileDns, type Question, type Reply } from './hostileDns';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

/** Short, so the silent cases end soon; the bound under test is "it times out", not how fast. */
const TIMEOUT_MS = 400;
const HANG = { timeout: 120_000 };

/**
 * The most questions one check_host() evaluation can ask (RFC 7208 §4.6.4):
 * the domain's own TXT; 10 DNS-querying terms, each at most one query, an mx
 * one MX query plus an address query for each of at most 10 hosts; the
 * client's PTR names once per evaluation (one PTR query, at most 10 address
 * queries), shared by every ptr term and %{p}; and the exp TXT after a fail.
 */
export const CHECK_HOST_QUERY_BOUND = 1 + SPF_LIMITS.lookups * (1 + SPF_LIMITS.mxHosts) + (1 + SPF_LIMITS.ptrNames) + 1;

let dns: HostileDns;

before(async () => {
  dns = await startHostileDns();
});
after(async () => {
  await dns.close();
  assert.deepEqual(dns.errors, [], 'the scripted server failed to build an answer');
});

/** Questions the live resolvers of this file sent, as `TYPE name`, counted as they leave (LiveResolver's onQuery). */
let sent: string[] = [];

function live(): Resolver {
  return new CachingResolver(new LiveResolver({ servers: [dns.address], timeoutMs: TIMEOUT_MS, onQuery: (name, type) => sent.push(`${type} ${name.replace(/\.$/, '').toLowerCase()}`) }));
}

/**
 * Waits until the server has had no new question for several polls in a
 * row: a check may return while questions it started (a prefetch) are still
 * on their way, and the next scenario must not see them.
 */
async function settle(): Promise<void> {
  let last = -1;
  for (let quiet = 0; quiet < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    quiet = dns.questions.length === last ? quiet + 1 : 0;
    last = dns.questions.length;
  }
}

/** Runs one scenario with fresh question logs: what the resolvers sent, and what the server received. */
async function scenario<T>(script: (q: Question) => Reply, run: () => Promise<T>): Promise<{ result: T; questions: Question[]; asked: string[] }> {
  await settle();
  dns.script = script;
  dns.questions.length = 0;
  sent = [];
  const result = await run();
  const asked = [...new Set(sent)];
  await settle();
  return { result, questions: [...dns.questions], asked };
}

/** Questions as the server saw them: a TCP retry of a truncated UDP answer is the same question. */
function distinct(questions: readonly Question[]): string[] {
  return [...new Set(questions.map((q) => `${q.type} ${q.name}`))];
}

function check(domain: string, ip = '198.51.100.99'): Promise<CheckHostResult> {
  return checkHost({ ip, sender: `someone@${domain}`, domain }, { resolver: live() });
}

function spf(value: string): AnswerRecord[] {
  return [{ name: 'x', type: 'TXT', strings: txtStrings(value) }];
}

/** d0.chain.test includes d1.chain.test ... d49, which finally lists one address. */
const chain = tableScript(
  Object.fromEntries(
    Array.from({ length: 50 }, (_, i) => [`d${i}.chain.test`, { TXT: spf(i === 49 ? 'v=spf1 ip4:192.0.2.49 -all' : `v=spf1 include:d${i + 1}.chain.test -all`) }]),
  ),
);

/** One record with 1,000 includes, each of a record that matches nobody. */
const WIDE = `v=spf1 ${Array.from({ length: 1000 }, (_, i) => `include:i${i}.wide.test`).join(' ')} -all`;
const wide: (q: Question) => Reply = (q) => {
  if (q.name === 'wide.test' && q.type === 'TXT') return { answers: spf(WIDE) };
  if (/^i\d+\.wide\.test$/.test(q.name) && q.type === 'TXT') return { answers: spf('v=spf1 ip4:192.0.2.1 -all') };
  return { rcode: RCODE.NXDOMAIN };
};

function treeNodeCount(tree: SpfTree): number {
  let n = 0;
  for (const _ of treeNodes(tree.children)) n++;
  return n;
}

describe('limits of one check against a hostile server', () => {
  it('an include chain 50 deep: check_host stops at the 11th lookup with permerror, after 11 TXT questions', HANG, async () => {
    const { result, questions, asked } = await scenario(chain, () => check('d0.chain.test'));
    assert.equal(result.result, 'permerror');
    assert.match(result.reason ?? '', /more than 10 DNS-querying terms/);
    assert.equal(result.lookups, SPF_LIMITS.lookups + 1);
    const eleven = Array.from({ length: 11 }, (_, i) => `TXT d${i}.chain.test`);
    assert.deepEqual(asked, eleven, 'd0 and the ten includes, nothing deeper');
    assert.deepEqual(distinct(questions), eleven, 'and the server saw the same');
  });

  it('an include chain 50 deep: the lookup tree stops at its depth bound and says so', HANG, async () => {
    const { result, questions, asked } = await scenario(chain, () => treeForDomain('d0.chain.test', treeLookup(live())));
    assert.equal(result.kind, 'tree');
    const tree = (result as { tree: SpfTree }).tree;
    assert.equal(tree.truncated, true);
    assert.ok(tree.count > SPF_LIMITS.lookups, `counted ${tree.count}`);
    assert.ok(asked.length < 20, `${asked.length} questions for a 50-deep chain`);
    assert.ok(!questions.some((q) => q.name === 'd49.chain.test'), 'the walk never reaches the end of the chain');
  });

  it('1,000 includes in one record (a 20 KB answer, over TCP): check_host asks for 11 records and stops', HANG, async () => {
    const { result, questions, asked } = await scenario(wide, () => check('wide.test'));
    assert.equal(result.result, 'permerror');
    assert.match(result.reason ?? '', /more than 10 DNS-querying terms/);
    assert.equal(asked.length, 1 + SPF_LIMITS.lookups, asked.join(', '));
    assert.equal(distinct(questions).length, asked.length);
    assert.ok(questions.some((q) => q.name === 'wide.test' && q.transport === 'tcp'), 'the truncated UDP answer was retried over TCP');
  });

  it('1,000 includes in one record: the lookup tree asks at most its query budget', HANG, async () => {
    const { result, questions, asked } = await scenario(wide, () => treeForDomain('wide.test', treeLookup(live())));
    assert.equal(result.kind, 'tree');
    const tree = (result as { tree: SpfTree }).tree;
    assert.ok(tree.count > SPF_LIMITS.lookups);
    assert.ok(treeNodeCount(tree) <= 1000);
    assert.ok(asked.length <= DEFAULT_QUERY_BUDGET, `${asked.length} questions sent, budget ${DEFAULT_QUERY_BUDGET}`);
    assert.ok(distinct(questions).length <= DEFAULT_QUERY_BUDGET, `${distinct(questions).length} questions received, budget ${DEFAULT_QUERY_BUDGET}`);
  });

  it('1,000 includes in a zone record: the live pass of a document asks at most its query budget', HANG, async () => {
    const text = `$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n@ IN TXT ( ${txtStrings(WIDE).map((s) => `"${s}"`).join('\n  ')} )\n`;
    const analysis = analyzeDocument({ text, origin: 'example.com.' }, { dmarcStandard: 'rfc9989' });
    const wideZone: (q: Question) => Reply = (q) => (/^i\d+\.wide\.test$/.test(q.name) ? wide(q) : { rcode: RCODE.NXDOMAIN });
    const { result, questions, asked } = await scenario(wideZone, () => resolveSpfTrees(analysis.view, live()));
    assert.equal(result.cancelled, false);
    assert.ok(result.findings.some((f) => f.rule === 'spf-lookup-limit'));
    assert.ok(asked.length <= DEFAULT_QUERY_BUDGET, `${asked.length} questions sent, budget ${DEFAULT_QUERY_BUDGET}`);
    assert.ok(distinct(questions).length <= DEFAULT_QUERY_BUDGET, `${distinct(questions).length} questions received, budget ${DEFAULT_QUERY_BUDGET}`);
  });

  it('flattening an include of 40 includes of 40 includes each stops at the query budget', HANG, async () => {
    const fan: (q: Question) => Reply = (q) => {
      if (q.type !== 'TXT') return { answers: [] };
      const m = /^(?:(n\d+)\.)?fan\.test$/.exec(q.name);
      if (!m) return { answers: spf('v=spf1 ip4:192.0.2.1 -all') };
      const prefix = m[1] ? `${m[1]}.` : '';
      return { answers: spf(`v=spf1 ${Array.from({ length: 40 }, (_, i) => `include:n${i}.${prefix}fan.test`).join(' ')} -all`) };
    };
    const { result, asked } = await scenario(fan, () => flattenDomain('fan.test', live()));
    assert.ok('error' in result, 'refused');
    assert.match((result as { error: string }).error, new RegExp(`more than ${DEFAULT_QUERY_BUDGET} DNS queries`));
    assert.ok(asked.length <= DEFAULT_QUERY_BUDGET, `${asked.length} questions`);
  });

  it('the worst record asks no more than the bound docs/dns.md states', HANG, async () => {
    // Ten mx terms of ten hosts each that never match, a fail, and an exp that needs the validated PTR names.
    const hosts = (m: number): AnswerRecord[] => Array.from({ length: 10 }, (_, h) => ({ name: 'x', type: 'MX' as const, preference: h, exchange: `h${h}.m${m}.worst.test` }));
    const table: Record<string, Partial<Record<string, readonly AnswerRecord[]>>> = {
      'worst.test': { TXT: spf(`v=spf1 ${Array.from({ length: 10 }, (_, m) => `mx:m${m}.worst.test`).join(' ')} -all exp=%{p}.exp.worst.test`) },
      '99.100.51.198.in-addr.arpa': { PTR: Array.from({ length: 12 }, (_, p) => ({ name: 'x', type: 'PTR' as const, target: `p${p}.worst.test` })) },
    };
    for (let m = 0; m < 10; m++) {
      table[`m${m}.worst.test`] = { MX: hosts(m) };
      for (let h = 0; h < 10; h++) table[`h${h}.m${m}.worst.test`] = { A: [{ name: 'x', type: 'A', address: '192.0.2.1' }] };
    }
    for (let p = 0; p < 12; p++) table[`p${p}.worst.test`] = { A: [{ name: 'x', type: 'A', address: '198.51.100.99' }] };
    const { result, asked } = await scenario(tableScript(table), () => check('worst.test'));
    assert.equal(result.result, 'fail');
    assert.ok(asked.length <= CHECK_HOST_QUERY_BOUND, `${asked.length} questions, bound ${CHECK_HOST_QUERY_BOUND}`);
    // The case is built to reach the bound: every part of the sum is asked for.
    assert.equal(asked.length, CHECK_HOST_QUERY_BOUND, asked.join('\n'));
  });
});

describe('malformed and hostile answers', () => {
  it('a CNAME loop ends as "no SPF record" after one question per name', HANG, async () => {
    const loop: (q: Question) => Reply = (q) =>
      q.name === 'loop-a.test' || q.name === 'loop-b.test'
        ? {
            answers: [
              { name: 'loop-a.test', type: 'CNAME', target: 'loop-b.test' },
              { name: 'loop-b.test', type: 'CNAME', target: 'loop-a.test' },
            ],
          }
        : q.name === 'cname.test' && q.type === 'TXT'
          ? { answers: spf('v=spf1 include:loop-a.test -all') }
          : { rcode: RCODE.NXDOMAIN };
    const { result, asked } = await scenario(loop, () => check('cname.test'));
    assert.equal(result.result, 'permerror');
    assert.match(result.reason ?? '', /loop-a\.test/);
    assert.ok(asked.length <= 3, asked.join(', '));
  });

  it('500 character-strings in one TXT record join into the record', HANG, async () => {
    const value = `v=spf1 ${Array.from({ length: 60 }, (_, i) => `ip4:192.0.2.${i}`).join(' ')} -all`;
    const pieces = Array.from({ length: 500 }, (_, i) => value.slice(Math.floor((i * value.length) / 500), Math.floor(((i + 1) * value.length) / 500)));
    assert.equal(pieces.join(''), value);
    const { result } = await scenario(tableScript({ 'strings.test': { TXT: [{ name: 'x', type: 'TXT', strings: pieces }] } }), () => check('strings.test', '192.0.2.59'));
    assert.equal(result.result, 'pass');
  });

  it('500 TXT records at one name, one of them SPF, are read as one SPF record', HANG, async () => {
    const records: AnswerRecord[] = Array.from({ length: 500 }, (_, i) => ({ name: 'x', type: 'TXT', strings: [i === 250 ? 'v=spf1 ip4:192.0.2.7 -all' : `verification-${i}`] }));
    const { result, questions } = await scenario(tableScript({ 'many.test': { TXT: records } }), () => check('many.test', '192.0.2.7'));
    assert.equal(result.result, 'pass');
    assert.ok(questions.some((q) => q.transport === 'tcp'));
  });

  it('a 64 KB TXT answer comes over TCP and is evaluated', HANG, async () => {
    const terms: string[] = [];
    let size = 'v=spf1 -all'.length;
    for (let i = 0; size < 63_000; i++) {
      const term = `ip4:10.${(i >> 8) & 255}.${i & 255}.0/24`;
      terms.push(term);
      size += term.length + 1;
    }
    const value = `v=spf1 ${terms.join(' ')} -all`;
    const { result, questions } = await scenario(tableScript({ 'big.test': { TXT: spf(value) } }), () => check('big.test', '10.0.5.9'));
    assert.equal(result.result, 'pass');
    assert.ok(questions.some((q) => q.transport === 'udp') && questions.some((q) => q.transport === 'tcp'), 'UDP truncated, then TCP');
  });

  it('TC on every UDP answer: the TCP retry gives the answer', HANG, async () => {
    const always: (q: Question) => Reply = (q) => (q.name === 'tc.test' && q.type === 'TXT' ? { answers: spf('v=spf1 ip4:192.0.2.8 -all'), truncate: q.transport === 'udp' } : { rcode: RCODE.NXDOMAIN });
    const { result } = await scenario(always, () => check('tc.test', '192.0.2.8'));
    assert.equal(result.result, 'pass');
  });

  it('TC on UDP and no answer over TCP: temperror once the question times out', HANG, async () => {
    const tcSilent: (q: Question) => Reply = (q) => (q.transport === 'tcp' ? 'silent' : { answers: spf('v=spf1 -all'), truncate: true });
    const { result } = await scenario(tcSilent, () => check('tc-silent.test'));
    assert.equal(result.result, 'temperror');
    assert.match(result.reason ?? '', /no answer within 400 ms/);
  });

  it('SERVFAIL is temperror for check_host and a failed node in the tree', HANG, async () => {
    const servfail: (q: Question) => Reply = (q) => (q.name === 'sf.test' ? { answers: spf('v=spf1 include:broken.test -all') } : { rcode: RCODE.SERVFAIL });
    const evaluated = await scenario(servfail, () => check('sf.test'));
    assert.equal(evaluated.result.result, 'temperror');
    assert.match(evaluated.result.reason ?? '', /SERVFAIL/);
    const walked = await scenario(servfail, () => treeForDomain('sf.test', treeLookup(live())));
    const tree = (walked.result as { tree: SpfTree }).tree;
    assert.equal(tree.children[0].result, 'error');
    assert.match(tree.children[0].message ?? '', /SERVFAIL/);
  });

  it('a server that never answers: every question times out, and the tree of many silent includes still ends', HANG, async () => {
    const silent: (q: Question) => Reply = (q) => (q.name === 'quiet.test' && q.type === 'TXT' ? { answers: spf(`v=spf1 ${Array.from({ length: 30 }, (_, i) => `include:s${i}.quiet.test`).join(' ')} -all`) } : 'silent');
    const evaluated = await scenario(silent, () => check('quiet.test'));
    assert.equal(evaluated.result.result, 'temperror');
    assert.match(evaluated.result.reason ?? '', /no answer within 400 ms/);
    const walked = await scenario(silent, () => treeForDomain('quiet.test', treeLookup(live())));
    const tree = (walked.result as { tree: SpfTree }).tree;
    assert.equal(tree.children.length, 30);
    for (const node of tree.children) {
      assert.equal(node.result, 'error', `${node.term.raw}: ${node.result}`);
      assert.match(node.message ?? '', /no answer within 400 ms/);
    }
  });
});

describe('memory over repeated hostile checks', () => {
  it('stays flat: 25 rounds of 60 KB answers, 1,000-include records and silent names', HANG, async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const value = `v=spf1 ${Array.from({ length: 3000 }, (_, i) => `ip4:10.${(i >> 8) & 255}.${i & 255}.0/24`).join(' ')} -all`;
    const script: (q: Question) => Reply = (q) => {
      if (q.name === 'big.test') return { answers: spf(value) };
      if (q.name.endsWith('quiet.test')) return 'silent';
      return wide(q);
    };
    dns.script = script;
    const round = async (): Promise<void> => {
      const resolver = live();
      await checkHost({ ip: '10.0.5.9', sender: 'a@big.test', domain: 'big.test' }, { resolver });
      await checkHost({ ip: '198.51.100.1', sender: 'a@wide.test', domain: 'wide.test' }, { resolver });
      await treeForDomain('wide.test', treeLookup(resolver));
      await checkHost({ ip: '198.51.100.1', sender: 'a@quiet.test', domain: 'quiet.test' }, { resolver });
    };
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    for (let i = 0; i < 5; i++) await round();
    const warm = heap();
    for (let i = 0; i < 20; i++) await round();
    const later = heap();
    assert.ok(later < warm * 1.2 + 2 * 1024 * 1024, `heap grew from ${warm} to ${later} bytes over 20 rounds`);
  });
});

describe('mailzone spf against a hostile server', () => {
  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [cli, 'spf', ...args, '--dns', dns.address, '--timeout', String(TIMEOUT_MS)], { timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
  }

  it('spf check on a 50-deep chain: permerror, exit 1, eleven questions', HANG, async () => {
    const { result, questions } = await scenario(chain, () => run(['check', '--ip', '192.0.2.49', '--sender', 'a@d0.chain.test', 'd0.chain.test']));
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^result: permerror$/m);
    assert.match(result.stdout, /more than 10 DNS-querying terms/);
    assert.equal(distinct(questions).length, 11);
  });

  it('spf tree of 1,000 includes: ends within the query budget, exit 1', HANG, async () => {
    const { result, questions } = await scenario(wide, () => run(['tree', 'wide.test']));
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /problem: \d+ DNS lookups: more than 10/);
    assert.ok(distinct(questions).length <= DEFAULT_QUERY_BUDGET, `${distinct(questions).length} questions`);
  });

  it('spf check against a server that never answers: temperror after the timeout, exit 1', HANG, async () => {
    const { result } = await scenario(() => 'silent', () => run(['check', '--ip', '192.0.2.1', '--sender', 'a@quiet.test', 'quiet.test']));
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^result: temperror$/m);
    assert.match(result.stdout, /no answer within 400 ms/);
  });
});
