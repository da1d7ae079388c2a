import { TextMap } from '../text/textMap';
import type { CharString, Token } from './ast';

/**
 * Resolves a token's escapes (RFC 1035 §5.1): `\X` is X, `\DDD` the octet
 * DDD. Returns the value, its length in octets (UTF-8 for non-ASCII source
 * characters), the map back to the source, and the first bad escape.
 */
export function unescapeToken(token: Token): { string: CharString; error?: { offset: number; length: number; message: string } } {
  const raw = token.raw;
  const base = token.span.start;
  let from = 0;
  let to = raw.length;
  if (token.quoted) {
    from = 1;
    to = isClosed(raw) ? raw.length - 1 : raw.length;
  }
  const map = new TextMap();
  let value = '';
  let octets = 0;
  let error: { offset: number; length: number; message: string } | undefined;
  let runStart = from;
  const flush = (end: number): void => {
    if (end > runStart) {
      const chunk = raw.slice(runStart, end);
      value += chunk;
      map.copy(base + runStart, end - runStart);
      for (let k = 0; k < chunk.length; k++) {
        const code = chunk.charCodeAt(k);
        if (code < 0x80) octets += 1;
        else if (code < 0x800) octets += 2;
        else if (code >= 0xd800 && code <= 0xdbff) {
          octets += 4;
          k++;
        } else octets += 3;
      }
    }
  };
  for (let i = from; i < to; i++) {
    if (raw.charCodeAt(i) !== 92) continue;
    flush(i);
    const digits = raw.slice(i + 1, i + 4);
    if (/^\d{3}$/.test(digits)) {
      const code = Number(digits);
      if (code > 255 && !error) error = { offset: base + i, length: 4, message: `bad escape \\${digits}: \\DDD must be 255 or less` };
      value += String.fromCharCode(Math.min(code, 255));
      map.escape(base + i, 4);
      octets += 1;
      i += 3;
    } else if (/^\d/.test(digits)) {
      if (!error) error = { offset: base + i, length: 1 + digits.replace(/\D.*$/, '').length, message: `bad escape \\${digits.replace(/\D.*$/, '')}: a numeric escape needs exactly three digits (\\DDD)` };
      value += raw[i + 1];
      map.escape(base + i, 2);
      octets += 1;
      i += 1;
    } else if (i + 1 < to) {
      value += raw[i + 1];
      map.escape(base + i, 2);
      octets += 1;
      i += 1;
    } else {
      // A lone trailing backslash: keep it literally; the lexer already ended the token.
      value += '\\';
      map.copy(base + i, 1);
      octets += 1;
    }
    runStart = i + 1;
  }
  flush(to);
  map.setSourceEnd(base + to);
  return { string: { token, value, octets, map }, error };
}

/** Presentation form of a character-string: quoted, `"` and `\` escaped, other non-printables as \DDD. */
export function quoteString(value: string): string {
  // Most strings need no escaping: skip the per-character walk.
  if (!/["\\\x00-\x1f\x7f-\uffff]/.test(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 34 || code === 92) out += `\\${value[i]}`;
    else if (code < 32 || code === 127 || (code > 127 && code < 256)) out += `\\${String(code).padStart(3, '0')}`;
    else if (code >= 256) out += utf8Escaped(value[i] + (code >= 0xd800 && code <= 0xdbff ? value[++i] ?? '' : ''));
    else out += value[i];
  }
  return `${out}"`;
}

const encoder = new TextEncoder();

function utf8Escaped(ch: string): string {
  let out = '';
  for (const b of encoder.encode(ch)) out += `\\${String(b).padStart(3, '0')}`;
  return out;
}

/**
 * The octets a character-string token stands for: `\DDD` is that octet, `\X`
 * is X, and any other source character is its UTF-8 encoding. A value
 * character alone cannot say this: `\233` and a literal `é` both give U+00E9
 * in `CharString.value`, but the first is one octet and the second two.
 */
export function tokenOctets(token: Token): Uint8Array {
  const raw = token.raw;
  const from = token.quoted ? 1 : 0;
  const to = token.quoted && isClosed(raw) ? raw.length - 1 : raw.length;
  // Pieces are gathered and joined once: a record may hold megabytes, too many for spreading into a push.
  const pieces: Uint8Array[] = [];
  let run = from;
  const flush = (end: number): void => {
    if (end > run) pieces.push(encoder.encode(raw.slice(run, end)));
  };
  for (let i = from; i < to; i++) {
    if (raw.charCodeAt(i) !== 92 || i + 1 >= to) continue;
    flush(i);
    if (/^\d{3}$/.test(raw.slice(i + 1, i + 4))) {
      pieces.push(Uint8Array.of(Math.min(Number(raw.slice(i + 1, i + 4)), 255)));
      i += 3;
    } else {
      // `\X` is X; X may be a non-ASCII character (or half of a surrogate pair, kept whole).
      const width = raw.codePointAt(i + 1)! > 0xffff ? 2 : 1;
      pieces.push(encoder.encode(raw.slice(i + 1, i + 1 + width)));
      i += width;
    }
    run = i + 1;
  }
  flush(to);
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Presentation form of a character-string from its octets, as BIND prints
 * it: quoted, `"` and `\` escaped, octets outside printable ASCII as `\DDD`.
 */
export function quoteOctets(octets: Uint8Array): string {
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < octets.length; i++) {
    const b = octets[i];
    if (b !== 34 && b !== 92 && b >= 32 && b < 127) continue;
    if (i > run) parts.push(ascii(octets, run, i));
    parts.push(b === 34 || b === 92 ? `\\${String.fromCharCode(b)}` : `\\${String(b).padStart(3, '0')}`);
    run = i + 1;
  }
  if (octets.length > run) parts.push(ascii(octets, run, octets.length));
  return `"${parts.join('')}"`;
}

/** Printable ASCII octets as text, in slices small enough for `String.fromCharCode`. */
function ascii(octets: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 8192) out += String.fromCharCode(...octets.subarray(i, Math.min(end, i + 8192)));
  return out;
}

/** Presentation form of a character-string token, escapes resolved the way the wire has them. */
export function presentString(token: Token): string {
  const raw = token.raw;
  const inner = token.quoted ? (isClosed(raw) ? raw.slice(1, -1) : raw.slice(1)) : raw;
  // Printable ASCII with no escapes prints as written: skip the octet walk.
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(inner)) return `"${inner}"`;
  return quoteOctets(tokenOctets(token));
}

/** A quoted token is closed when it ends in a quote preceded by an even number of backslashes. */
export function isClosed(raw: string): boolean {
  if (raw.length < 2 || !raw.endsWith('"')) return false;
  let slashes = 0;
  for (let i = raw.length - 2; i >= 1 && raw.charCodeAt(i) === 92; i--) slashes++;
  return slashes % 2 === 0;
}
