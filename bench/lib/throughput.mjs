/** Parse + analyse throughput (MB/s) per zone size, each size in a fresh process. */
import * as path from 'node:path';
import { ROOT, log, median, round, run } from './util.mjs';

export function measureThroughput(zone, runs, warmup) {
  const child = path.join(ROOT, 'bench/lib/throughput-child.cjs');
  const result = run(process.execPath, ['--expose-gc', '--max-old-space-size=8192', child, ROOT, zone.file, String(runs), String(warmup)], { cwd: ROOT });
  const data = JSON.parse(result.stdout.trim().split('\n').pop());
  const totalMs = median(data.totalMs);
  const parseMs = median(data.parseMs);
  const mb = data.bytes / 1e6;
  const summary = {
    runs,
    bytes: data.bytes,
    records: data.records,
    zoneProblems: data.problems,
    findings: data.findings,
    analyzeMs: round(totalMs, 1),
    parseMs: round(parseMs, 1),
    mbPerS: round(mb / (totalMs / 1000), 2),
    parseMbPerS: round(mb / (parseMs / 1000), 2),
    analyzeSamplesMs: data.totalMs.map((v) => round(v, 1)),
  };
  log(`  ${zone.label}: ${summary.mbPerS} MB/s (parse ${summary.parseMbPerS} MB/s), ${summary.records} records, ${summary.findings} findings`);
  return summary;
}
