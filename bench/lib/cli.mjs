/**
 * `mailzone check` against the C zone checkers users already run, on the
 * same file in the same run: wall time, CPU time and peak RSS per run (GNU
 * time's %U, %S, %M), runs interleaved so background load hits every tool
 * alike.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAIN_FILE } from '../generate.mjs';
import { BUILD, TMP, log, median, round } from './util.mjs';

const ORIGIN = 'example.com';

export const TOOLS = {
  // bin/mailzone.js only requires dist/cli.js; the copy of the production bundle is the same program.
  mailzone: { command: process.execPath, args: () => [path.join(BUILD, 'cli.js'), 'check', MAIN_FILE], ok: [0, 1] },
  'nsd-checkzone': { command: 'nsd-checkzone', args: () => [ORIGIN, MAIN_FILE], ok: [0] },
  'named-checkzone': { command: 'named-checkzone', args: () => [ORIGIN, MAIN_FILE], ok: [0] },
};

/**
 * Environment variables that make every Node process do work at start-up
 * which `mailzone check` does not need: Node reads and parses the
 * certificate file NODE_EXTRA_CA_CERTS names before it runs any code
 * (about 50 ms of CPU time with a system CA bundle on the benchmark
 * machine). A user's shell rarely sets them; the timed runs go without, and
 * the report names any that were set.
 */
export const STARTUP_ENV_REMOVED = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

function timedEnv() {
  const env = { ...process.env };
  for (const name of STARTUP_ENV_REMOVED) delete env[name];
  return env;
}

/**
 * Node starting and ending with nothing to run: the floor under any
 * start-up time of `mailzone check`, for reading the 5-line zone's row.
 */
const EMPTY_NODE = { command: process.execPath, args: () => ['-e', '0'], ok: [0] };

/** One timed run: wall seconds (measured here), CPU seconds and peak RSS in KiB (GNU time), exit status and output. */
function timedRun(tool, cwd, spec = TOOLS[tool]) {
  const timeFile = path.join(TMP, `time-${process.pid}.txt`);
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, spec.command, ...spec.args()], {
    cwd,
    env: timedEnv(),
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  const [, maxRss, user, system] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  fs.rmSync(timeFile, { force: true });
  // GNU time reports a signal death as a non-zero status of its own.
  if (!spec.ok.includes(result.status)) {
    throw new Error(`${tool} on ${cwd} exited ${result.status}:\n${(result.stderr ?? '').slice(-3000)}\n${(result.stdout ?? '').slice(-2000)}`);
  }
  return { wall, cpu: user + system, maxRssKb: maxRss, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Measures all three tools on `zone`, `runs` times each. The first run of
 * each checker also verifies that it loads the generated zone.
 */
export function compareCli(zone, runs, { nodeBaseline = false } = {}) {
  const samples = Object.fromEntries(Object.keys(TOOLS).map((t) => [t, []]));
  const checks = {};
  for (let i = 0; i < runs; i++) {
    // Rotate the order so no tool always runs right after another's page-cache warm-up.
    const order = Object.keys(TOOLS);
    for (let k = 0; k < i % order.length; k++) order.push(order.shift());
    for (const tool of order) {
      const r = timedRun(tool, zone.dir);
      samples[tool].push({ wall: r.wall, cpu: r.cpu, maxRssKb: r.maxRssKb });
      if (checks[tool] === undefined) checks[tool] = verify(tool, r);
    }
  }
  // The baseline runs after the tools, as many times: it only gives the reader a floor, so its order matters less.
  if (nodeBaseline) {
    const list = [];
    for (let i = 0; i < runs; i++) {
      const r = timedRun('node', zone.dir, EMPTY_NODE);
      list.push({ wall: r.wall, cpu: r.cpu, maxRssKb: r.maxRssKb });
    }
    samples.node = list;
  }
  const summary = {};
  for (const [tool, list] of Object.entries(samples)) {
    summary[tool] = {
      runs: list.length,
      wallS: round(median(list.map((s) => s.wall)), 3),
      cpuS: round(median(list.map((s) => s.cpu)), 3),
      maxRssMB: round(median(list.map((s) => s.maxRssKb)) / 1024, 1),
      wallSamplesS: list.map((s) => round(s.wall, 3)),
      ...checks[tool],
    };
  }
  // GNU time counts CPU time in hundredths of a second, so a C checker on a tiny zone may show none: no ratio then.
  const ratio = (a, b) => (b > 0 ? round(a / b, 2) : undefined);
  summary.ratios = {
    vsNsd: ratio(summary.mailzone.wallS, summary['nsd-checkzone'].wallS),
    vsNamed: ratio(summary.mailzone.wallS, summary['named-checkzone'].wallS),
    // CPU time (user + system) is less disturbed by other load on the machine than wall time.
    cpuVsNsd: ratio(summary.mailzone.cpuS, summary['nsd-checkzone'].cpuS),
    cpuVsNamed: ratio(summary.mailzone.cpuS, summary['named-checkzone'].cpuS),
  };
  log(`  ${zone.label}: mailzone ${summary.mailzone.wallS}s ${summary.mailzone.maxRssMB}MB, nsd ${summary['nsd-checkzone'].wallS}s, named ${summary['named-checkzone'].wallS}s`);
  return summary;
}

function verify(tool, r) {
  if (tool === 'named-checkzone') {
    if (!/^OK$/m.test(r.stdout)) throw new Error(`named-checkzone did not load the zone:\n${r.stdout.slice(-2000)}`);
    return { loads: true };
  }
  if (tool === 'nsd-checkzone') {
    if (!/is ok/.test(`${r.stdout}${r.stderr}`)) throw new Error(`nsd-checkzone did not load the zone:\n${r.stderr.slice(-2000)}`);
    const warnings = (r.stderr.match(/warning:/g) ?? []).length;
    return { loads: true, warnings };
  }
  // mailzone: what it found, by rule, so a change in the zone or the rules shows in the results.
  const byRule = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^\S+:\d+:\d+ (\w+) (\S+) /.exec(line);
    if (m) byRule[m[2]] = (byRule[m[2]] ?? 0) + 1;
  }
  return { exitStatus: r.status, findings: Object.values(byRule).reduce((a, b) => a + b, 0), findingsByRule: byRule };
}
