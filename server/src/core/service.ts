/**
 * The facade of the analysis core: parse a document, analyse it, and hand
 * the model to the features. Hosts (language server, CLI, tests) call only
 * this and the feature modules.
 */
import { analyzeAfterEdit, analyzeKept, analyzeZone, type AnalysisMemo, type AnalyzeSettings } from './analysis/analyze';
import { ZoneView, type AnalysisOptions } from './model/zoneView';
import type { FileReader } from './io';
import type { StopSignal } from './stop';
import type { Finding } from './rules/rule';
import type { Zone } from './zone/ast';
import { parseZone, reparseZone, type RecordEdit, type TextChange } from './zone/parser';

export interface DocumentInput {
  readonly text: string;
  /** The document's path (or URI path): `$INCLUDE` resolves relative to it. */
  readonly file?: string;
  /** Origin in force at the top of the file, when the file has no `$ORIGIN`. */
  readonly origin?: string;
  readonly reader?: FileReader;
  /** Stops the parse when the host's budget runs out (see stop.ts); the analysis takes its own in its settings. */
  readonly stop?: StopSignal;
}

export interface Analysis {
  /** The analysed text: features read token text from it by span. */
  readonly text: string;
  readonly zone: Zone;
  readonly view: ZoneView;
  readonly findings: readonly Finding[];
  /** What each rule found and read, kept when the host asked for it, so that the next edit is analysed incrementally. */
  readonly memo?: AnalysisMemo;
  /** True when this analysis was made from the previous one, running again only what an edit touched. */
  readonly incremental?: boolean;
}

/** A parsed document; `edit` when it was made from an earlier parse by re-reading one record. */
export interface ParsedDocument {
  readonly text: string;
  readonly zone: Zone;
  readonly edit?: { readonly from: Zone; readonly record: RecordEdit };
}

export function analyzeDocument(input: DocumentInput, settings: AnalyzeSettings): Analysis {
  return analyzeParsed(parseDocument(input), settings);
}

/**
 * The two halves of {@link analyzeDocument}, for a host that wants to check
 * between them whether the text it is working on is still current: an
 * editor drops the analysis of a version the user has already typed past.
 */
export function parseDocument(input: DocumentInput, since?: { readonly zone: Zone; readonly change: TextChange }): ParsedDocument {
  const options = { file: input.file, origin: input.origin, reader: input.reader, stop: input.stop };
  // After one edit of a parsed text, only the entry it falls in is read again when that is safe (see reparseZone).
  const reparsed = since && reparseZone(since.zone, input.text, since.change, options);
  if (reparsed) return { text: input.text, zone: reparsed.zone, edit: { from: since.zone, record: reparsed.edit } };
  return { text: input.text, zone: parseZone(input.text, options) };
}

/**
 * Analyses a parsed document. A host that analyses the same document again
 * and again (an editor) passes `previous`, the document's last analysis, or
 * `'none'` for its first: the result then keeps what each rule found and
 * read, and when the parse was one record re-read from that analysis's
 * zone, only what the edit can have changed is analysed again (see
 * analyzeAfterEdit). A host that analyses once (the CLI) passes nothing and
 * keeps nothing.
 */
export function analyzeParsed(parsed: ParsedDocument, settings: AnalyzeSettings, previous?: Analysis | 'none'): Analysis {
  if (previous === undefined) {
    const view = new ZoneView(parsed.zone, settings);
    return { text: parsed.text, zone: parsed.zone, view, findings: analyzeZone(parsed.zone, settings, view) };
  }
  const memo = previous !== 'none' && parsed.edit && previous.zone === parsed.edit.from ? previous.memo : undefined;
  const after = memo && parsed.edit && analyzeAfterEdit(memo, parsed.zone, parsed.edit.record, settings);
  const result = after || analyzeKept(new ZoneView(parsed.zone, settings), settings);
  return { text: parsed.text, zone: parsed.zone, view: result.memo.view, findings: result.findings, memo: result.memo, incremental: after ? true : undefined };
}

/**
 * The model of a parsed document with no findings: the zone and its view,
 * for a host that runs the rules elsewhere (the language server answers
 * hover and completion from this while its worker thread analyses). When
 * the parse re-read one record of `previous`'s zone, the view is moved from
 * `previous`'s instead of built again over every record.
 */
export function modelOf(parsed: ParsedDocument, options: AnalysisOptions, previous?: Analysis): Analysis {
  const moved = previous && parsed.edit && previous.zone === parsed.edit.from ? previous.view.afterEdit(parsed.zone, parsed.edit.record, options)?.view : undefined;
  return { text: parsed.text, zone: parsed.zone, view: moved ?? new ZoneView(parsed.zone, options), findings: [] };
}
