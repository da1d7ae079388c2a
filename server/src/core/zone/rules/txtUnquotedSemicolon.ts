import type { ZoneView } from '../../model/zoneView';
import type { Fix } from '../../rules/rule';
import { lineEnd } from '../../text/lines';
import type { Span } from '../../text/span';
import type { ResourceRecord, Token } from '../ast';
import { escapeForQuotes, innerRaw, intendedKind, isBlank, KIND_NAMES, sourceOf, TAG_LIST_KINDS, textRecord } from './common';
import { recordRule, type ZoneRule } from '../../rules/zoneRule';

/** A comment that reads like the rest of a tag list: `; p=none; rua=…`, `; k=rsa; p=MIIB…`. */
const MORE_TAGS = /^;\s*[A-Za-z][A-Za-z0-9_]*\s*=/;

export interface TruncatingComment {
  /** The unquoted token the record now ends with. */
  readonly token: Token;
  /** The comment: from its `;` to the last non-blank character of the line. */
  readonly span: Span;
  readonly text: string;
}

/**
 * Finds the `;` comment that cut a tag-list record short: an unquoted rdata
 * token followed, on the same line, by a comment that looks like more tags.
 * The parser has already dropped the comment, so this reads the source.
 */
export function truncatingComment(view: ZoneView, record: ResourceRecord): TruncatingComment | undefined {
  const txt = textRecord(record);
  // Only an unquoted token can be followed by a comment: most records are quoted and end here.
  if (!txt || txt.strings.every((s) => s.token.quoted)) return undefined;
  const kind = intendedKind(view, record);
  if (!kind || !TAG_LIST_KINDS.has(kind)) return undefined;
  const source = sourceOf(view.zone, record.file);
  for (const { token } of txt.strings) {
    if (token.quoted) continue;
    let i = token.span.end;
    while (isBlank(source[i])) i++;
    if (source[i] !== ';') continue;
    const end = lineEnd(source, i);
    const text = source.slice(i, end).trimEnd();
    if (MORE_TAGS.test(text)) return { token, span: { start: i, end: i + text.length }, text };
  }
  return undefined;
}

/** `txt-unquoted-semicolon`: an unquoted `;` started a comment and silently truncated a tag-list record. */
export const txtUnquotedSemicolon: ZoneRule = recordRule({
  id: 'txt-unquoted-semicolon',
  severity: 'error',
  summary: 'An unquoted ";" in a DKIM or DMARC record starts a comment: everything after it is silently dropped.',
  rfc: 'RFC 1035 §5.1',
  each: { types: ['TXT', 'SPF'] },
  checkRecord(view, record, report) {
    const cut = truncatingComment(view, record);
    if (!cut) return;
    const kind = KIND_NAMES[intendedKind(view, record)!];
    const kept = record.txt!.text;
    const fix = quoteWithComment(view, record, cut);
    report(
      cut.span,
      `unquoted ';' starts a comment: the ${kind} record ends at '${kept}' and '${shorten(cut.text)}' is dropped; put the whole value in double quotes`,
      { file: record.file, fixes: fix ? [fix] : undefined },
    );
  },
});

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Quotes the tokens and the comment as one string, as the author meant it.
 * Offered only when they all sit on one line with nothing but blanks
 * between them, so the edit cannot swallow a parenthesis or another comment.
 */
function quoteWithComment(view: ZoneView, record: ResourceRecord, cut: TruncatingComment): Fix | undefined {
  const source = sourceOf(view.zone, record.file);
  const tokens = record.txt!.strings.map((s) => s.token);
  const last = tokens[tokens.length - 1];
  if (last !== cut.token) return undefined;
  for (let k = 1; k < tokens.length; k++) {
    if (!/^[ \t]+$/.test(source.slice(tokens[k - 1].span.end, tokens[k].span.start))) return undefined;
  }
  const words = tokens.map((t) => innerRaw(t)).join(' ');
  const rest = escapeForQuotes(cut.text);
  return {
    title: 'Quote the whole value, comment included',
    edits: [{ span: { start: tokens[0].span.start, end: cut.span.end }, newText: `"${words}${rest}"`, file: record.file }],
    preferred: true,
  };
}
