/**
 * Where `mailzone check` spends its time: a V8 CPU profile of the CLI on one
 * zone, summarised as the functions and files with the most self time. The
 * CLI runs from out/ (tsc output, one file per module) rather than the
 * minified bundle, so names and files are the source's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAIN_FILE } from '../generate.mjs';
import { ROOT, TMP, log, round, run } from './util.mjs';

function shortUrl(url) {
  if (!url) return '(native)';
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file.replace(/^node:/, 'node:');
}

export function summariseProfile(profile, top = 15, inclusiveTop = 25) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const functions = new Map();
  const files = new Map();
  for (const [id, ms] of self) {
    const { callFrame } = byNode.get(id);
    // Waiting is not work: leave it out of the shares.
    if (callFrame.functionName === '(idle)') {
      self.delete(id);
      continue;
    }
    const file = shortUrl(callFrame.url);
    const name = callFrame.functionName || '(anonymous)';
    const key = `${name}\t${file}:${callFrame.lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);

  // Inclusive time of the project's own functions: each sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const { callFrame } = byNode.get(id);
      if (callFrame.functionName === '(idle)') break;
      const file = shortUrl(callFrame.url);
      if (!file.startsWith('out/server/src/core/')) continue;
      const key = `${callFrame.functionName || '(anonymous)'}\t${file}:${callFrame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const rank = (map, count = top) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => ({ key, selfMs: round(ms, 0), percent: round((100 * ms) / total, 1) }));
  return {
    totalMs: round(total, 0),
    functions: rank(functions).map(({ key, ...rest }) => {
      const [name, where] = key.split('\t');
      return { function: name, where, ...rest };
    }),
    files: rank(files).map(({ key, ...rest }) => ({ file: key, ...rest })),
    inclusive: rank(inclusive, inclusiveTop).map(({ key, ...rest }) => {
      const [name, where] = key.split('\t');
      return { function: name, where, ...rest };
    }),
  };
}

export function profileCli(zone) {
  const dir = path.join(TMP, 'profile');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cli = path.join(ROOT, 'out/server/src/cli/main.js');
  run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, cli, 'check', MAIN_FILE], { cwd: zone.dir, allow: [0, 1] });
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const summary = summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  log(`  profile of mailzone check on ${zone.label}: top ${summary.functions.slice(0, 3).map((f) => `${f.function} ${f.percent}%`).join(', ')}`);
  return { zone: zone.label, ...summary };
}
