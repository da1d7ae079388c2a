#!/usr/bin/env node
// Runs every test tier in order, streams its output, and ends with one line
// that sums them: "total: N passed, N failed". A tier that exits non-zero, or
// that reports no tests, fails the run.
//
// Usage: node test/run-all.mjs [tier ...]   (default: every tier)
import { spawnSync } from 'node:child_process';

const node = process.execPath;
const nodeTest = (dir) => [node, '--test', '--test-reporter=spec', '--test-concurrency=1', `out/test/${dir}/`];

/** Each tier: a name and the command that runs it. Commands print their own counts. */
const TIERS = [
  { name: 'unit', cmd: nodeTest('unit') },
  { name: 'grammar', cmd: ['bash', 'test/grammar/run.sh'] },
  { name: 'cli', cmd: nodeTest('cli') },
  { name: 'lsp', cmd: nodeTest('lsp') },
  { name: 'differential', cmd: nodeTest('differential') },
  { name: 'conformance', cmd: nodeTest('conformance') },
  { name: 'dns', cmd: ['bash', 'test/dns/run.sh'] },
  { name: 'smtp', cmd: ['bash', 'test/smtp/run.sh'] },
  { name: 'fuzz', cmd: nodeTest('fuzz') },
  { name: 'robustness', cmd: ['bash', 'test/robustness/run.sh'] },
  { name: 'nvim', cmd: ['bash', 'test/nvim/run.sh'] },
  { name: 'emacs', cmd: ['bash', 'test/emacs/run.sh'] },
  { name: 'precommit', cmd: nodeTest('precommit') },
  { name: 'package', cmd: nodeTest('package') },
  { name: 'vscode', cmd: ['bash', 'test/vscode/run-offline.sh'] },
];

const wanted = process.argv.slice(2);
const tiers = wanted.length ? TIERS.filter((t) => wanted.includes(t.name)) : TIERS;
let passed = 0;
let failed = 0;
const summary = [];

for (const tier of tiers) {
  console.log(`\n=== tier ${tier.name}: ${tier.cmd.join(' ')}`);
  const res = spawnSync(tier.cmd[0], tier.cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = (res.stdout ?? '') + (res.stderr ?? '');
  process.stdout.write(out);
  // node --test prints "ℹ pass N" / "ℹ fail N"; other tiers print "N passed, N failed".
  let p = 0;
  let f = 0;
  let counted = false;
  for (const m of out.matchAll(/^(?:ℹ|#) (pass|fail) (\d+)$/gm)) {
    counted = true;
    if (m[1] === 'pass') p += Number(m[2]);
    else f += Number(m[2]);
  }
  // A node:test tier may also print its own "N passed, N failed" (the SPF suite does): count node's totals only.
  for (const m of counted ? [] : out.matchAll(/^(?:[\w-]+: )?(\d+) passed, (\d+) failed/gm)) {
    counted = true;
    p += Number(m[1]);
    f += Number(m[2]);
  }
  if (res.status !== 0) f = Math.max(f, 1);
  if (!counted || p + f === 0) f = Math.max(f, 1);
  passed += p;
  failed += f;
  summary.push(`${tier.name}: ${p} passed, ${f} failed${res.status === 0 ? '' : ` (exit ${res.status ?? res.signal})`}`);
}

console.log('\n=== summary');
for (const line of summary) console.log(`  ${line}`);
console.log(`total: ${passed} passed, ${failed} failed`);
// exitCode, not exit(): a piped stdout (CI tees it) must drain before the process ends.
process.exitCode = failed ? 1 : 0;
