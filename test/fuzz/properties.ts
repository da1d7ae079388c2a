/**
 * The properties the fuzzer checks, shared by the CI pass (fuzz.test.ts) and
 * `npm run fuzz` (scripts/fuzz.mjs): for any input, no exception escapes the
 * analysis or the editor features, every span a finding, fix or feature
 * returns lies inside its file, analysis is deterministic, formatting keeps
 * the records, refactorings keep the value receivers read, and a valid zone
 * printed canonically parses back to the same records.
 */
import fc from 'fast-check';
import { analyzeDocument, type Analysis } from '../../server/src/core/service';
import type { AnalyzeSettings } from '../../server/src/core/analysis/analyze';
import type { ClockOption } from '../../server/src/core/records/mtasts/policyId';
import { complete } from '../../server/src/core/features/completion';
import { foldingRanges } from '../../server/src/core/features/folding';
import { formatZone } from '../../server/src/core/features/format';
import { hover } from '../../server/src/core/features/hover';
import { documentLinks } from '../../server/src/core/features/links';
import { JOIN_TITLE, SPLIT_TITLE, refactorings } from '../../server/src/core/features/refactor';
import { lookupLenses } from '../../server/src/core/features/spfReport';
import { documentSymbols, type DocumentSymbol } from '../../server/src/core/features/symbols';
import type { Finding, TextEdit } from '../../server/src/core/rules/rule';
import type { Span } from '../../server/src/core/text/span';
import { parseZone } from '../../server/src/core/zone/parser';
import { printZone } from '../../server/src/core/zone/print';
import type { Zone } from '../../server/src/core/zone/ast';
import { byteDocument, directiveDocument, fixtureDocument, largeDocument, memoryReader, unicodeDocument, validZone, zoneDocument, type FuzzDocument } from './arbitraries';

/**
 * A fixed clock: quick fixes that write a timestamp (a new MTA-STS id) would
 * otherwise differ between two analyses a second apart, and the
 * determinism check would report the clock, not the analysis.
 */
const now = (): Date => new Date(Date.UTC(2024, 5, 1, 8, 57, 0));
const SETTINGS: readonly (AnalyzeSettings & ClockOption)[] = [{ dmarcStandard: 'rfc9989', now }, { dmarcStandard: 'rfc7489', now }];

/** The hang bound for a 100 KB input: far above the real cost, only a runaway loop gets near it. */
export const LARGE_INPUT_CHARS = 100_000;
export const HANG_BOUND_MS = 10_000;

export function analyse(doc: FuzzDocument, settings: AnalyzeSettings = SETTINGS[0]): Analysis {
  return analyzeDocument({ text: doc.text, file: doc.file, origin: doc.origin, reader: memoryReader(doc.files) }, settings);
}

function fail(message: string): never {
  throw new Error(message);
}

function textOf(analysis: Analysis, file: string | undefined): string | undefined {
  return file === undefined ? analysis.text : analysis.zone.files.get(file);
}

function checkSpan(analysis: Analysis, span: Span, file: string | undefined, what: string): void {
  const text = textOf(analysis, file);
  if (text === undefined) fail(`${what}: points into ${file}, which the analysis did not read`);
  if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
    fail(`${what}: span ${span.start}-${span.end} outside 0-${text.length}${file ? ` of ${file}` : ''}`);
  }
}

function checkEdits(analysis: Analysis, edits: readonly TextEdit[], what: string): void {
  for (const edit of edits) {
    checkSpan(analysis, edit.span, edit.file, what);
    if (typeof edit.newText !== 'string') fail(`${what}: an edit without text`);
  }
  // Edits of one change must not overlap: an editor rejects the whole change.
  const byFile = new Map<string | undefined, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    const sorted = [...list].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].span.start < sorted[i - 1].span.end) fail(`${what}: overlapping edits at ${sorted[i].span.start}${file ? ` in ${file}` : ''}`);
    }
  }
}

