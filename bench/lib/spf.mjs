/**
 * Live SPF resolution against a real DNS server with real latency: Knot DNS
 * on loopback serves a 3-level include tree (8 includes, 10 DNS-querying
 * terms in all), every query costs DELAY_MS more, and the language server's
 * live pass resolves the zone's SPF record through it — once live, once
 * from the session cache.
 *
 * The delay is `tc netem` inside a network namespace when the kernel has
 * it; otherwise a forwarder on loopback holds each query for DELAY_MS
 * (delay-proxy.cjs). Either way it is network time, not a sleep in the
 * resolver.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT, TMP, log, median, onCleanup, round, run, startProcess, stopProcess, waitFor } from './util.mjs';

export const DELAY_MS = 50;
/** The include tree's depth below the zone's own record, and the number of includes in it. */
export const TREE_DEPTH = 3;
export const TREE_INCLUDES = 8;

const REMOTE_ZONE = `$ORIGIN remote.test.
$TTL 300
@       SOA   ns.remote.test. hostmaster.remote.test. 1 7200 3600 1209600 300
@       NS    ns
ns      A     127.0.0.1
@       MX    10 relay
relay   A     192.0.2.77
relay   AAAA  2001:db8::77
; level 1
a       TXT   "v=spf1 ip4:198.51.100.0/24 include:a1.remote.test include:a2.remote.test -all"
b       TXT   "v=spf1 include:b1.remote.test ~all"
c       TXT   "v=spf1 ip4:203.0.113.0/24 -all"
; level 2
a1      TXT   "v=spf1 include:a1x.remote.test -all"
a2      TXT   "v=spf1 ip4:192.0.2.128/25 -all"
b1      TXT   "v=spf1 include:b1x.remote.test -all"
; level 3
a1x     TXT   "v=spf1 a:relay.remote.test -all"
b1x     TXT   "v=spf1 mx:remote.test -all"
`;

/** The zone being edited: its SPF record includes the three level-1 names. */
const LOCAL_ZONE = `$ORIGIN example.com.
$TTL 3600
@       SOA   ns1 hostmaster 2026112801 7200 3600 1209600 3600
@       NS    ns1
ns1     A     192.0.2.53
@       TXT   "v=spf1 include:a.remote.test include:b.remote.test include:c.remote.test -all"
`;

/** A port free for both UDP and TCP on 127.0.0.1. */
async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: p } = server.address();
        server.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/** A network namespace whose loopback delays every packet by half the query delay (each query crosses it twice). */
function tryNetem() {
  const name = `mzbench${process.pid}`;
  const quiet = { stdio: 'ignore' };
  if (spawnSync('ip', ['netns', 'add', name], quiet).status !== 0) return { ok: false, reason: 'ip netns add failed (not root, or no namespace support)' };
  const remove = () => spawnSync('ip', ['netns', 'del', name], quiet);
  const up = spawnSync('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  const netem = up.status === 0 ? spawnSync('ip', ['netns', 'exec', name, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', `${DELAY_MS / 2}ms`], { encoding: 'utf8' }) : up;
  if (netem.status !== 0) {
    remove();
    return { ok: false, reason: `tc netem unavailable: ${(netem.stderr || '').trim() || `exit ${netem.status}`}` };
  }
  onCleanup(remove);
  return { ok: true, name, remove };
}

