/**
 * Base64 (RFC 2045 §6.8, the encoding DKIM's `p=` uses) written out here
 * because the core runs without Node's Buffer and `atob` accepts too much
 * (it ignores ASCII white space and forgives missing padding): a checker has
 * to say exactly which character is wrong and where.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export type Base64Result =
  | { readonly bytes: Uint8Array }
  /** `offset` is the index in the input of the first character at fault; `kind` says what is wrong. */
  | { readonly error: string; readonly offset: number; readonly length: number; readonly kind: 'character' | 'padding' | 'length' };

/**
 * Decodes standard base64 with `=` padding, strictly: only the 64 alphabet
 * characters, padding only at the end, a length that is a multiple of four.
 * The caller removes white space first if the context allows it.
 */
export function decodeBase64(text: string): Base64Result {
  let padding = 0;
  while (padding < 2 && text.endsWith('='.repeat(padding + 1))) padding++;
  const body = text.length - padding;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (i >= body) continue;
    if (code === 0x3d) return { error: "'=' padding may only end the data", offset: i, length: 1, kind: 'padding' };
    if (code >= 128 || VALUES[code] < 0) return { error: `${describe(text[i])} is not a base64 character`, offset: i, length: 1, kind: 'character' };
  }
  if (text.length % 4 !== 0) {
    const missing = 4 - (text.length % 4);
    const hint = padding === 0 && missing <= 2 ? ` (${missing} '=' of padding missing, or the data was cut short)` : ' (the data was cut short or has extra characters)';
    return { error: `base64 length ${text.length} is not a multiple of 4${hint}`, offset: Math.max(0, text.length - 1), length: text.length === 0 ? 0 : 1, kind: 'length' };
  }
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = VALUES[text.charCodeAt(i)];
    const b = VALUES[text.charCodeAt(i + 1)];
    const c = i + 2 < body ? VALUES[text.charCodeAt(i + 2)] : 0;
    const d = i + 3 < body ? VALUES[text.charCodeAt(i + 3)] : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return { bytes: out };
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code > 0x20 && code < 0x7f) return `'${ch}'`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
