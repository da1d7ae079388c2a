/**
 * The SPF macro language (RFC 7208 §7): parsing a macro-string into literal
 * runs and macro expansions, keeping value offsets so findings and hovers can
 * point at one `%{...}`. Expansion needs the evaluation context (sender, IP,
 * HELO, ...) and belongs to the evaluator; this module only says what the
 * text means.
 */
import { clip, type SpfError } from './problem';

export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

export interface MacroLetterInfo {
  readonly letter: MacroLetter;
  readonly description: string;
  /** `c`, `r`, `t` are allowed only in explanation text (§7.3). */
  readonly explainOnly: boolean;
}

/** RFC 7208 §7.2, in the RFC's order. Hover and completion read this table too. */
export const MACRO_LETTERS: readonly MacroLetterInfo[] = [
  { letter: 's', description: '<sender>: the whole MAIL FROM (or HELO) address', explainOnly: false },
  { letter: 'l', description: 'local-part of <sender>', explainOnly: false },
  { letter: 'o', description: 'domain of <sender>', explainOnly: false },
  { letter: 'd', description: '<domain>: the domain whose SPF record is being evaluated', explainOnly: false },
  { letter: 'i', description: '<ip>: the client address (dotted quad, or dot-separated nibbles for IPv6)', explainOnly: false },
  { letter: 'p', description: 'the validated domain name of <ip> (SHOULD NOT be used, §5.5)', explainOnly: false },
  { letter: 'v', description: '"in-addr" for IPv4, "ip6" for IPv6', explainOnly: false },
  { letter: 'h', description: 'the HELO/EHLO domain', explainOnly: false },
  { letter: 'c', description: 'the client IP in readable form (explanation only)', explainOnly: true },
  { letter: 'r', description: 'the receiving host\'s domain name (explanation only)', explainOnly: true },
  { letter: 't', description: 'the current time in seconds since the epoch (explanation only)', explainOnly: true },
];

const LETTERS = new Map(MACRO_LETTERS.map((m) => [m.letter, m]));

/** The characters a macro may split its value on (§7.1 `delimiter`). */
export const MACRO_DELIMITERS = '.-+,/_=';

/** `%%`, `%_`, `%-` (§7.1): a percent sign, a space, and a URL-encoded space. */
export const MACRO_ESCAPES: Readonly<Record<string, string>> = { '%': '%', _: ' ', '-': '%20' };

