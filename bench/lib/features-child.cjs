/**
 * Hover and completion latency in the core itself (no LSP transport): the
 * compiled core from out/ on one zone, at seeded random offsets of the
 * document; and the core's part of an edit — re-parse and incremental
 * re-analysis — for the language-server benchmark's edit (one character of
 * an SPF record replaced) and for a character typed and deleted there
 * (which moves every record after it). Prints one JSON line.
 *
 * Usage: node features-child.cjs ROOT ZONE_FILE REQUESTS SEED CAP_MS
 * (each feature stops taking requests after CAP_MS; the output has what was timed)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { seededRandom } = require('./random.cjs');

const [root, file, requestsArg, seedArg, capArg] = process.argv.slice(2);
const core = path.join(root, 'out/server/src/core');
const { analyzeDocument, analyzeParsed, parseDocument } = require(path.join(core, 'service.js'));
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

const random = seededRandom(Number(seedArg));
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
const hoverMs = time(hover);
const completionMs = time(complete);

/**
 * `count` edits at the SPF record the language-server benchmark edits, each
 * made from the analysis of the one before, as the server does. The text is
 * made flat before the clock starts: in the server the text document does
 * that, and its cost is in the edit → diagnostics figure.
 */
function edits(count, next) {
  const settings = { dmarcStandard: 'rfc9989', severities: {} };
  const input = (t) => ({ text: t, file, origin: 'example.com.', reader });
  let current = text;
  let previous = analyzeParsed(parseDocument(input(current)), settings, 'none');
  const at = current.indexOf(' -all"', Math.floor(current.length / 2)) + 1;
  const latencies = [];
  let incremental = 0;
  const deadline = Date.now() + Number(capArg);
  for (let i = 0; i < count && Date.now() < deadline; i++) {
    const { edited, change } = next(current, at, i);
    edited.charCodeAt(0);
    const start = process.hrtime.bigint();
    const parsed = parseDocument(input(edited), { zone: previous.zone, change });
    previous = analyzeParsed(parsed, settings, previous);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (previous.incremental) incremental++;
    current = edited;
  }
  return { latencies, incremental };
}
const EDITS = Math.min(requests, 100);
const replace = edits(EDITS, (t, at) => {
  const c = t[at] === '-' ? '~' : '-';
  return { edited: t.slice(0, at) + c + t.slice(at + 1), change: { start: at, end: at + 1, newLength: 1, text: c } };
});
const type = edits(EDITS, (t, at, i) =>
  i % 2 === 0
    ? { edited: `${t.slice(0, at)}x${t.slice(at)}`, change: { start: at, end: at, newLength: 1, text: 'x' } }
    : { edited: t.slice(0, at) + t.slice(at + 1), change: { start: at, end: at + 1, newLength: 0, text: '' } },
);
process.stdout.write(`${JSON.stringify({ hoverMs, completionMs, editMs: replace.latencies, editIncremental: replace.incremental, typeMs: type.latencies, typeIncremental: type.incremental })}\n`);
