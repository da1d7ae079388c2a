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

/** One timed run: wall seconds (measured here), CPU seconds and peak RSS in KiB (GNU time), exit status and output. */
function timedRun(tool, cwd) {
  const spec = TOOLS[tool];
  const timeFile = path.join(TMP, `time-${process.pid}.txt`);
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, spec.command, ...spec.args()], {
    cwd,
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
export function compareCli(zone, runs) {
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
  summary.ratios = {
    vsNsd: round(summary.mailzone.wallS / summary['nsd-checkzone'].wallS, 2),
    vsNamed: round(summary.mailzone.wallS / summary['named-checkzone'].wallS, 2),
    // CPU time (user + system) is less disturbed by other load on the machine than wall time.
    cpuVsNsd: round(summary.mailzone.cpuS / summary['nsd-checkzone'].cpuS, 2),
    cpuVsNamed: round(summary.mailzone.cpuS / summary['named-checkzone'].cpuS, 2),
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
