/**
 * Source edits for SPF quick fixes. Edits inside a value go through
 * `records/txtEdits.ts`, which keeps them inside the right character-string;
 * this module adds what SPF fixes need on top: removing a term with its
 * separator, appending a term, writing a whole record as strings split
 * between terms, and removing a record's entry from the zone.
 */
import type { TextEdit } from '../../rules/rule';
import type { ResourceRecord, TxtValue, Zone } from '../../zone/ast';
import { quoteString } from '../../zone/strings';
import { deleteInTxt, insertInTxt } from '../txtEdits';

/** A character-string may hold at most 255 octets (RFC 1035 §3.3). */
const MAX_STRING = 255;

function octets(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Removes a term and the spaces before it (there is always at least `v=spf1` before a term). */
export function removeTerm(txt: TxtValue, term: { start: number; end: number }, file?: string): TextEdit[] | undefined {
  let start = term.start;
  while (start > 0 && txt.text[start - 1] === ' ') start--;
  return deleteInTxt(txt, { start, end: term.end }, file);
}

/** Appends ` text` to the record's value (as a string of its own when the last one is full). */
export function appendToValue(txt: TxtValue, text: string, file?: string): TextEdit[] | undefined {
  const sep = txt.text.endsWith(' ') ? '' : ' ';
  return insertInTxt(txt, txt.text.length, sep + text, file);
}

/** The value as quoted strings of at most 255 octets, split after spaces so the joins keep their separators. */
export function quoteValue(value: string): string {
  const words = value.split(/(?<= )/);
  const chunks: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && octets(current + word) > MAX_STRING) {
      chunks.push(current);
      current = '';
    }
    current += word;
  }
  if (current || chunks.length === 0) chunks.push(current);
  return chunks.map(quoteString).join(' ');
}

/** The text a record's spans point into: the document, or the `$INCLUDE`d file it came from. */
export function sourceText(zone: Zone, file: string | undefined): string {
  return file === undefined ? zone.text : zone.files.get(file) ?? '';
}

/** Replaces all of a record's rdata tokens with `newText`; parentheses and comments around them stay. */
export function replaceRdata(record: ResourceRecord, newText: string): TextEdit | undefined {
  const first = record.rdata[0];
  const last = record.rdata[record.rdata.length - 1];
  if (!first || !last) return undefined;
  return { file: record.file, span: { start: first.span.start, end: last.span.end }, newText };
}

/**
 * Deletes a record's entry: its whole lines when nothing else stands on
 * them (the comment after it goes too), else just its span. When the next
 * entry inherits its owner from this one, that entry gets the owner written
 * out (absolute, so `$ORIGIN` cannot change its meaning).
 */
export function deleteRecord(zone: Zone, record: ResourceRecord): TextEdit[] | undefined {
  const text = sourceText(zone, record.file);
  if (!text) return undefined;
  let start = record.span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const wholeLines = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  let end = record.span.end;
  if (wholeLines) {
    const closed = entryEnd(text, record.span.end, openParens(text, record.span.start, record.span.end));
    if (closed === undefined) return undefined;
    end = closed;
  } else {
    start = record.span.start;
  }
  const edits: TextEdit[] = [{ file: record.file, span: { start, end }, newText: '' }];
  const next = zone.records.find((r) => r.file === record.file && r.span.start >= end);
  if (next && !next.ownerSpan && record.ownerSpan) {
    // The next entry's line starts with blanks (that is how it inherits); write the owner in their place.
    let lineStart = next.span.start;
    while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
    edits.push({ file: record.file, span: { start: lineStart, end: next.span.start }, newText: `${record.owner}\t` });
  }
  return edits;
}

/** Parentheses opened and not closed in text[from, to), skipping quoted strings, escapes and comments. */
function openParens(text: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') {
      for (i++; i < to && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === ';') {
      while (i < to && text[i] !== '\n') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return Math.max(0, depth);
}

/**
 * The end of the line that closes an entry ending at `offset`, after its
 * closing parenthesis and comment, including the line break. Undefined when
 * something other than a parenthesis or a comment follows on that line.
 */
function entryEnd(text: string, offset: number, open: number): number | undefined {
  let i = offset;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || (open > 0 && (text[i] === '\n' || text[i] === '\r')))) i++;
    if (text[i] === ')') {
      open--;
      i++;
      continue;
    }
    if (text[i] === ';') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      // Inside parentheses the entry goes on past the comment to its closing parenthesis.
      if (open > 0 && i < text.length) continue;
    }
    break;
  }
  if (i < text.length && text[i] !== '\n' && text[i] !== '\r') return undefined;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}
