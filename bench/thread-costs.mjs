// What the language server's thread split costs on the 100k-record benchmark zone (ARCHITECTURE.md, "The
// language server's threads"): the main thread's parse and view, the worker's analysis, and what crossing the
// thread boundary would cost for the model against what it costs for the findings. Run after `npm run compile`:
// node bench/thread-costs.mjs
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { ensureZone, SIZES } from './lib/zones.mjs';

const require = createRequire(import.meta.url);
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '../out/server/src');
const service = require(path.join(out, 'core/service.js'));
const { NodeFileReader } = require(path.join(out, 'node/fileReader.js'));

const zone = ensureZone(SIZES.find((s) => s.label === '100k'));
const text = fs.readFileSync(zone.file, 'utf8');
const reader = new NodeFileReader({ roots: [zone.dir] });
const options = { dmarcStandard: 'rfc9989' };
const time = (f) => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};
const ms = (n) => Math.round(n * 10) / 10;

/** One postMessage of `value` to a port of this thread, until it arrives: the serialisation and the copy. */
async function posted(value) {
  const { port1, port2 } = new MessageChannel();
  const start = performance.now();
  const arrived = new Promise((resolve) => port2.once('message', resolve));
  port1.postMessage(value);
  await arrived;
  const elapsed = performance.now() - start;
  port1.close();
  return elapsed;
}

const [parsed, parseMs] = time(() => service.parseDocument({ text, file: zone.file, reader }));
const [model, viewMs] = time(() => service.modelOf(parsed, options));
const [analysis, analyseMs] = time(() => service.analyzeParsed(parsed, options, 'none'));
// A one-character edit inside the last record's rdata, as the main thread handles it: re-read one entry, move the view.
const at = text.lastIndexOf('"') - 1;
const edited = `${text.slice(0, at)}x${text.slice(at)}`;
const [again, reparseMs] = time(() => service.parseDocument({ text: edited, file: zone.file, reader }, { zone: parsed.zone, change: { start: at, end: at, newLength: 1, text: 'x' } }));
const [, moveMs] = time(() => service.modelOf(again, options, model));
const findingsMs = await posted(analysis.findings);
const textMs = await posted(text);
const recordsMs = await posted(parsed.zone.records);
console.log(
  JSON.stringify(
    {
      records: parsed.zone.records.length,
      megabytes: ms(text.length / 1e6),
      findings: analysis.findings.length,
      mainParseMs: ms(parseMs),
      mainViewMs: ms(viewMs),
      workerAnalysisMs: ms(analyseMs),
      editReparseMs: ms(reparseMs),
      editViewMs: ms(moveMs),
      editReparsedOneEntry: again.edit !== undefined,
      postFindingsMs: ms(findingsMs),
      postTextMs: ms(textMs),
      postRecordsMs: ms(recordsMs),
    },
    null,
    2,
  ),
);