/** Runs a command (inside the namespace when there is one) to completion, without blocking the event loop. */
function runAsync(command, args, netns) {
  const [cmd, argv] = netns ? ['ip', ['netns', 'exec', netns, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * `runs` resolutions, each in a fresh process (cold code, an empty session
 * cache, its own round-trip probe), reported as the median run: like every
 * other number of the benchmark, one run alone is at the mercy of the
 * machine's noise, and a tree's critical path adds up the noise of four
 * round trips.
 */
export async function measureSpf(runs = 5) {
  const dir = path.join(TMP, `knot-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true });
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'remote.test.zone'), REMOTE_ZONE);
  const localZone = path.join(dir, 'example.com.zone');
  fs.writeFileSync(localZone, LOCAL_ZONE);

  const netem = tryNetem();
  const knotPort = await freePort();
  const conf = path.join(dir, 'knot.conf');
  fs.writeFileSync(
    conf,
    `server:\n    rundir: "${dir}/run"\n    listen: 127.0.0.1@${knotPort}\nlog:\n  - target: stderr\n    any: warning\ndatabase:\n    storage: "${dir}/db"\n` +
      `template:\n  - id: default\n    storage: "${dir}"\n    file: "%s.zone"\n    zonefile-sync: -1\n    journal-content: none\nzone:\n  - domain: remote.test\n`,
  );
  run('knotc', ['-c', conf, 'conf-check']);

  const child = path.join(ROOT, 'bench/lib/spf-child.cjs');
  const processes = [];
  try {
    const knot = netem.ok ? startProcess('ip', ['netns', 'exec', netem.name, 'knotd', '-c', conf], { stdio: 'ignore' }) : startProcess('knotd', ['-c', conf], { stdio: 'ignore' });
    processes.push(knot);
    let port = knotPort;
    let delay;
    if (netem.ok) {
      delay = `tc netem: ${DELAY_MS / 2} ms each way on the loopback of a network namespace`;
    } else {
      port = await freePort();
      const proxy = startProcess(process.execPath, [path.join(ROOT, 'bench/lib/delay-proxy.cjs'), String(port), String(knotPort), String(DELAY_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
      processes.push(proxy);
      await new Promise((resolve, reject) => {
        proxy.stdout.once('data', resolve);
        proxy.once('exit', (code) => reject(new Error(`the delay proxy exited ${code}`)));
      });
      delay = `a forwarder on 127.0.0.1 holding each query ${DELAY_MS} ms (${netem.reason})`;
    }
    const server = `127.0.0.1:${port}`;
    await waitFor(async () => (await runAsync(process.execPath, [child, ROOT, server, 'probe'], netem.ok ? netem.name : undefined)).status === 0, 'Knot to answer', 20_000, 100);

    const samples = [];
    for (let i = 0; i < runs; i++) {
      const result = await runAsync(process.execPath, [child, ROOT, server, localZone], netem.ok ? netem.name : undefined);
      if (result.status !== 0) throw new Error(`SPF resolution failed:\n${result.stderr.slice(-3000)}`);
      const data = JSON.parse(result.stdout.trim().split('\n').pop());
      const { maxDepth, includes } = data.live.tree;
      if (maxDepth !== TREE_DEPTH || includes !== TREE_INCLUDES) {
        throw new Error(`the resolved tree has depth ${maxDepth} and ${includes} includes, not ${TREE_DEPTH} and ${TREE_INCLUDES}: ${JSON.stringify(data.live)}`);
      }
      samples.push(data);
    }
    // The median run by wall time speaks for the live resolution; the goal's round trip is the median of every run's probe.
    const byTime = [...samples].sort((a, b) => a.live.ms - b.live.ms);
    const mid = byTime[Math.floor((byTime.length - 1) / 2)];
    const rttMs = median(samples.map((d) => d.rttMs));
    const summary = {
      delay,
      addedDelayMs: DELAY_MS,
      runs,
      rttMs: round(rttMs, 1),
      treeDepth: mid.live.tree.maxDepth,
      includes: mid.live.tree.includes,
      lookupTerms: mid.live.tree.lookups,
      live: { ms: round(mid.live.ms, 1), dnsQueries: mid.live.dnsQueries, roundTrips: mid.live.rounds, findings: mid.live.findings },
      // Every run's cached pass must go without a query: the worst of them is reported.
      cached: { ms: round(median(samples.map((d) => d.cached.ms)), 2), dnsQueries: Math.max(...samples.map((d) => d.cached.dnsQueries)), findings: mid.cached.findings },
      // Information, no verdict: a live resolution by a process whose code has run once before (a new session, nothing cached).
      warm: { ms: round(median(samples.map((d) => d.warm.ms)), 1), dnsQueries: mid.warm.dnsQueries, roundTrips: mid.warm.rounds },
      targetMs: round((TREE_DEPTH + 1) * rttMs, 1),
      idealRoundTrips: TREE_DEPTH + 1,
      samples: samples.map((d) => ({ liveMs: round(d.live.ms, 1), warmMs: round(d.warm.ms, 1), rttMs: round(d.rttMs, 1), dnsQueries: d.live.dnsQueries, roundTrips: d.live.rounds, cachedQueries: d.cached.dnsQueries })),
    };
    log(
      `  live ${summary.live.ms} ms (median of ${runs}: ${summary.samples.map((x) => x.liveMs).join(', ')}), ${summary.live.dnsQueries} queries in ${summary.live.roundTrips} round trips of ${summary.rttMs} ms; ` +
        `cached ${summary.cached.ms} ms, ${summary.cached.dnsQueries} queries; warm code ${summary.warm.ms} ms`,
    );
    return summary;
  } finally {
    for (const p of processes.reverse()) await stopProcess(p);
    if (netem.ok) {
      netem.remove();
    }
  }
}
