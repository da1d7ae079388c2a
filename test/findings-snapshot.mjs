#!/usr/bin/env node
// Records what `mailzone check` finds in every fixture and real-world zone,
// or compares a fresh run with such a record. A change to the record store,
// the parser or the analysis pipeline that is meant to keep every finding
// as it was is checked with it: write the record before the change, compare
// after each step.
//
// Usage (after `npm run build`):
//   node test/findings-snapshot.mjs --write FILE     record the findings in FILE
//   node test/findings-snapshot.mjs --compare FILE   exit 1 and list the differences when they changed
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPORA = ['test/fixtures', 'test/real-zones'];
/** Files in the corpora that are no zone or policy: their descriptions and expectations. */
const NOT_INPUT = /\.(md|json)$/;

/** Every input file under `dir`, sorted so the record is the same on every machine. Bounded by the tree's size. */
function inputs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...inputs(rel));
    else if (entry.isFile() && !NOT_INPUT.test(entry.name)) out.push(rel);
  }
  return out.sort();
}

/** The findings of one `check` over all the inputs, one line each, sorted. */
function findings() {
  const files = CORPORA.flatMap(inputs);
  const res = spawnSync(process.execPath, ['dist/cli.js', 'check', '--format', 'json', ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  // Exit 0 and 1 say whether there were errors; anything else is a failure of the run itself.
  if (res.status !== 0 && res.status !== 1) throw new Error(`mailzone check exited ${res.status}: ${res.stderr}`);
  const list = JSON.parse(res.stdout);
  return list.map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.code} ${f.message}`).sort();
}

const [mode, file] = process.argv.slice(2);
if ((mode !== '--write' && mode !== '--compare') || !file) {
  console.error('usage: node test/findings-snapshot.mjs --write FILE | --compare FILE');
  process.exit(2);
}
const now = findings();
if (mode === '--write') {
  fs.writeFileSync(file, `${now.join('\n')}\n`);
  console.log(`${now.length} findings recorded in ${file}`);
} else {
  const before = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  const was = new Set(before);
  const is = new Set(now);
  const gone = before.filter((l) => !is.has(l));
  const added = now.filter((l) => !was.has(l));
  for (const l of gone) console.log(`- ${l}`);
  for (const l of added) console.log(`+ ${l}`);
  console.log(`${now.length} findings; ${gone.length} gone, ${added.length} new`);
  process.exit(gone.length + added.length === 0 ? 0 : 1);
}
