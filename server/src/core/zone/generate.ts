/**
 * BIND's `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`, read the
 * way BIND 9.18 reads it (lib/dns/master.c; `named-checkzone` is the oracle
 * of the differential tier). `$` is the iterator, `$$` a literal dollar, a
 * backslash is copied with the character after it, and
 * `${offset[,width[,base]]}` formats iterator+offset with base d, o, x, X,
 * n or N (nibbles, for reverse zones). The rhs is one token, quoted when it
 * has spaces.
 *
 * BIND reads the range and the modifiers with C's `sscanf` and formats with
 * `printf`, and what it accepts follows from that: numbers may carry a sign
 * and wrap to 32 bits, a negative value prints as a signed int in base d and
 * as its 32-bit two's complement in the other bases, and the fields of a
 * modifier that does not match keep their values from the modifier before
 * it in the same template. This module copies those rules, so that every
 * template BIND accepts expands to the same text and every one it refuses
 * gives a message.
 */

/** C's INT_MAX: BIND's iterator and offsets are ints. */
export const INT_MAX = 2 ** 31 - 1;
/** A formatted number longer than this does not fit BIND's 128-byte number buffer ("ran out of space"). */
export const MAX_NUMBER_CHARS = 127;
/** The longest expanded owner BIND's buffer holds (DNS_MASTER_LHS is 2048 bytes, the terminating NUL included). */
export const MAX_LHS_CHARS = 2047;
/** The longest expanded rdata BIND's buffer holds (DNS_MASTER_RHS is 65512 bytes, the terminating NUL included). */
export const MAX_RHS_CHARS = 65511;
/**
 * Digits past this many (leading zeros aside) saturate C's strtol/strtoul
 * in any case, so a longer run of digits is not converted: the cost of
 * reading a number stays linear in its length.
 */
const MAX_DIGITS = 20;

export interface GenerateRange {
  start: number;
  stop: number;
  step: number;
}

/** One `$` of a template: the iterator plus `offset`, zero-padded to `width` characters, in `base`. */
export interface Conversion {
  readonly offset: number;
  readonly width: number;
  readonly base: GenerateBase;
}

export type GenerateBase = 'd' | 'o' | 'x' | 'X' | 'n' | 'N';

/** A template read once: literal text and conversions, in order. */
export interface Template {
  readonly pieces: readonly (string | Conversion)[];
}

// ---- C's sscanf conversions --------------------------------------------

/** C's isspace in the C locale: what `%d` and `%u` skip before a number. */
function isCSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

interface Scanned {
  readonly value: number;
  /** Where the text after the number starts. */
  readonly end: number;
}

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

/**
 * The number at `pos` as glibc's scanf reads it: blanks skipped, an
 * optional sign, then decimal digits. Undefined when there are no digits
 * (the conversion fails). The magnitude is returned as written, saturated
 * at 2^64 (the caller applies strtol's or strtoul's rules); the loop over
 * the digits is bounded by the text's length.
 */
function scanDecimal(text: string, pos: number): { negative: boolean; magnitude: bigint; end: number } | undefined {
  let i = pos;
  while (i < text.length && isCSpace(text[i])) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') {
    negative = text[i] === '-';
    i++;
  }
  const digitsStart = i;
  while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
  if (i === digitsStart) return undefined;
  const digits = text.slice(digitsStart, i).replace(/^0+(?=\d)/, '');
  // Past 20 digits the value is above 2^64 and saturates whatever the digits are.
  const magnitude = digits.length > MAX_DIGITS ? 1n << 64n : BigInt(digits);
  return { negative, magnitude, end: i };
}

/** `%u`: strtoul's value (a negative number wraps modulo 2^64, an overflow saturates) truncated to 32 bits. */
export function scanUnsigned(text: string, pos: number): Scanned | undefined {
  const d = scanDecimal(text, pos);
  if (!d) return undefined;
  let v = d.magnitude > U64_MAX ? U64_MAX : d.magnitude;
  if (d.negative && d.magnitude <= U64_MAX) v = (-v) & U64_MAX;
  return { value: Number(BigInt.asUintN(32, v)), end: d.end };
}

/** `%d`: strtol's value (saturated at the 64-bit limits) truncated to a 32-bit int. */
export function scanSigned(text: string, pos: number): Scanned | undefined {
  const d = scanDecimal(text, pos);
  if (!d) return undefined;
  let v = d.negative ? -d.magnitude : d.magnitude;
  if (v > I64_MAX) v = I64_MAX;
  if (v < I64_MIN) v = I64_MIN;
  return { value: Number(BigInt.asIntN(32, v)), end: d.end };
}

// ---- the range -----------------------------------------------------------

