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

/** A quoted token is closed when it ends in a quote preceded by an even number of backslashes. */
export function isClosed(raw: string): boolean {
  if (raw.length < 2 || !raw.endsWith('"')) return false;
  let slashes = 0;
  for (let i = raw.length - 2; i >= 1 && raw.charCodeAt(i) === 92; i--) slashes++;
  return slashes % 2 === 0;
}
