/**
 * Live SPF resolution of a zone's record through a DNS server: the language
 * server's live pass (`resolveSpfTrees`) from the compiled core, with a
 * session cache in front of the Node resolver, run twice — the second run
 * must be served from the cache — and once more with a new session (live
 * again, the code no longer running for the first time). Prints one JSON
 * line.
 *
 * Usage: node spf-child.cjs ROOT SERVER ZONE_TEXT_FILE
 *        node spf-child.cjs ROOT SERVER probe   (exit 0 once the server answers)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [root, server, zoneFile] = process.argv.slice(2);
const out = path.join(root, 'out/server/src');
const { analyzeDocument } = require(path.join(out, 'core/service.js'));
const { resolveSpfTrees } = require(path.join(out, 'core/records/spf/liveCheck.js'));
const { CachingResolver } = require(path.join(out, 'core/dns/cache.js'));
const { LiveResolver } = require(path.join(out, 'node/dnsResolver.js'));

const now = () => Number(process.hrtime.bigint()) / 1e6;
const settings = { dmarcStandard: 'rfc9989', severities: {} };

function treeShape(nodes, depth = 1) {
  let includes = 0;
  let maxDepth = 0;
  let lookups = 0;
  for (const node of nodes) {
    if (node.counted) lookups++;
    if (node.children.length > 0 || node.record) {
      if (node.term.name === 'include') includes++;
      const below = treeShape(node.children, depth + 1);
      includes += below.includes;
      lookups += below.lookups;
      maxDepth = Math.max(maxDepth, depth, below.maxDepth);
    }
  }
  return { includes, maxDepth, lookups };
}

/** Groups query send times into sequential round trips: a query sent more than half an RTT after a round began starts the next. */
function rounds(sent, rtt) {
  let count = 0;
  let start = -Infinity;
  for (const t of [...sent].sort((a, b) => a - b)) {
    if (t - start > rtt / 2) {
      count++;
      start = t;
    }
  }
  return count;
}

async function main() {
  if (zoneFile === 'probe') {
    const r = await new LiveResolver({ servers: [server], timeoutMs: 1000 }).query('c.remote.test', 'TXT');
    process.exit(r.status === 'answer' && r.answers.length > 0 ? 0 : 1);
  }
  const text = fs.readFileSync(zoneFile, 'utf8');
  const analysis = analyzeDocument({ text, file: undefined, origin: 'example.com.' }, settings);

  // The round trip of one question through the delay, measured the same way the walk asks.
  const probe = new LiveResolver({ servers: [server], timeoutMs: 5000 });
  await probe.query('c.remote.test', 'TXT');
  const rtts = [];
  for (let i = 0; i < 7; i++) {
    const t = now();
    const r = await probe.query('c.remote.test', 'TXT');
    if (r.status !== 'answer') throw new Error(`probe query failed: ${JSON.stringify(r)}`);
    rtts.push(now() - t);
  }
  rtts.sort((a, b) => a - b);
  const rtt = rtts[Math.floor(rtts.length / 2)];

  const sent = [];
  const newSession = () => new CachingResolver(new LiveResolver({ servers: [server], timeoutMs: 5000, onQuery: () => sent.push(now()) }));
  const session = newSession();
  // 1: live, the first resolution of the process (its code runs for the first time, as in a server's first live
  // pass); 2: the same session again, served from its cache; 3: a new session in the same process, so live again
  // but with the code already run once: the difference to 1 is what running code for the first time costs.
  const sessions = [session, session, newSession()];
  const runs = [];
  for (const resolver of sessions) {
    sent.length = 0;
    const t = now();
    const result = await resolveSpfTrees(analysis.view, resolver);
    const ms = now() - t;
    const trees = [...result.trees.values()];
    const shape = treeShape(trees[0]?.children ?? []);
    runs.push({
      ms,
      dnsQueries: sent.length,
      walkQuestions: result.queries,
      rounds: rounds(sent, rtt),
      findings: result.findings.map((f) => `${f.rule}: ${f.message}`),
      tree: { records: trees.length, ...shape },
      cancelled: result.cancelled,
    });
  }
  process.stdout.write(`${JSON.stringify({ rttMs: rtt, rttSamplesMs: rtts, live: runs[0], cached: runs[1], warm: runs[2] })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
