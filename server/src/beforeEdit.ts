/**
 * Answers a request about the current text from the model of the version
 * before a pending edit, when the edit cannot change the answer. A keystroke
 * in a 100,000-record zone costs the main thread a re-parse of the edited
 * entry and a new view (tens of milliseconds, with the garbage they leave);
 * a hover or completion sent right behind it should not wait for that.
 *
 * The edit qualifies when it changes only characters inside one quoted
 * string of one TXT record of the document itself, adds or removes no quote,
 * escape, blank, parenthesis, semicolon or line break (so every token and
 * entry keeps its extent), and leaves the record's mail kind as it was (so
 * the view's groups and the facts derived from names, types and kinds stay
 * true). A request qualifies when it is outside the edited record's lines
 * and owner, and what it reads through the view (noted as the incremental
 * analysis notes a rule's reads) does not include the edited record's owner,
 * type or kind, or any value derived from records' content. Then the answer
 * is the one the new model would give, with its offsets moved past the edit.
 */
import { classify } from './core/model/classify';
import type { Reads } from './core/model/zoneView';
import type { Analysis } from './core/service';
import type { Span } from './core/text/span';
import type { ResourceRecord } from './core/zone/ast';
import { locate } from './core/features/locate';
import type { TextChange } from './core/zone/parser';

/** A model of the version before `change`, with what the change touched. */
export interface EditedModel {
  readonly analysis: Analysis;
  readonly change: TextChange;
  /** The record whose text the change edits. */
  readonly record: ResourceRecord;
  /** Old offsets no request may fall in: the edited record and its lines, line breaks included. */
  readonly guard: Span;
}

/** Characters that, added or removed, could change a token's or an entry's extent or an escape's meaning. */
const STRUCTURAL = /[\s"\\();]/;

/** How far before an edit a backslash could make an escape (`\DDD`) the edit extends. */
const ESCAPE_REACH = 3;

/**
 * The edited model when `change` (in `analysis`'s text) qualifies (see the
 * module comment); undefined when the next model must be made first.
 */
export function editedModel(analysis: Analysis, change: TextChange): EditedModel | undefined {
  const text = analysis.text;
  const { start, end } = change;
  const inserted = change.text;
  if (inserted === undefined || inserted.length !== change.newLength || STRUCTURAL.test(inserted)) return undefined;
  if (end - start > 256 || STRUCTURAL.test(text.slice(start, end)) || text.slice(Math.max(0, start - ESCAPE_REACH), start).includes('\\')) return undefined;
  const at = locate(analysis.zone, start);
  if (at?.kind !== 'value' || at.record.file !== undefined || !at.record.txt) return undefined;
  const { record, token } = at;
  const closed = token.quoted && token.raw.length > 1 && token.raw.endsWith('"');
  // Strictly inside the quotes, so the change is characters of the string's value and nothing else.
  if (!token.quoted || !closed || start <= token.span.start || end >= token.span.end) return undefined;
  const txt = record.txt!;
  const from = txt.map.fromSource(start);
  const to = txt.map.fromSource(end);
  // Without escapes in reach, source and value characters correspond one to one across the change.
  if (to - from !== end - start) return undefined;
  const after = txt.text.slice(0, from) + inserted + txt.text.slice(to);
  if (classify({ ...record, txt: { ...txt, text: after } }) !== analysis.view.kindOf(record)) return undefined;
  const guard = { start: lineStartBefore(text, Math.min(record.span.start, start)), end: lineEndAfter(text, Math.max(record.span.end, end)) };
  return { analysis, change, record, guard };
}

/**
 * `compute` at `offset` of the current text, run on the model before the
 * edit, or undefined when the edit could change what it answers. `respan`
 * gives the answer with each span moved by `move`; a span that reaches
 * into the edit makes the whole answer refused (undefined).
 */
export function answerBefore<T>(
  edited: EditedModel,
  offset: number,
  compute: (analysis: Analysis, offset: number) => T,
  respan: (value: T, move: (span: Span) => Span) => T,
): { readonly value: T } | undefined {
  const { change, guard, record, analysis } = edited;
  const delta = change.newLength - (change.end - change.start);
  // The request's offset in the old text; offsets inside what the edit inserted have none.
  const old = offset <= change.start ? offset : offset >= change.start + change.newLength ? offset - delta : -1;
  if (old < 0 || (old >= guard.start && old <= guard.end)) return undefined;
  const at = locate(analysis.zone, old);
  const asked = at && 'record' in at ? at.record : undefined;
  if (asked && (asked === record || asked.owner === record.owner)) return undefined;
  const reads: Reads = {};
  const view = analysis.view;
  // Reads of the asked record's own owner are not noted: that owner is not the edited record's (checked above).
  view.beginTracking(asked ?? NO_RECORD, reads);
  let value: T;
  try {
    value = compute(analysis, old);
  } finally {
    view.endTracking();
  }
  const kind = view.kindOf(record);
  if (reads.owners?.has(record.owner) || reads.types?.has(record.type) || (kind !== undefined && reads.kinds?.has(kind)) || (reads.derived?.size ?? 0) > 0) return undefined;
  let refused = false;
  const move = (span: Span): Span => {
    if (span.end <= change.start) return span;
    if (span.start >= change.end) return { start: span.start + delta, end: span.end + delta };
    refused = true;
    return span;
  };
  const moved = respan(value, move);
  return refused ? undefined : { value: moved };
}

/** What reads are noted beyond when a request is at no record: a record of no owner a zone can have. */
const NO_RECORD = { owner: '' } as ResourceRecord;

function lineStartBefore(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text.charCodeAt(at - 1) !== 10 && text.charCodeAt(at - 1) !== 13) at--;
  return at;
}

function lineEndAfter(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
  // The line break itself belongs to the guarded lines: a request there reads the line before it.
  if (text.charCodeAt(at) === 13) at++;
  if (text.charCodeAt(at) === 10) at++;
  return at;
}
