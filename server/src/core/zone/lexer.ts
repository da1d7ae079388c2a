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
  readonly problems: readonly EntryProblem[];
}

export interface EntryProblem {
  readonly span: Span;
  readonly message: string;
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

/** Most entries have no problem: they share this empty list rather than each allocating one. */
const NO_PROBLEMS: readonly EntryProblem[] = Object.freeze([]);

/** How far past a likely new entry an open parenthesis may run before it is judged unclosed. */
const RECOVERY_LINES = 100;

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
  const lexer = new EntryLexer(text);
  for (let entry = lexer.next(); entry; entry = lexer.next()) entries.push(entry);
  return entries;
}

/**
 * The lexer as a cursor: the parser takes one entry at a time, so a large
 * file's tokens never all exist at once (only the records built from them
 * stay). It is the hot loop of every check: it works on char codes, builds
 * no closures and allocates nothing but the tokens and their entry.
 */
export class EntryLexer {
  private pos: number;
  private lastStart = 0;

  constructor(private readonly text: string, start = 0) {
    // A byte-order mark is not part of the first owner name.
    this.pos = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
  }

  /** Where the next entry's text begins. */
  get offset(): number {
    return this.pos;
  }

  /**
   * The next entry, or undefined at the end of the text. Bound: each call to
   * `entry()` moves `pos` forward by at least one character (it reads to the
   * end of a line at least), so this loop runs at most once per character;
   * an entry's tokens are at most one per character it spans.
   */
  next(): Entry | undefined {
    const n = this.text.length;
    while (this.pos < n) {
      const from = this.pos;
      const entry = this.entry();
      if (entry) {
        this.lastStart = from;
        return entry;
      }
    }
    return undefined;
  }

  /**
   * Where the lexing of the entry {@link next} returned last began (its line's
   * start, or the text's): a lexer started there reads that entry again.
   */
  get entryStart(): number {
    return this.lastStart;
  }

  private entry(): Entry | undefined {
    const text = this.text;
    const n = text.length;
    let pos = this.pos;
    let tokens: Token[] = [];
    let problems: EntryProblem[] | undefined;
    const blankStart = pos < n && isBlank(text.charCodeAt(pos));
    // Parentheses open now, and where the outermost one is (the one reported when they never close).
    let depth = 0;
    let outerOpen = 0;
    // Where to cut if the parentheses never close: the first line inside them that looks like a new entry.
    let checkpointPos = -1;
    let checkpointTokens = 0;
    let checkpointProblems = 0;
    let checkpointLines = 0;

    // Bound: every branch moves `pos` forward (a word or quoted string by at least its first character),
    // so the loop runs at most once per character of the entry. The recovery cut only moves `pos` back to
    // a checkpoint inside this entry, once, after which the entry ends.
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === TAB) {
        pos++;
      } else if (c === SEMI) {
        while (pos < n && !isLineEnd(text.charCodeAt(pos))) pos++;
      } else if (c === LF || c === CR) {
        pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        if (depth === 0) break;
        if (checkpointPos >= 0) {
          if (++checkpointLines > RECOVERY_LINES) break;
        } else if (startsNewEntry(text, pos)) {
          checkpointPos = pos;
          checkpointTokens = tokens.length;
          checkpointProblems = problems?.length ?? 0;
          checkpointLines = 0;
        }
      } else if (c === OPEN) {
        if (depth++ === 0) outerOpen = pos;
        pos++;
      } else if (c === CLOSE) {
        if (depth === 0) (problems ??= []).push({ span: { start: pos, end: pos + 1 }, message: "unbalanced parentheses: ')' without '('" });
        else if (--depth === 0) checkpointPos = -1;
        pos++;
      } else if (c === QUOTE) {
        pos = this.quoted(pos, tokens, (problems ??= []));
      } else {
        pos = word(text, pos, tokens);
      }
    }

    if (depth > 0) {
      if (checkpointPos >= 0) {
        tokens = tokens.slice(0, checkpointTokens);
        if (problems) problems = problems.slice(0, checkpointProblems);
        pos = checkpointPos;
      }
      (problems ??= []).push({ span: { start: outerOpen, end: outerOpen + 1 }, message: "unbalanced parentheses: '(' is never closed" });
    }
    this.pos = pos;
    if (problems?.length === 0) problems = undefined;
    if (tokens.length === 0 && !problems) return undefined;
    let first = tokens.length ? tokens[0].span.start : Infinity;
    let last = tokens.length ? tokens[tokens.length - 1].span.end : 0;
    for (const p of problems ?? NO_PROBLEMS) {
      first = Math.min(first, p.span.start);
      last = Math.max(last, p.span.end);
    }
    return { tokens, blankStart, span: { start: first, end: last }, problems: problems ?? NO_PROBLEMS };
  }

  /** A quoted string ends at its closing quote; a line end inside it is an error, and the string ends there. */
  private quoted(start: number, tokens: Token[], problems: EntryProblem[]): number {
    const text = this.text;
    let pos = start + 1;
    const n = text.length;
    // Bound: one or two characters per pass, and the string ends at the end of its line.
    while (pos < n) {
      const c = text.charCodeAt(pos);
      // `\` before LF escapes the line end: the string holds a newline (RFC 1035 §5.1 `\X`; BIND reads it so).
      // Before CR it does not: BIND then finds the LF unescaped and rejects the string, and so does this.
      if (c === BACKSLASH && pos + 1 < n && (!isLineEnd(text.charCodeAt(pos + 1)) || text.charCodeAt(pos + 1) === LF)) {
        pos += 2;
      } else if (c === QUOTE) {
        pos++;
        tokens.push(new LexToken(true, start, pos, text.slice(start, pos)));
        return pos;
      } else if (isLineEnd(c)) {
        break;
      } else {
        pos++;
      }
    }
    problems.push({ span: { start, end: pos }, message: 'unterminated quoted string: the closing " is missing on this line' });
    tokens.push(new LexToken(true, start, pos, text.slice(start, pos)));
    return pos;
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isLineEnd(c: number): boolean {
  return c === LF || c === CR;
}

/** A line that begins with a name or a directive, as opposed to a continuation line. */
function startsNewEntry(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  return c === 36 /* $ */ || c === 64 /* @ */ || c === 42 /* * */ || c === 95 /* _ */ || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * A token as the lexer makes it: its span kept as two numbers and built when
 * asked for, one object instead of two for every rdata token a zone keeps.
 */
export class LexToken implements Token {
  constructor(
    readonly quoted: boolean,
    private readonly start: number,
    private readonly end: number,
    readonly raw: string,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

/** `token` over a source whose text moved by `delta`. */
export function shiftedToken(token: Token, delta: number): Token {
  const { start, end } = token.span;
  return token instanceof LexToken ? new LexToken(token.quoted, start + delta, end + delta, token.raw) : { quoted: token.quoted, raw: token.raw, span: { start: start + delta, end: end + delta } };
}

function word(text: string, start: number, tokens: Token[]): number {
  let pos = start;
  const n = text.length;
  // Bound: one or two characters per pass. The caller calls this only on a character that is none of
  // the delimiters, so the word is at least one character long and the caller's loop moves on.
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === BACKSLASH && pos + 1 < n && !isLineEnd(text.charCodeAt(pos + 1))) {
      pos += 2;
      continue;
    }
    if (c === SPACE || c === TAB || c === LF || c === CR || c === SEMI || c === OPEN || c === CLOSE || c === QUOTE) break;
    pos++;
  }
  tokens.push(new LexToken(false, start, pos, text.slice(start, pos)));
  return pos;
}