/**
 * `start-stop[/step]` as BIND reads it (`sscanf("%u-%u%1[/]%u")`): text
 * after the stop is ignored unless it is `/`, which must then be followed by
 * a step; the stop and the step are at most INT_MAX, and the range does not
 * run backwards.
 */
export function parseRange(text: string): GenerateRange | { error: string } {
  const invalid = (why: string): { error: string } => ({ error: `$GENERATE range '${text}' is not valid: ${why}` });
  const usage = 'BIND reads start-stop or start-stop/step, in decimal';
  const start = scanUnsigned(text, 0);
  if (!start || text[start.end] !== '-') return invalid(usage);
  const stop = scanUnsigned(text, start.end + 1);
  if (!stop) return invalid(usage);
  let step = 1;
  if (text[stop.end] === '/') {
    const s = scanUnsigned(text, stop.end + 1);
    if (!s) return invalid(`a step must follow '/' (${usage})`);
    step = s.value;
  }
  if (start.value > stop.value) return invalid(`it runs backwards (${start.value} > ${stop.value})`);
  if (stop.value > INT_MAX) return invalid(`the stop ${stop.value} is above ${INT_MAX}`);
  if (step < 1 || step > INT_MAX) return invalid(`the step must be from 1 to ${INT_MAX}, not ${step}`);
  return { start: start.value, stop: stop.value, step };
}

/** How many values the range runs over. */
export function rangeCount(range: GenerateRange): number {
  return Math.floor((range.stop - range.start) / range.step) + 1;
}

// ---- templates -------------------------------------------------------------

/**
 * Reads a template once, as BIND's `genname` does for every value: the
 * result does not depend on the value, so a bad template is reported once.
 * The fields of `${…}` persist from one `$` to the next, as in BIND: a plain
 * `$` after `${5}` is the iterator plus 5, and a modifier whose base or
 * closing brace does not match reuses the ones before it. The walk moves
 * forward by at least one character each step, so it is linear in the
 * template's length.
 */
export function compileTemplate(template: string): Template | { error: string } {
  const pieces: (string | Conversion)[] = [];
  let literal = '';
  // sscanf's targets, declared once per call in BIND and so shared by all the template's modifiers.
  let delta = 0;
  let comma1 = '';
  let width = 0;
  let comma2 = '';
  let mode = '';
  let brace = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '\\') {
      literal += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '$') {
      literal += c;
      i++;
      continue;
    }
    i++;
    if (template[i] === '$') {
      literal += '$';
      i++;
      continue;
    }
    let base: GenerateBase = 'd';
    let padTo = 0;
    if (template[i] === '{') {
      const open = i;
      const scanned = scanModifier(template, i + 1);
      if (scanned.delta !== undefined) delta = scanned.delta;
      if (scanned.comma1 !== undefined) comma1 = scanned.comma1;
      if (scanned.width !== undefined) width = scanned.width;
      if (scanned.comma2 !== undefined) comma2 = scanned.comma2;
      if (scanned.mode !== undefined) mode = scanned.mode;
      if (scanned.brace !== undefined) brace = scanned.brace;
      const bad = (): { error: string } => {
        const close = template.indexOf('}', open);
        const shown = template.slice(open - 1, close < 0 ? template.length : close + 1);
        return { error: `bad $GENERATE modifier '${shown}' in '${template}': BIND reads \${offset}, \${offset,width} or \${offset,width,base} with base d, o, x, X, n or N` };
      };
      if (scanned.assigned < 2) return bad();
      if (comma1 === '}') {
        // ${offset}: plain decimal.
      } else if (comma1 === ',' && comma2 === '}') {
        padTo = width;
      } else if (comma1 === ',' && comma2 === ',' && mode !== '' && brace === '}') {
        padTo = width;
        base = mode as GenerateBase;
      } else {
        return bad();
      }
      // Past the first closing brace (or to the end when there is none), as BIND skips.
      const close = template.indexOf('}', open);
      i = close < 0 ? template.length : close + 1;
      if (padTo > MAX_NUMBER_CHARS) {
        return { error: `$GENERATE modifier '${template.slice(open - 1, i)}': a width of ${padTo} does not fit; BIND formats at most ${MAX_NUMBER_CHARS} characters ("ran out of space")` };
      }
    }
    if (literal) pieces.push(literal);
    literal = '';
    pieces.push({ offset: delta, width: padTo, base });
  }
  if (literal) pieces.push(literal);
  return { pieces };
}

interface ScannedModifier {
  /** How many of sscanf's conversions matched, in order; the rest keep their earlier values. */
  readonly assigned: number;
  readonly delta?: number;
  readonly comma1?: string;
  readonly width?: number;
  readonly comma2?: string;
  readonly mode?: string;
  readonly brace?: string;
}

