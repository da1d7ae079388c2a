import type { Span } from '../text/span';
import type { Token } from './ast';

/**
 * One logical entry of a master file (RFC 1035 §5.1): the tokens of one line,
 * or of several lines joined by parentheses. Comments are dropped.
 */
export interface Entry {
  readonly tokens: Token[];
  /** The entry's line began with a blank: the owner is inherited. */
  readonly blankStart: boolean;
  readonly span: Span;
  /** Lexical problems: unterminated string, unbalanced parenthesis. */
  readonly problems: { span: Span; message: string }[];
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const SEMI = 59;
const OPEN = 40;
const CLOSE = 41;
const BACKSLASH = 92;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isLineEnd(c: number): boolean {
  return c === LF || c === CR;
}

/**
 * Splits a master file into entries. It never throws. A `(` that is not
 * closed would swallow the rest of the file; instead, when the parentheses
 * are still open {@link RECOVERY_LINES} lines after a line that starts like
 * a new entry (an owner name or a directive at column 0), the entry is cut
 * before that line and the `(` reported, so one broken record cannot hide
 * the findings on every record after it. Correct files never reach that.
 */
export function lex(text: string): Entry[] {
  const entries: Entry[] = [];
  // A byte-order mark is not part of the first owner name.
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const { entry, next } = lexEntry(text, pos);
    if (entry) entries.push(entry);
    pos = next;
  }
  return entries;
}

/** How far past a likely new entry an open parenthesis may run before it is judged unclosed. */
const RECOVERY_LINES = 100;

function lexEntry(text: string, start: number): { entry?: Entry; next: number } {
  let tokens: Token[] = [];
  let problems: Entry['problems'] = [];
  const blankStart = start < text.length && isBlank(text.charCodeAt(start));
  const opens: number[] = [];
  let pos = start;
  const n = text.length;
  // Where to cut if the parentheses never close: the first line inside them that looks like a new entry.
  let checkpoint: { pos: number; tokens: number; problems: number; lines: number } | undefined;

  const cut = (): void => {
    problems.push({ span: { start: opens[0], end: opens[0] + 1 }, message: "unbalanced parentheses: '(' is never closed" });
    opens.length = 0;
  };

  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (isBlank(c)) {
      pos++;
    } else if (c === SEMI) {
      while (pos < n && !isLineEnd(text.charCodeAt(pos))) pos++;
    } else if (isLineEnd(c)) {
      pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      if (opens.length === 0) break;
      if (checkpoint) {
        if (++checkpoint.lines > RECOVERY_LINES) break;
      } else if (startsNewEntry(text, pos)) {
        checkpoint = { pos, tokens: tokens.length, problems: problems.length, lines: 0 };
      }
    } else if (c === OPEN) {
      opens.push(pos);
      pos++;
    } else if (c === CLOSE) {
      if (opens.length === 0) problems.push({ span: { start: pos, end: pos + 1 }, message: "unbalanced parentheses: ')' without '('" });
      else opens.pop();
      if (opens.length === 0) checkpoint = undefined;
      pos++;
    } else if (c === QUOTE) {
      pos = lexQuoted(text, pos, tokens, problems);
    } else {
      pos = lexWord(text, pos, tokens);
    }
  }

  if (opens.length > 0) {
    if (checkpoint) {
      tokens = tokens.slice(0, checkpoint.tokens);
      problems = problems.slice(0, checkpoint.problems);
      pos = checkpoint.pos;
    }
    cut();
  }
  if (tokens.length === 0 && problems.length === 0) return { next: pos };
  let first = tokens.length ? tokens[0].span.start : Infinity;
  let last = tokens.length ? tokens[tokens.length - 1].span.end : 0;
  for (const p of problems) {
    first = Math.min(first, p.span.start);
    last = Math.max(last, p.span.end);
  }
  return { entry: { tokens, blankStart, span: { start: first, end: last }, problems }, next: pos };
}

/** A line that begins with a name or a directive, as opposed to a continuation line. */
function startsNewEntry(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  return c === 36 /* $ */ || c === 64 /* @ */ || c === 42 /* * */ || c === 95 /* _ */ || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A quoted string ends at its closing quote; a line end inside it is an error, and the string ends there. */
function lexQuoted(text: string, start: number, tokens: Token[], problems: Entry['problems']): number {
  let pos = start + 1;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    // `\` before LF escapes the line end: the string holds a newline (RFC 1035 §5.1 `\X`; BIND reads it so).
    // Before CR it does not: BIND then finds the LF unescaped and rejects the string, and so does this.
    if (c === BACKSLASH && pos + 1 < n && (!isLineEnd(text.charCodeAt(pos + 1)) || text.charCodeAt(pos + 1) === LF)) {
      pos += 2;
    } else if (c === QUOTE) {
      pos++;
      tokens.push({ quoted: true, span: { start, end: pos }, raw: text.slice(start, pos) });
      return pos;
    } else if (isLineEnd(c)) {
      break;
    } else {
      pos++;
    }
  }
  problems.push({ span: { start, end: pos }, message: 'unterminated quoted string: the closing " is missing on this line' });
  tokens.push({ quoted: true, span: { start, end: pos }, raw: text.slice(start, pos) });
  return pos;
}

function lexWord(text: string, start: number, tokens: Token[]): number {
  let pos = start;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === BACKSLASH && pos + 1 < n && !isLineEnd(text.charCodeAt(pos + 1))) {
      pos += 2;
      continue;
    }
    if (isBlank(c) || isLineEnd(c) || c === SEMI || c === OPEN || c === CLOSE || c === QUOTE) break;
    pos++;
  }
  tokens.push({ quoted: false, span: { start, end: pos }, raw: text.slice(start, pos) });
  return pos;
}
