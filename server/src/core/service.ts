/**
 * The facade of the analysis core: parse a document, analyse it, and hand
 * the model to the features. Hosts (language server, CLI, tests) call only
 * this and the feature modules.
 */
import { analyzeZone, type AnalyzeSettings } from './analysis/analyze';
import { ZoneView } from './model/zoneView';
import type { FileReader } from './io';
import type { Finding } from './rules/rule';
import type { Zone } from './zone/ast';
import { parseZone, reparseZone, type TextChange } from './zone/parser';

export interface DocumentInput {
  readonly text: string;
  /** The document's path (or URI path): `$INCLUDE` resolves relative to it. */
  readonly file?: string;
  /** Origin in force at the top of the file, when the file has no `$ORIGIN`. */
  readonly origin?: string;
  readonly reader?: FileReader;
}

export interface Analysis {
  /** The analysed text: features read token text from it by span. */
  readonly text: string;
  readonly zone: Zone;
  readonly view: ZoneView;
  readonly findings: readonly Finding[];
}

export function analyzeDocument(input: DocumentInput, settings: AnalyzeSettings): Analysis {
  return analyzeParsed(parseDocument(input), settings);
}

/**
 * The two halves of {@link analyzeDocument}, for a host that wants to check
 * between them whether the text it is working on is still current: an
 * editor drops the analysis of a version the user has already typed past.
 */
export function parseDocument(input: DocumentInput, since?: { readonly zone: Zone; readonly change: TextChange }): { readonly text: string; readonly zone: Zone } {
  const options = { file: input.file, origin: input.origin, reader: input.reader };
  // After one edit of a parsed text, only the entry it falls in is read again when that is safe (see reparseZone).
  const zone = (since && reparseZone(since.zone, input.text, since.change, options)) || parseZone(input.text, options);
  return { text: input.text, zone };
}

export function analyzeParsed(parsed: { readonly text: string; readonly zone: Zone }, settings: AnalyzeSettings): Analysis {
  const view = new ZoneView(parsed.zone, settings);
  return { text: parsed.text, zone: parsed.zone, view, findings: analyzeZone(parsed.zone, settings, view) };
}
