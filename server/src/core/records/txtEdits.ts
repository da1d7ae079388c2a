/**
 * Quick fixes speak in value offsets ("replace characters 12-15 of the
 * joined TXT value"); an editor needs source edits. A TXT value is several
 * quoted character-strings, possibly on several lines with comments between,
 * and with escapes inside. These helpers turn a value edit into source edits
 * that stay inside the strings, so the quotes, parentheses, line breaks and
 * comments around them are left as they were, and no string grows past the
 * 255 octets a character-string can hold (RFC 1035 §3.3).
 */
import type { TextEdit } from '../rules/rule';
import type { Span } from '../text/span';
import type { CharString, TxtValue } from '../zone/ast';

export const MAX_STRING_OCTETS = 255;

/** Escapes text for the inside of a quoted zone-file string. */
export function quoteContent(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`);
}

/**
 * Text as quoted strings of at most 255 octets each, separated by a space:
 * `"first 255" "rest"`. A long key replaced by a fix stays loadable.
 */
export function asStrings(text: string): string {
  const chunks: string[] = [];
  let chunk = '';
  let size = 0;
  for (const ch of text) {
    const n = octets(ch);
    if (size + n > MAX_STRING_OCTETS) {
      chunks.push(chunk);
      chunk = '';
      size = 0;
    }
    chunk += ch;
    size += n;
  }
  chunks.push(chunk);
  return chunks.map((c) => `"${quoteContent(c)}"`).join(' ');
}

/** Octets of text as it will sit in a string: UTF-8 for what is not ASCII. */
function octets(text: string): number {
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}

interface Piece {
  readonly string: CharString;
  /** Value offset where this string starts. */
  readonly offset: number;
}

function pieces(txt: TxtValue): Piece[] {
  const out: Piece[] = [];
  let offset = 0;
  for (const string of txt.strings) {
    out.push({ string, offset });
    offset += string.value.length;
  }
  return out;
}

/**
 * Source edits that replace value characters [start, end) of a TXT record
 * with `text`. Returns undefined when the record has an unquoted string
 * among those touched (edits there could change how it tokenises; the
 * `txt-unquoted` finding comes first) or the range is outside the value.
 * `file` is the record's file, for records from `$INCLUDE`d files.
 */
export function replaceInTxt(txt: TxtValue, range: Span, text: string, file?: string): TextEdit[] | undefined {
  const { start, end } = range;
  if (start < 0 || end < start || end > txt.text.length) return undefined;
  const all = pieces(txt);
  if (all.length === 0) return undefined;
  const edits: TextEdit[] = [];

  // Deletions, one per string the range covers, each inside its string.
  let insertPiece: Piece | undefined;
  let deletedInInsertPiece = 0;
  for (const piece of all) {
    const length = piece.string.value.length;
    const localStart = Math.max(0, start - piece.offset);
    const localEnd = Math.min(length, end - piece.offset);
    if (localEnd <= localStart) continue;
    if (!piece.string.token.quoted) return undefined;
    const span = piece.string.map.toSourceSpan(localStart, localEnd);
    edits.push({ span, newText: '', file });
    if (!insertPiece) {
      insertPiece = piece;
      deletedInInsertPiece = octets(piece.string.value.slice(localStart, localEnd));
    }
  }
  if (text.length === 0) return edits;

  // The insertion goes where the range starts: into the first string it touches,
  // or for an empty range, the string that holds the character at `start`
  // (the last string when `start` is the end of the value).
  if (!insertPiece) {
    insertPiece = all.find((p) => start >= p.offset && start < p.offset + p.string.value.length) ?? all[all.length - 1];
    if (start < insertPiece.offset || start > insertPiece.offset + insertPiece.string.value.length) return undefined;
  }
  const string = insertPiece.string;
  if (!string.token.quoted) return undefined;
  const local = start - insertPiece.offset;
  const at = local < string.value.length ? string.map.toSource(local) : stringContentEnd(string);
  const fits = string.octets - deletedInInsertPiece + octets(text) <= MAX_STRING_OCTETS;
  // When the text would not fit, close the string, put the text in strings of
  // its own and reopen: `"ab" "new" "cd"` joins to the same value as `"abnewcd"`.
  if (!fits) {
    // At either end of the string the text can stand as a string of its own beside it.
    const restDeleted = Math.min(end, insertPiece.offset + string.value.length) - start;
    const atStart = local === 0;
    const atEnd = local + restDeleted >= string.value.length;
    if (atStart || atEnd) {
      const position = atStart ? string.token.span.start : string.token.span.end;
      edits.push({ span: { start: position, end: position }, newText: atStart ? `${asStrings(text)} ` : ` ${asStrings(text)}`, file });
      return edits.sort((a, b) => a.span.start - b.span.start);
    }
  }
  const newText = fits ? quoteContent(text) : `" ${asStrings(text)} "`;
  const first = edits.find((e) => e.span.start === at);
  if (first) {
    edits[edits.indexOf(first)] = { span: first.span, newText, file };
  } else {
    edits.push({ span: { start: at, end: at }, newText, file });
  }
  return edits.sort((a, b) => a.span.start - b.span.start);
}

/** Source offset of a quoted string's closing quote. */
function stringContentEnd(string: CharString): number {
  return string.token.quoted ? string.token.span.end - 1 : string.token.span.end;
}

export function insertInTxt(txt: TxtValue, offset: number, text: string, file?: string): TextEdit[] | undefined {
  return replaceInTxt(txt, { start: offset, end: offset }, text, file);
}

export function deleteInTxt(txt: TxtValue, range: Span, file?: string): TextEdit[] | undefined {
  return replaceInTxt(txt, range, '', file);
}