export interface MacroLiteral {
  readonly kind: 'literal';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface MacroEscape {
  readonly kind: 'escape';
  /** What the escape stands for: `%`, ` ` or `%20`. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export interface MacroExpand {
  readonly kind: 'macro';
  readonly letter: MacroLetter;
  /** An upper-case letter: the value is URL-escaped after expansion (§7.3). */
  readonly urlEscape: boolean;
  /** Keep this many right-hand parts; undefined keeps all. Never 0 in a valid macro. */
  readonly digits?: number;
  readonly reverse: boolean;
  /** Characters to split on; empty means the default, `.`. */
  readonly delimiters: string;
  readonly start: number;
  readonly end: number;
}

export type MacroPart = MacroLiteral | MacroEscape | MacroExpand;

/**
 * `domain`: a domain-spec or modifier value, where SP ends the term and
 * `c`/`r`/`t` are errors. `explain`: the explanation text fetched by `exp`
 * (§6.2 `explain-string`), where SP is literal and every letter is allowed.
 */
export type MacroContext = 'domain' | 'explain';

export interface MacroString {
  /** The macro-string as written. */
  readonly text: string;
  /** Value offsets of `text` in the string it was parsed from. */
  readonly start: number;
  readonly end: number;
  readonly parts: readonly MacroPart[];
  /** True when some part needs the evaluation context: the string cannot be resolved statically. */
  readonly hasMacros: boolean;
  readonly errors: readonly SpfError[];
}

const isNonAscii = (code: number): boolean => code > 0x7e;

/**
 * Parses `source[start, end)` as a macro-string. Never throws: bad `%`
 * sequences become errors and the parse resumes after them, so one typo does
 * not hide the rest.
 */
export function parseMacroString(source: string, start = 0, end = source.length, context: MacroContext = 'domain'): MacroString {
  const parts: MacroPart[] = [];
  const errors: SpfError[] = [];
  let literalStart = -1;
  const flush = (at: number): void => {
    if (literalStart >= 0 && at > literalStart) parts.push({ kind: 'literal', text: source.slice(literalStart, at), start: literalStart, end: at });
    literalStart = -1;
  };

  let i = start;
  // Bound: every pass moves `i` forward by at least one character, so the walk is linear in the macro string.
  while (i < end) {
    const ch = source[i];
    if (ch !== '%') {
      const code = ch.charCodeAt(0);
      // Outside 0x21-0x7E: SP is literal only in explanation text; non-ASCII has its own rule and error kind.
      if (isNonAscii(code)) {
        // Reported once for the whole run by the record parser (spf-non-ascii); kept as literal text.
      } else if (code < 0x21 && !(ch === ' ' && context === 'explain')) {
        errors.push({ kind: 'syntax', start: i, end: i + 1, message: `${describeChar(ch)} is not allowed here; expected a visible character or a macro` });
      }
      if (literalStart < 0) literalStart = i;
      i++;
      continue;
    }
    flush(i);
    const next = i + 1 < end ? source[i + 1] : undefined;
    if (next !== undefined && next in MACRO_ESCAPES) {
      parts.push({ kind: 'escape', value: MACRO_ESCAPES[next], start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (next !== '{') {
      // §7.3: '%' followed by anything but '{', '%', '-' or '_' is a syntax error.
      const shown = next === undefined ? 'at the end' : `followed by '${next}'`;
      errors.push({ kind: 'syntax', start: i, end: next === undefined ? i + 1 : i + 2, message: `'%' ${shown}: expected '%{letter}', '%%', '%_' or '%-'` });
      i += next === undefined ? 1 : 2;
      continue;
    }
    const close = source.indexOf('}', i + 2);
    if (close < 0 || close >= end) {
      errors.push({ kind: 'syntax', start: i, end, message: `unterminated macro '${clip(source.slice(i, end))}': expected '}'` });
      i = end;
      break;
    }
    const macro = parseMacroBody(source, i, close + 1, context, errors);
    if (macro) parts.push(macro);
    i = close + 1;
  }
  flush(end);
  return { text: source.slice(start, end), start, end, parts, hasMacros: parts.some((p) => p.kind === 'macro'), errors };
}

/** `%{` letter *DIGIT ["r"] *delimiter `}` at source[start, end). */
function parseMacroBody(source: string, start: number, end: number, context: MacroContext, errors: SpfError[]): MacroExpand | undefined {
  const body = source.slice(start + 2, end - 1);
  const m = /^([A-Za-z])([0-9]*)([rR]?)(.*)$/.exec(body);
  const whole = clip(source.slice(start, end));
  if (!m) {
    errors.push({ kind: 'syntax', start, end, message: `'${whole}' has no macro letter: expected one of ${MACRO_LETTERS.map((l) => l.letter).join(' ')}` });
    return undefined;
  }
  const [, rawLetter, digits, reverse, delimiters] = m;
  const letter = rawLetter.toLowerCase() as MacroLetter;
  const info = LETTERS.get(letter);
  if (!info) {
    errors.push({ kind: 'syntax', start, end, message: `'${rawLetter}' in '${whole}' is not a macro letter: expected one of ${MACRO_LETTERS.map((l) => l.letter).join(' ')}` });
    return undefined;
  }
  let ok = true;
  const bad = [...delimiters].filter((c) => !MACRO_DELIMITERS.includes(c));
  if (bad.length) {
    errors.push({ kind: 'syntax', start, end, message: `'${clip(bad.join(''))}' in '${whole}' is not a delimiter: expected letter, digits, optional 'r', then any of ${MACRO_DELIMITERS.split('').join(' ')}` });
    ok = false;
  }
  const count = digits === '' ? undefined : Number(digits);
  if (count === 0) {
    errors.push({ kind: 'syntax', start, end, message: `'${whole}': the digit transformer must be non-zero (RFC 7208 §7.3)` });
    ok = false;
  }
  if (info.explainOnly && context !== 'explain') {
    errors.push({ kind: 'macro-context', start, end, message: `'${whole}': the '${letter}' macro is allowed only in explanation text (RFC 7208 §7.3)` });
  }
  if (!ok) return undefined;
  return { kind: 'macro', letter, urlEscape: rawLetter !== letter, digits: count, reverse: reverse !== '', delimiters, start, end };
}

export function describeChar(ch: string): string {
  if (ch === '\t') return 'a tab';
  if (ch === ' ') return 'a space';
  if (ch === '\r') return 'a carriage return';
  if (ch === '\n') return 'a line feed';
  const code = ch.charCodeAt(0);
  return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The toplabel of RFC 7208 §12: not all-numeric, no leading or trailing hyphen. */
export const TOPLABEL = /^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$/;

export interface DomainSpec extends MacroString {
  /** Ends in `.`: accepted, but SHOULD NOT be published (§7.3). */
  readonly trailingDot: boolean;
}

/**
 * A domain-spec (§12): a macro-string whose end is a macro-expand or
 * "." toplabel with an optional trailing dot. The end rule is what makes
 * `a:192.0.2.1` (numeric toplabel) and `include:localhost` (no dot) errors.
 * `what` names the term in messages (`include:`, `redirect=`).
 */
export function parseDomainSpec(source: string, start: number, end: number, what: string): DomainSpec {
  const ms = parseMacroString(source, start, end, 'domain');
  const errors = [...ms.errors];
  const text = ms.text;
  let trailingDot = false;
  const last = ms.parts[ms.parts.length - 1];
  if (start === end) {
    // Point at the term's `name:` so an empty argument is still visible.
    errors.push({ kind: 'syntax', start: Math.max(0, start - what.length), end, message: `expected a domain after '${what}'` });
  } else if (last && last.kind === 'literal') {
    let lit = last.text;
    if (lit.endsWith('.')) {
      trailingDot = true;
      lit = lit.slice(0, -1);
    }
    const dot = lit.lastIndexOf('.');
    const top = dot < 0 ? undefined : lit.slice(dot + 1);
    // Non-ASCII characters are reported by their own rule; do not call the label invalid twice.
    const hasNonAscii = /[^\x00-\x7e]/.test(lit);
    if (!hasNonAscii && (top === undefined || !TOPLABEL.test(top))) {
      const why =
        top === undefined
          ? ms.hasMacros || ms.parts.length > 1
            ? 'it must end in a macro or in "." and a top-level label'
            : 'a domain needs at least two labels (a single label is not looked up)'
          : top === ''
            ? 'the last label is empty'
            : /^[0-9]+$/.test(top)
              ? `the last label '${top}' is all digits${/^\d+\.\d+\.\d+\.\d+$/.test(text) ? ' (for an address use ip4:)' : ''}`
              : `the last label '${top}' is not a valid top-level label (letters, digits, inner hyphens)`;
      errors.push({ kind: 'syntax', start, end, message: `'${what}${clip(text)}' is not a valid domain: ${why}` });
    }
  }
  return { ...ms, errors, trailingDot };
}

/**
 * The name a macro-string without macros stands for: its literal text with
 * the macro-escapes replaced (`%%` → `%`, `%_` → a space, `%-` → `%20`,
 * RFC 7208 §7.2), which is what a receiver queries.
 */
export function staticText(spec: MacroString): string {
  if (spec.parts.every((p) => p.kind === 'literal')) return spec.text;
  return spec.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'escape' ? p.value : '')).join('');
}
