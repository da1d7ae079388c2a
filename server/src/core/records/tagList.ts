/**
 * The `tag=value; tag=value` lists that DKIM keys (RFC 6376 §3.2), DMARC
 * (RFC 7489 §6.4, RFC 9989 §4.8), MTA-STS (RFC 8461 §3.1), TLS-RPT (RFC 8460
 * §3) and BIMI records are written in. They differ only in small things —
 * which whitespace may surround a tag, which characters a name and a value
 * may hold, whether a value may be empty — so one parser takes those as a
 * {@link TagListSyntax} and each record module keeps its own.
 *
 * The parser never throws and never gives up: every `;`-separated segment
 * that has an `=` becomes a {@link Tag} (even with a bad name or value, so
 * later checks and hovers can still speak about it), and whatever breaks the
 * grammar becomes a {@link TagListError} with the offsets it concerns.
 * Offsets are into the text given, which for a TXT record is the joined,
 * unescaped value (`txt.text`); `txt.map` takes them to the source.
 */
import type { Span } from '../text/span';

export interface TagListSyntax {
  /**
   * Whitespace allowed around names, `=` and `;`: `wsp` is space and tab
   * (DMARC, MTA-STS, TLS-RPT); `fws` adds CR and LF, the folding white space
   * of RFC 5322 that DKIM admits (RFC 6376 §2.8).
   */
  readonly whitespace: 'wsp' | 'fws';
  /** A whole tag name must match this. */
  readonly name: RegExp;
  /** How a valid name looks, for messages: `a letter, then letters, digits or "_"`. */
  readonly nameRule: string;
  /** Whether a character (by UTF-16 code) may appear in a value, whitespace aside. */
  readonly valueChar: (code: number) => boolean;
  /** Whether whitespace may appear inside a value (between value characters). */
  readonly innerWhitespace: boolean;
  /** Whether `tag=` with nothing after it is allowed (DKIM's `p=` is: it revokes the key). */
  readonly emptyValue: boolean;
}

export interface Tag {
  /** The name as written. */
  readonly name: string;
  /** The value without the white space around it. */
  readonly value: string;
  readonly nameSpan: Span;
  /** Empty (start === end) for an empty value, placed right after the `=` and its white space. */
  readonly valueSpan: Span;
  /** From the start of the name to the end of the value. */
  readonly span: Span;
  /** Offset of the `=`. */
  readonly equals: number;
  /** Position among the list's tags, from 0. */
  readonly index: number;
}

export type TagListErrorKind =
  /** Nothing (or only white space) between two `;`, or before the first. */
  | 'empty-tag'
  /** A segment with no `=`. */
  | 'missing-equals'
  /** `=value` with no name before it. */
  | 'missing-name'
  /** A name that breaks the syntax's name rule (`p v=`, `_p=`, `ü=`). */
  | 'bad-name'
  /** A character the value grammar does not allow; one error per run of such characters. */
  | 'bad-value-char'
  /** White space inside a value of a syntax that allows none. */
  | 'inner-whitespace'
  /** `tag=` with nothing after it, where the syntax needs a value. */
  | 'empty-value';

export interface TagListError {
  readonly kind: TagListErrorKind;
  readonly span: Span;
  readonly message: string;
  /** The tag the error is about, when the segment became one. */
  readonly tag?: Tag;
}

export interface TagList {
  readonly text: string;
  readonly tags: readonly Tag[];
  /** Offsets of the `;` separators, in order. */
  readonly separators: readonly number[];
  readonly errors: readonly TagListError[];
}

/** RFC 6376 VALCHAR and friends: the printable ASCII range without `;`. */
export function isPrintableNotSemicolon(code: number): boolean {
  return code >= 0x21 && code <= 0x7e && code !== 0x3b;
}

/** Printable ASCII without `;` and `=`: MTA-STS and TLS-RPT values (RFC 8461 §3.1, RFC 8460 §3). */
export function isPrintableNotSemicolonOrEquals(code: number): boolean {
  return isPrintableNotSemicolon(code) && code !== 0x3d;
}

function isWhitespace(code: number, syntax: TagListSyntax): boolean {
  return code === 0x20 || code === 0x09 || (syntax.whitespace === 'fws' && (code === 0x0d || code === 0x0a));
}

/** How a character looks in a message: printable ones quoted, others by code point. */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x21 && code <= 0x7e) return `'${ch}'`;
  if (code === 0x20) return 'a space';
  if (code === 0x09) return 'a tab';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Parses `text` (or the part [start, end)) as a tag list. The final `;` is
 * optional in every syntax that uses this.
 */
export function parseTagList(text: string, syntax: TagListSyntax, start = 0, end = text.length): TagList {
  const tags: Tag[] = [];
  const separators: number[] = [];
  const errors: TagListError[] = [];

  let segmentStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 0x3b) continue;
    const isLast = i === end;
    if (!isLast) separators.push(i);
    readSegment(text, segmentStart, i, isLast, syntax, tags, errors);
    segmentStart = i + 1;
  }
  return { text, tags, separators, errors };
}

