/**
 * Parse + analyse throughput inside one process, without start-up: the
 * compiled core from out/ on one generated zone, its included files served
 * from memory so disk reads are not timed. Prints one JSON line.
 *
 * Usage: node throughput-child.cjs ROOT ZONE_FILE RUNS WARMUP
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [root, file, runsArg, warmupArg] = process.argv.slice(2);
const core = path.join(root, 'out/server/src/core');
const { analyzeDocument } = require(path.join(core, 'service.js'));
const { parseZone } = require(path.join(core, 'zone/parser.js'));

const dir = path.dirname(file);
const texts = new Map();
for (const name of fs.readdirSync(dir)) if (name.endsWith('.zone')) texts.set(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8'));
const reader = {
  resolve: (from, target) => path.resolve(path.dirname(from), target),
  read: (p) => (texts.has(p) ? { text: texts.get(p) } : { error: `${p}: no such file` }),
};
const text = texts.get(file);
const bytes = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
const settings = { dmarcStandard: 'rfc9989', severities: {} };
const input = { text, file, origin: 'example.com.', reader };

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
let analysis;
for (let i = 0; i < Number(warmupArg); i++) analysis = analyzeDocument(input, settings);

const total = [];
const parseOnly = [];
for (let i = 0; i < Number(runsArg); i++) {
  analysis = undefined;
  if (global.gc) global.gc();
  let start = process.hrtime.bigint();
  analysis = analyzeDocument(input, settings);
  total.push(ms(start));
  if (global.gc) global.gc();
  start = process.hrtime.bigint();
  parseZone(text, { file, origin: 'example.com.', reader });
  parseOnly.push(ms(start));
}
process.stdout.write(
  `${JSON.stringify({ bytes, records: analysis.zone.records.length, problems: analysis.zone.problems.length, findings: analysis.findings.length, totalMs: total, parseMs: parseOnly, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 })}\n`,
);
