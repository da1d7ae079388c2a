#!/usr/bin/env node
// Property-based fuzzing of the parser, every rule and the editor features
// (test/fuzz/properties.ts) for a chosen time. It prints the seed first;
// the same seed runs the same cases again. On the first failure it prints
// the shrunk input and the command that replays exactly that case.
//
// Usage: npm run fuzz -- [--minutes N] [--seed N]
//        npm run fuzz -- --property NAME --seed N --path PATH   (replay one case)
// Needs `npm run compile` first (it runs the compiled tests from out/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const compiled = path.join(root, 'out/test/fuzz/properties.js');

function usage(message) {
  if (message) process.stderr.write(`fuzz: ${message}\n`);
  process.stderr.write('usage: npm run fuzz -- [--minutes N] [--seed N] | --property NAME --seed N --path PATH\n');
  process.exit(2);
}

const options = { minutes: 5, seed: undefined, property: undefined, path: undefined };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split(/=(.*)/s);
  const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
  if (flag === '--minutes') options.minutes = Number(value());
  else if (flag === '--seed') options.seed = Number(value());
  else if (flag === '--property') options.property = value();
  else if (flag === '--path') options.path = value();
  else if (flag === '--help' || flag === '-h') usage();
  else usage(`unknown option ${flag}`);
}
if (!(options.minutes > 0)) usage('--minutes takes a positive number');
if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) usage('--seed takes an integer');

if (!fs.existsSync(compiled)) usage("run 'npm run compile' first");
// Sources newer than the compiled properties would fuzz yesterday's code.
const newest = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const full = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(full) : e.name.endsWith('.ts') ? fs.statSync(full).mtimeMs : 0);
  }, 0);
if (Math.max(newest(path.join(root, 'server/src')), newest(path.join(root, 'test/fuzz'))) > fs.statSync(compiled).mtimeMs) {
  process.stderr.write("fuzz: warning: sources changed since the last 'npm run compile'; this run fuzzes the compiled code\n");
}

const fc = require('fast-check');
const { fuzzProperties, describeFailure } = require(compiled);
const properties = fuzzProperties();

if (options.property !== undefined) {
  // Replay one case: the property, the batch seed and the path a failure printed.
  const found = properties.find((p) => p.name === options.property) ?? usage(`no property named '${options.property}'; there are: ${properties.map((p) => p.name).join(', ')}`);
  if (options.seed === undefined || options.path === undefined) usage('a replay needs --seed and --path');
  const details = fc.check(found.property, { seed: options.seed, path: options.path, numRuns: 1 });
  if (details.failed) {
    console.log(describeFailure(found.name, details));
    process.exit(1);
  }
  console.log(`fuzz: ${found.name}: the case passes now`);
  process.exit(0);
}

const seed = options.seed ?? Math.floor(Math.random() * 0x7fffffff);
const deadline = Date.now() + options.minutes * 60_000;
console.log(`fuzz: seed ${seed}, ${options.minutes} minute${options.minutes === 1 ? '' : 's'} (replay this run with: npm run fuzz -- --seed ${seed} --minutes ${options.minutes})`);

// Batches go round the properties by weight; each batch has its own seed, derived from the run's, so a
// failure can be replayed alone with the batch seed and fast-check's path.
const BATCH = 50;
let cases = 0;
let batch = 0;
let lastReport = Date.now();
const perProperty = new Map(properties.map((p) => [p.name, 0]));
while (Date.now() < deadline) {
  for (const p of properties) {
    if (Date.now() >= deadline) break;
    const batchSeed = (seed + batch * 7919) % 0x7fffffff;
    batch++;
    const numRuns = BATCH * p.weight;
    const details = fc.check(p.property, { seed: batchSeed, numRuns });
    cases += details.numRuns;
    perProperty.set(p.name, perProperty.get(p.name) + details.numRuns);
    if (details.failed) {
      console.log(`\n${describeFailure(p.name, details)}`);
      console.log(`\nreplay this case: npm run fuzz -- --property "${p.name}" --seed ${details.seed} --path "${details.counterexamplePath}"`);
      console.log(`fuzz: FAILED after ${cases} cases (run seed ${seed})`);
      process.exit(1);
    }
    if (Date.now() - lastReport >= 60_000) {
      lastReport = Date.now();
      console.log(`fuzz: ${cases} cases so far, no failure`);
    }
  }
}
console.log(`fuzz: ${cases} cases in ${options.minutes} minute${options.minutes === 1 ? '' : 's'}, no failure (seed ${seed})`);
for (const [name, n] of perProperty) console.log(`  ${name}: ${n}`);