function readSegment(
  text: string,
  start: number,
  end: number,
  isLast: boolean,
  syntax: TagListSyntax,
  tags: Tag[],
  errors: TagListError[],
): void {
  let s = start;
  let e = end;
  while (s < e && isWhitespace(text.charCodeAt(s), syntax)) s++;
  while (e > s && isWhitespace(text.charCodeAt(e - 1), syntax)) e--;

  if (s === e) {
    // A trailing `;` (or an empty text) leaves an empty last segment: that is allowed.
    if (!isLast) errors.push({ kind: 'empty-tag', span: { start, end: end + 1 }, message: "empty tag: nothing between two ';'" });
    return;
  }

  const eq = text.indexOf('=', s);
  if (eq < 0 || eq >= e) {
    errors.push({ kind: 'missing-equals', span: { start: s, end: e }, message: `'${text.slice(s, e)}' is not a tag: it has no '='` });
    return;
  }

  let nameEnd = eq;
  while (nameEnd > s && isWhitespace(text.charCodeAt(nameEnd - 1), syntax)) nameEnd--;
  let valueStart = eq + 1;
  while (valueStart < e && isWhitespace(text.charCodeAt(valueStart), syntax)) valueStart++;

  const name = text.slice(s, nameEnd);
  const value = text.slice(valueStart, e);
  const tag: Tag = {
    name,
    value,
    nameSpan: { start: s, end: nameEnd },
    valueSpan: { start: valueStart, end: e },
    span: { start: s, end: e },
    equals: eq,
    index: tags.length,
  };

  if (name.length === 0) {
    errors.push({ kind: 'missing-name', span: { start: eq, end: eq + 1 }, message: `'=${value}' has no tag name before the '='` });
    return;
  }
  tags.push(tag);
  if (!syntax.name.test(name)) {
    errors.push({ kind: 'bad-name', span: tag.nameSpan, message: `'${name}' is not a valid tag name: a name is ${syntax.nameRule}`, tag });
  }
  if (value.length === 0 && !syntax.emptyValue) {
    errors.push({ kind: 'empty-value', span: { start: eq, end: eq + 1 }, message: `'${name}=' has no value`, tag });
  }
  checkValue(text, tag, syntax, errors);
}

function checkValue(text: string, tag: Tag, syntax: TagListSyntax, errors: TagListError[]): void {
  const { start, end } = tag.valueSpan;
  let i = start;
  // Bound: every pass moves `i` forward by at least one character (`j` starts at i + 1).
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code, syntax)) {
      let j = i + 1;
      while (j < end && isWhitespace(text.charCodeAt(j), syntax)) j++;
      if (!syntax.innerWhitespace) {
        errors.push({ kind: 'inner-whitespace', span: { start: i, end: j }, message: `white space inside the value of '${tag.name}'`, tag });
      }
      i = j;
      continue;
    }
    if (syntax.valueChar(code)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && !syntax.valueChar(text.charCodeAt(j)) && !isWhitespace(text.charCodeAt(j), syntax)) j++;
    const chars = [...text.slice(i, j)];
    const shown = chars.length === 1 ? describeChar(chars[0]) : `'${text.slice(i, j)}'`;
    errors.push({ kind: 'bad-value-char', span: { start: i, end: j }, message: `${shown} is not allowed in the value of '${tag.name}'`, tag });
    i = j;
  }
}

/** The first tag with this name (exactly, or ignoring ASCII case). */
export function findTag(list: TagList, name: string, ignoreCase = false): Tag | undefined {
  const want = ignoreCase ? name.toLowerCase() : name;
  return list.tags.find((t) => (ignoreCase ? t.name.toLowerCase() : t.name) === want);
}

/** Every tag whose name an earlier tag already used: the repeats, not the first occurrences. */
export function repeatedTags(list: TagList, ignoreCase = false): Tag[] {
  const seen = new Set<string>();
  const repeats: Tag[] = [];
  for (const tag of list.tags) {
    const key = ignoreCase ? tag.name.toLowerCase() : tag.name;
    if (seen.has(key)) repeats.push(tag);
    else seen.add(key);
  }
  return repeats;
}

/**
 * The value range to delete to remove `tag` and one separator next to it, so
 * the list stays well-formed: through the next `;` and the white space after
 * it when there is one (`a=1; ` out of `a=1; b=2`), else from the end of
 * what precedes the previous `;` (`; b=2` out of `a=1; b=2`), else the tag
 * alone.
 */
export function tagRemovalRange(list: TagList, tag: Tag): Span {
  const { text } = list;
  const blank = (i: number): boolean => /[ \t\r\n]/.test(text[i] ?? '');
  const after = list.separators.find((s) => s >= tag.span.end);
  if (after !== undefined) {
    let end = after + 1;
    while (end < text.length && blank(end)) end++;
    // The last tag with a trailing `;`: keep one `;` by taking the one before instead, when there is one.
    if (end < text.length || !list.separators.some((s) => s < tag.span.start)) return { start: tag.span.start, end };
  }
  const before = [...list.separators].reverse().find((s) => s < tag.span.start);
  if (before !== undefined) {
    let start = before;
    while (start > 0 && blank(start - 1)) start--;
    return { start, end: tag.span.end };
  }
  return tag.span;
}