function checkFinding(analysis: Analysis, f: Finding): void {
  const what = `finding ${f.rule} "${f.message}"`;
  if (!f.rule || !f.message) fail(`${what}: no rule id or message`);
  if (!['error', 'warning', 'info'].includes(f.severity)) fail(`${what}: severity ${String(f.severity)}`);
  checkSpan(analysis, f.span, f.file, what);
  for (const fix of f.fixes ?? []) {
    if (!fix.title) fail(`${what}: a fix without a title`);
    checkEdits(analysis, fix.edits, `${what}, fix "${fix.title}"`);
  }
}

function checkSymbols(analysis: Analysis, symbols: readonly DocumentSymbol[], outer?: Span): void {
  for (const s of symbols) {
    checkSpan(analysis, s.span, undefined, `symbol ${s.name}`);
    checkSpan(analysis, s.selectionSpan, undefined, `symbol ${s.name} selection`);
    if (s.selectionSpan.start < s.span.start || s.selectionSpan.end > s.span.end) fail(`symbol ${s.name}: selection outside its range`);
    if (outer && (s.span.start < outer.start || s.span.end > outer.end)) fail(`symbol ${s.name}: outside its parent`);
    checkSymbols(analysis, s.children ?? [], s.span);
  }
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** What an analysis says, as plain data: two runs over the same input must give the same. */
export function fingerprint(analysis: Analysis): string {
  return JSON.stringify({
    records: printZone(analysis.zone),
    problems: analysis.zone.problems,
    findings: analysis.findings.map((f) => ({ ...f, fixes: f.fixes?.map((x) => ({ ...x })) })),
  });
}

/**
 * Every feature at the given offsets, checking what comes back. Offsets are
 * taken modulo the text length plus one, so the end of the text is a
 * position too.
 */
export function exerciseFeatures(analysis: Analysis, doc: FuzzDocument, offsets: readonly number[]): void {
  const n = analysis.text.length;
  for (const raw of offsets) {
    const offset = raw % (n + 1);
    const h = hover(analysis, offset);
    if (h) {
      checkSpan(analysis, h.span, undefined, `hover at ${offset}`);
      if (typeof h.markdown !== 'string' || h.markdown === '') fail(`hover at ${offset}: empty`);
    }
    for (const item of complete(analysis, offset)) {
      if (!item.label) fail(`completion at ${offset}: an item without a label`);
      if (item.replace) {
        checkSpan(analysis, item.replace, undefined, `completion "${item.label}" at ${offset}`);
        if (offset < item.replace.start || offset > item.replace.end) fail(`completion "${item.label}" at ${offset}: replaces ${item.replace.start}-${item.replace.end}, away from the cursor`);
      }
    }
    const end = Math.min(n, offset + (raw % 97));
    for (const fix of refactorings(analysis, { start: offset, end })) {
      checkEdits(analysis, fix.edits, `refactoring "${fix.title}" at ${offset}`);
      if (fix.title === SPLIT_TITLE || fix.title === JOIN_TITLE) checkValueKept(analysis, doc, fix.edits, fix.title);
    }
  }
  checkSymbols(analysis, documentSymbols(analysis));
  const lines = analysis.text.split(/\r\n|\r|\n/).length;
  for (const r of foldingRanges(analysis)) {
    if (!(r.startLine >= 0 && r.startLine <= r.endLine && r.endLine < lines)) fail(`folding range ${r.startLine}-${r.endLine} outside 0-${lines - 1}`);
  }
  for (const link of documentLinks(analysis)) {
    checkSpan(analysis, link.span, undefined, `link ${link.target}`);
    if (!link.target) fail('a link without a target');
  }
  for (const lens of lookupLenses(analysis)) checkSpan(analysis, lens.span, undefined, `lens "${lens.title}"`);
  const format = formatZone(analysis);
  checkEdits(analysis, format, 'formatting');
  if (format.length > 0) checkFormatting(analysis, doc, format);
}

/** Split and join change only how the value is written: the joined TXT values of the zone stay the same. */
function checkValueKept(analysis: Analysis, doc: FuzzDocument, edits: readonly TextEdit[], title: string): void {
  if (edits.some((e) => e.file !== undefined)) return;
  const after = reparse(doc, applyEdits(analysis.text, edits));
  const values = (z: Zone): string[] => z.records.filter((r) => r.txt).map((r) => r.txt!.text);
  if (JSON.stringify(values(analysis.zone)) !== JSON.stringify(values(after))) fail(`refactoring "${title}" changed a TXT value`);
}

/** Formatting moves white space only: the records stay the same, and formatting again changes nothing. */
function checkFormatting(analysis: Analysis, doc: FuzzDocument, edits: readonly TextEdit[]): void {
  const formatted = applyEdits(analysis.text, edits);
  const after = reparse(doc, formatted);
  if (printZone(analysis.zone) !== printZone(after)) fail('formatting changed the records');
  if (after.problems.length !== analysis.zone.problems.length) fail(`formatting changed the syntax problems (${analysis.zone.problems.length} → ${after.problems.length})`);
  // formatZone reads only the text and the parsed zone.
  const again = formatZone({ ...analysis, text: formatted, zone: after });
  if (again.length > 0) fail(`formatting twice changes the text again (at ${again[0].span.start})`);
}

/** The document's text replaced, parsed as the analysis parsed the original. */
function reparse(doc: FuzzDocument, text: string): Zone {
  return parseZone(text, { file: doc.file, origin: doc.origin, reader: memoryReader(doc.files) });
}

/**
 * The whole check for one document: analysis, determinism, spans, features.
 * The RFC 7489 settings run on every third case only: they change a few
 * DMARC rules, and a third analysis per case would slow every case down.
 */
export function checkDocument(doc: FuzzDocument, offsets: readonly number[]): void {
  const first = analyse(doc);
  checkAnalysis(first);
  if (fingerprint(first) !== fingerprint(analyse(doc))) fail('two analyses of the same input differ');
  exerciseFeatures(first, doc, offsets);
  if (offsets[0] % 3 === 0) checkAnalysis(analyse(doc, SETTINGS[1]));
}

function checkAnalysis(analysis: Analysis): void {
  for (const f of analysis.findings) checkFinding(analysis, f);
  for (const p of analysis.zone.problems) checkSpan(analysis, p.span, p.file, `problem "${p.message}"`);
  for (const r of analysis.zone.records) checkSpan(analysis, r.span, r.file, `record ${r.owner} ${r.type}`);
}

/**
 * `printZone` of a zone without problems is a zone file of absolute names;
 * parsed again it prints the same, without problems.
 */
export function checkRoundTrip(doc: FuzzDocument): void {
  const zone = parseZone(doc.text, { file: doc.file, origin: doc.origin, reader: memoryReader(doc.files) });
  if (zone.problems.length > 0) return;
  const printed = printZone(zone);
  const again = parseZone(printed, {});
  if (again.problems.length > 0) fail(`the printed zone does not parse: ${again.problems[0].message}\n${printed.split('\n').slice(0, 40).join('\n')}`);
  const reprinted = printZone(again);
  if (reprinted !== printed) {
    const a = printed.split('\n');
    const b = reprinted.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    fail(`the printed zone parses to other records:\n  printed:  ${JSON.stringify(a[i])}\n  reparsed: ${JSON.stringify(b[i])}`);
  }
}

/** A large input must finish within the hang bound, features included. */
export function checkLarge(doc: FuzzDocument): void {
  const started = performance.now();
  const analysis = analyse(doc);
  exerciseFeatures(analysis, doc, [0, Math.floor(doc.text.length / 2), doc.text.length]);
  const elapsed = performance.now() - started;
  if (elapsed > HANG_BOUND_MS) fail(`${doc.text.length} characters took ${Math.round(elapsed)} ms (bound ${HANG_BOUND_MS} ms)`);
}

/**
 * {@link checkDocument} within the hang bound: a directive line is a few
 * dozen characters, and what it may cost is bounded by construction
 * (100,000 generated records in a zone, 1000 includes), so a case that
 * comes near the bound is a loop that lost its bound.
 */
export function checkTimed(doc: FuzzDocument, offsets: readonly number[]): void {
  const started = performance.now();
  checkDocument(doc, offsets);
  const elapsed = performance.now() - started;
  if (elapsed > HANG_BOUND_MS) fail(`${doc.text.length} characters took ${Math.round(elapsed)} ms (bound ${HANG_BOUND_MS} ms)`);
}

const offsets = fc.array(fc.nat(), { minLength: 1, maxLength: 6 });

/**
 * A failure report a person can act on: the error, the input's text as a JS
 * string literal (paste it into a unit test), the fixture it came from, the
 * other arguments, and the seed and path that replay it. The in-memory file
 * tree is left out; it is every fixture.
 */
export function describeFailure(name: string, details: fc.RunDetails<unknown[]>): string {
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const [doc, ...rest] = details.counterexample ?? [];
  const lines = [`${name}: failed after ${details.numRuns} cases (shrunk ${details.numShrinks} times): ${error}`];
  if (doc && typeof doc === 'object' && 'text' in doc) {
    const d = doc as FuzzDocument & { fixture?: string };
    if (d.fixture) lines.push(`  mutated fixture: ${d.fixture}`);
    lines.push(`  origin: ${String(d.origin)}`, `  text: ${JSON.stringify(d.text)}`);
  } else if (doc !== undefined) lines.push(`  input: ${fc.stringify(doc)}`);
  if (rest.length) lines.push(`  other arguments: ${fc.stringify(rest)}`);
  lines.push(`  replay: seed ${details.seed}, path "${details.counterexamplePath}"`);
  return lines.join('\n');
}

export interface FuzzProperty {
  readonly name: string;
  /** Share of the runs this property gets, relative to the others. */
  readonly weight: number;
  readonly property: fc.IProperty<unknown[]>;
}

/** The property list, in a fixed order so a seed and a path replay the same case. */
export function fuzzProperties(): FuzzProperty[] {
  return [
    { name: 'zone-like text', weight: 10, property: fc.property(zoneDocument, offsets, (doc, at) => checkDocument(doc, at)) as fc.IProperty<unknown[]> },
    { name: 'mutated fixtures', weight: 10, property: fc.property(fixtureDocument(), offsets, (doc, at) => checkDocument(doc, at)) as fc.IProperty<unknown[]> },
    { name: 'random bytes', weight: 4, property: fc.property(byteDocument, offsets, (doc, at) => checkDocument(doc, at)) as fc.IProperty<unknown[]> },
    { name: 'random code units', weight: 3, property: fc.property(unicodeDocument, offsets, (doc, at) => checkDocument(doc, at)) as fc.IProperty<unknown[]> },
    { name: 'directives and $GENERATE', weight: 8, property: fc.property(directiveDocument, offsets, (doc, at) => checkTimed(doc, at)) as fc.IProperty<unknown[]> },
    { name: 'print round trip (directives)', weight: 3, property: fc.property(directiveDocument, (doc) => checkRoundTrip(doc)) as fc.IProperty<unknown[]> },
    { name: 'print round trip (valid zones)', weight: 6, property: fc.property(validZone, (doc) => checkRoundTrip(doc)) as fc.IProperty<unknown[]> },
    { name: 'print round trip (zone-like text)', weight: 4, property: fc.property(zoneDocument, (doc) => checkRoundTrip(doc)) as fc.IProperty<unknown[]> },
    { name: 'print round trip (mutated fixtures)', weight: 3, property: fc.property(fixtureDocument(), (doc) => checkRoundTrip(doc)) as fc.IProperty<unknown[]> },
  ];
}

/** What fuzz.test.ts asks of its worker (worker.ts): one property's batch. */
export interface WorkerTask {
  /** The property's name in fuzzProperties(), or LARGE_PROPERTY for the 100 KB inputs. */
  readonly name: string;
  readonly seed: number;
  readonly numRuns: number;
}

export interface WorkerResult {
  readonly numRuns: number;
  /** The failure report, when a case failed. */
  readonly failure?: string;
}

export const LARGE_PROPERTY = '100 KB inputs';

/** The time bound on 100 KB inputs: few runs, each expensive. */
export function largeProperty(): fc.IProperty<unknown[]> {
  return fc.property(largeDocument(LARGE_INPUT_CHARS), (doc) => checkLarge(doc)) as fc.IProperty<unknown[]>;
}
