/**
 * Hover and completion latency in the core itself (no LSP transport): the
 * compiled core from out/ on one zone, at seeded random offsets of the
 * document. Prints one JSON line.
 *
 * Usage: node features-child.cjs ROOT ZONE_FILE REQUESTS SEED CAP_MS
 * (each feature stops taking requests after CAP_MS; the output has what was timed)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [root, file, requestsArg, seedArg, capArg] = process.argv.slice(2);
const core = path.join(root, 'out/server/src/core');
const { analyzeDocument } = require(path.join(core, 'service.js'));
const { hover } = require(path.join(core, 'features/hover.js'));
const { complete } = require(path.join(core, 'features/completion.js'));

const dir = path.dirname(file);
const reader = {
  resolve: (from, target) => path.resolve(path.dirname(from), target),
  read: (p) => {
    try {
      return { text: fs.readFileSync(p, 'utf8') };
    } catch (error) {
      return { error: String(error) };
    }
  },
};
const text = fs.readFileSync(file, 'utf8');
const analysis = analyzeDocument({ text, file, origin: 'example.com.', reader }, { dmarcStandard: 'rfc9989', severities: {} });

let state = Number(seedArg) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const requests = Number(requestsArg);
const offsets = Array.from({ length: requests }, () => Math.floor(random() * text.length));

const time = (fn) => {
  const latencies = [];
  const deadline = Date.now() + Number(capArg);
  for (const offset of offsets) {
    if (Date.now() > deadline) break;
    const start = process.hrtime.bigint();
    fn(analysis, offset);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return latencies;
};
// One untimed pass each first: the first call compiles the code paths.
for (const offset of offsets.slice(0, 20)) {
  hover(analysis, offset);
  complete(analysis, offset);
}
process.stdout.write(`${JSON.stringify({ hoverMs: time(hover), completionMs: time(complete) })}\n`);
