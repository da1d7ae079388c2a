import type { Span } from '../text/span';

/**
 * A policy file read line by line (RFC 8461 §3.2): `key: value` lines ended
 * by LF or CRLF. Parsing never fails; what does not fit the grammar becomes
 * a problem and the rest of the file is still read.
 */
export interface PolicyLine {
  /** The line without its terminator. */
  readonly span: Span;
  /** The line with its terminator, for deleting it whole. */
  readonly fullSpan: Span;
  readonly key: string;
  readonly keySpan: Span;
  /** The value with the white space after the colon and at the end trimmed. */
  readonly value: string;
  readonly valueSpan: Span;
}

export interface PolicySyntaxProblem {
  readonly span: Span;
  readonly message: string;
  /** Blank lines and a byte-order mark are tolerated by lenient senders: a warning, not an error. */
  readonly severity: 'error' | 'warning';
  /** The span to delete to repair the problem, when deleting is the repair. */
  readonly remove?: Span;
}

export interface ParsedPolicy {
  readonly text: string;
  /** Well-formed `key: value` lines, in file order. */
  readonly lines: readonly PolicyLine[];
  readonly problems: readonly PolicySyntaxProblem[];
  /** The line terminator the file uses (the first one found), for edits that add lines. */
  readonly eol: '\n' | '\r\n';
}

/** RFC 8461 §3.2 sts-policy-ext-name: an alphanumeric, then up to 31 alphanumerics, `_`, `-` or `.`. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const WSP = /[ \t]/;
/** Control characters other than tab, which the grammar allows only as white space around the value. */
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/;

export function parsePolicy(text: string): ParsedPolicy {
  const lines: PolicyLine[] = [];
  const problems: PolicySyntaxProblem[] = [];
  let pos = 0;
  if (text.startsWith('\uFEFF')) {
    // Senders read the byte-order mark as part of the first key, which then is no longer `version`.
    problems.push({ span: { start: 0, end: 1 }, message: 'the file starts with a byte-order mark, which strict senders read as part of the first key', severity: 'warning', remove: { start: 0, end: 1 } });
    pos = 1;
  }
  const eolMatch = /\r?\n/.exec(text);
  const eol = eolMatch?.[0] === '\r\n' ? '\r\n' : '\n';

  // Bound: one pass per line; `pos` moves to the character after the line's end each time.
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
    const fullEnd = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, lineEnd);
    const span = { start: pos, end: lineEnd };
    const fullSpan = { start: pos, end: fullEnd };
    pos = fullEnd;
    if (line.trim() === '') {
      // The grammar has no empty lines: one terminator ends each field and the last is optional.
      problems.push({ span: line === '' ? fullSpan : span, message: 'blank line: the RFC 8461 grammar has no empty lines, so a strict parser rejects the policy', severity: 'warning', remove: fullSpan });
      continue;
    }
    if (line.startsWith('#')) {
      problems.push({ span, message: 'policy files have no comments: this line is not a field, and strict parsers reject the policy', severity: 'error' });
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) {
      problems.push({ span, message: `'${line.trim()}' is not a 'key: value' line`, severity: 'error' });
      continue;
    }
    const rawKey = line.slice(0, colon);
    const keySpan = { start: span.start, end: span.start + colon };
    if (!KEY.test(rawKey)) {
      const message = KEY.test(rawKey.trim())
        ? `white space around the key '${rawKey.trim()}': the key must start the line and touch the colon`
        : `'${rawKey}' is not a field name (a letter or digit, then up to 31 letters, digits, '_', '-' or '.')`;
      problems.push({ span: rawKey === '' ? span : keySpan, message, severity: 'error' });
      continue;
    }
    let vStart = colon + 1;
    while (vStart < line.length && WSP.test(line[vStart])) vStart++;
    let vEnd = line.length;
    while (vEnd > vStart && WSP.test(line[vEnd - 1])) vEnd--;
    const value = line.slice(vStart, vEnd);
    const valueSpan = { start: span.start + vStart, end: span.start + vEnd };
    if (value === '') {
      problems.push({ span, message: `'${rawKey}' has no value`, severity: 'error' });
      continue;
    }
    const control = CONTROL.exec(value);
    if (control) {
      const at = span.start + vStart + control.index;
      const shown = control[0] === '\r' ? 'a carriage return (lines end with LF or CRLF only)' : `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      problems.push({ span: { start: at, end: at + 1 }, message: `the value of '${rawKey}' contains ${shown}`, severity: 'error' });
      continue;
    }
    lines.push({ span, fullSpan, key: rawKey, keySpan, value, valueSpan });
  }
  return { text, lines, problems, eol };
}