/** `sscanf(s, "{%d%1[,}]%u%1[,}]%1[doxXnN]%1[}]")` from just after the `{`: it stops at the first conversion that fails. */
function scanModifier(text: string, pos: number): ScannedModifier {
  const delta = scanSigned(text, pos);
  if (!delta) return { assigned: 0 };
  const comma1 = text[delta.end];
  if (comma1 !== ',' && comma1 !== '}') return { assigned: 1, delta: delta.value };
  const width = scanUnsigned(text, delta.end + 1);
  if (!width) return { assigned: 2, delta: delta.value, comma1 };
  const comma2 = text[width.end];
  if (comma2 !== ',' && comma2 !== '}') return { assigned: 3, delta: delta.value, comma1, width: width.value };
  const mode = text[width.end + 1];
  if (mode === undefined || !'doxXnN'.includes(mode)) return { assigned: 4, delta: delta.value, comma1, width: width.value, comma2 };
  const brace = text[width.end + 2];
  if (brace !== '}') return { assigned: 5, delta: delta.value, comma1, width: width.value, comma2, mode };
  return { assigned: 6, delta: delta.value, comma1, width: width.value, comma2, mode, brace };
}

/**
 * The template's text for one value, or why BIND refuses it: iterator plus
 * offset above INT_MAX ("out of range"), or more text than BIND's buffer
 * holds. The work is one pass over the pieces, each formatted in at most
 * {@link MAX_NUMBER_CHARS} characters, and stops as soon as the text
 * passes `maxChars`.
 */
export function expand(template: Template, value: number, maxChars: number): { text: string } | { error: string } {
  let out = '';
  for (const piece of template.pieces) {
    if (typeof piece === 'string') {
      out += piece;
    } else {
      if (value > 0 && piece.offset > INT_MAX - value) return { error: `$GENERATE: ${value} plus the offset ${piece.offset} is above ${INT_MAX} (BIND: "out of range")` };
      out += formatNumber(value + piece.offset, piece.width, piece.base);
    }
    if (out.length > maxChars) return { error: `$GENERATE: the text for ${value} is longer than the ${maxChars} characters BIND's buffer holds ("ran out of space")` };
  }
  return { text: out };
}

/**
 * printf's `%0<width><base>` of a C int: base d prints it signed (zeros go
 * after the minus sign), o, x and X print the 32-bit unsigned value, and n
 * and N its nibbles.
 */
export function formatNumber(n: number, width: number, base: GenerateBase): string {
  const unsigned = n >>> 0;
  switch (base) {
    case 'o':
      return unsigned.toString(8).padStart(width, '0');
    case 'x':
      return unsigned.toString(16).padStart(width, '0');
    case 'X':
      return unsigned.toString(16).toUpperCase().padStart(width, '0');
    case 'n':
    case 'N':
      return nibbles(unsigned, width, base === 'N');
    default:
      return n < 0 ? `-${String(-n).padStart(width - 1, '0')}` : String(n).padStart(width, '0');
  }
}

/**
 * Reverse nibble labels, least significant first, as BIND writes them:
 * `width` counts output characters, dots included, so `${0,3,n}` of 10 is
 * `a.0` and `${0,4,n}` is `a.0.` (which ends the name). Nibbles continue
 * while the value has bits left or the width is not used up. The value is
 * the unsigned 32-bit one, so it runs out of bits after 8 nibbles (BIND
 * prints -1 as f.f.f.f.f.f.f.f), and the loop runs at most
 * max(8, width / 2 + 1) times.
 */
function nibbles(value: number, width: number, upper: boolean): string {
  const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = '';
  let rest = value >>> 0;
  let left = width;
  do {
    out += digits[rest & 0x0f];
    rest >>>= 4;
    if (left > 0) left--;
    if (left > 0 || rest !== 0) {
      out += '.';
      if (left > 0) left--;
    }
  } while (rest !== 0 || left > 0);
  return out;
}

/**
 * The text of a quoted `$GENERATE` template the way BIND's lexer hands it
 * on: escapes stay as written except `\"`, which becomes `"`. The expanded
 * text is then read as rdata, so `"10 mail$"` is two fields.
 */
export function quotedTemplate(raw: string): string {
  const inner = raw.length >= 2 && raw.endsWith('"') ? raw.slice(1, -1) : raw.slice(1);
  // Characters collected in an array: dropping the backslash of each \" is then constant work, not a copy.
  const out: string[] = [];
  let escaped = false;
  for (const ch of inner) {
    if (ch === '"' && escaped) {
      out[out.length - 1] = '"';
      escaped = false;
    } else {
      escaped = ch === '\\' && !escaped;
      out.push(ch);
    }
  }
  return out.join('');
}
