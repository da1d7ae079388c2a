/**
 * RFC 3597 §5 says `\# <length> <hex>` may be used for any type, known or
 * not. For a type whose rdata fields Mailzone knows, the octets are turned
 * back into the type's text form here, one token a field, and the caller
 * reads those tokens as if they had been written (zone/rdata.ts). That is
 * what BIND 9.18 does: it converts the octets to text and reads the text,
 * so `\#` rdata is accepted exactly when its text form is, and prints the
 * same. Types with a field Mailzone keeps only as text (`rest`) stay in
 * `\#` form.
 */
import { formatIPv6 } from '../addr/ip';
import type { Field, FieldKind, RRType } from './rrtypes';
import { locText } from './loc';
import { quoteOctets } from './strings';

/** A token of decoded rdata: its text as it would be written, and whether that text is quoted. */
export interface DecodedToken {
  readonly raw: string;
  readonly quoted: boolean;
}

/** The octets being decoded, where the next field starts, and the numbers read so far (IPSECKEY's gateway depends on one). */
interface Cursor {
  readonly bytes: Uint8Array;
  readonly type: RRType;
  at: number;
  readonly numbers: Record<string, number>;
}

type FieldDecoder = (c: Cursor, field: Field) => DecodedToken[];

const bare = (raw: string): DecodedToken[] => [{ raw, quoted: false }];
const quoted = (octets: Uint8Array): DecodedToken => ({ raw: quoteOctets(octets), quoted: true });

/** Takes `n` octets, or says where the rdata ran out. */
function take(c: Cursor, n: number, what: string): Uint8Array {
  if (c.at + n > c.bytes.length) throw new RangeError(`RFC 3597 rdata ends inside the ${c.type.name} ${what}`);
  const out = c.bytes.subarray(c.at, c.at + n);
  c.at += n;
  return out;
}

function uint(c: Cursor, size: number, field: Field): number {
  let n = 0;
  for (const b of take(c, size, field.name)) n = n * 256 + b;
  c.numbers[field.name] = n;
  return n;
}

/** The octets to the end of the rdata. */
function rest(c: Cursor): Uint8Array {
  const out = c.bytes.subarray(c.at);
  c.at = c.bytes.length;
  return out;
}

const hexOf = (octets: Uint8Array): string => Array.from(octets, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
const number = (size: number): FieldDecoder => (c, field) => bare(String(uint(c, size, field)));

/**
 * One decoder per field kind: it consumes the field's octets and gives the
 * field's text. Numbers that have mnemonics (algorithms, types, CERT types)
 * are given as numbers or `TYPEnnn`; the text reader turns them into what
 * BIND prints. A kind with no decoder leaves the rdata in `\#` form.
 */
const DECODERS: Readonly<Partial<Record<FieldKind, FieldDecoder>>> = {
  u8: number(1),
  algorithm: number(1),
  algorithmname: number(1),
  digesttype: number(1),
  dsyncscheme: number(1),
  u16: number(2),
  certtype: number(2),
  u32: number(4),
  ttl: number(4),
  time: number(4),
  rrtype: (c, field) => bare(`TYPE${uint(c, 2, field)}`),
  ipv4: (c, field) => bare(Array.from(take(c, 4, field.name)).join('.')),
  ipv6: (c, field) => bare(ipv6Text(take(c, 16, field.name))),
  name: (c, field) => bare(readName(c, field.name)),
  string: (c, field) => [quoted(take(c, take(c, 1, field.name)[0], field.name))],
  tag: (c, field) => bare(String.fromCharCode(...take(c, take(c, 1, field.name)[0], field.name))),
  strings: (c) => {
    const out: DecodedToken[] = [];
    // Bound: each string moves the cursor forward by at least its length octet.
    while (c.at < c.bytes.length) out.push(quoted(take(c, take(c, 1, 'character-string')[0], 'character-string')));
    return out;
  },
  eui: (c, field) => bare(Array.from(take(c, c.type.name === 'EUI48' ? 6 : 8, field.name), (b) => b.toString(16).padStart(2, '0')).join('-')),
  ilnp64: (c, field) => {
    const octets = take(c, 8, field.name);
    const groups: string[] = [];
    for (let k = 0; k < 8; k += 2) groups.push((octets[k] * 256 + octets[k + 1]).toString(16));
    return bare(groups.join(':'));
  },
  nsap: (c) => bare(`0x${hexOf(rest(c)).toLowerCase()}`),
  text: (c) => [quoted(rest(c))],
  quoted: (c) => [quoted(rest(c))],
  // An empty digest or key gives no token: the text reader then says the field is missing, as BIND does.
  hex: (c) => {
    const octets = rest(c);
    return octets.length ? bare(hexOf(octets)) : [];
  },
  base64: (c) => {
    const octets = rest(c);
    return octets.length ? bare(toBase64(octets)) : [];
  },
  salt: (c, field) => {
    const octets = take(c, take(c, 1, field.name)[0], field.name);
    return bare(octets.length ? hexOf(octets) : '-');
  },
  // A hash of no octets has no text form; the empty token is refused by the reader, as BIND refuses it.
  base32hex: (c, field) => bare(toBase32Hex(take(c, take(c, 1, field.name)[0], field.name))),
  types: (c, field) => typeBitmap(rest(c), field.name, c.type.name).map((code) => ({ raw: `TYPE${code}`, quoted: false })),
  apl: (c) => aplItems(rest(c)),
  loc: (c, field) => {
    const octets = take(c, 16, field.name);
    if (octets[0] !== 0) throw new RangeError(`LOC version ${octets[0]} is not 0 (RFC 1876 §2)`);
    return locText(octets).split(' ').map((raw) => ({ raw, quoted: false }));
  },
  gateway: (c, field) => {
    const kind = ({ 0: 'none', 1: 'ipv4', 2: 'ipv6', 3: 'name' } as const)[c.numbers.gatewaytype as 0 | 1 | 2 | 3];
    if (kind === undefined) throw new RangeError(`IPSECKEY gateway type ${c.numbers.gatewaytype} is not 0, 1, 2 or 3 (RFC 4025 §2.3)`);
    return kind === 'none' ? bare('.') : DECODERS[kind]!(c, field);
  },
  // SVCB parameters are decoded only when there are none (alias form and the like); others stay `\#`.
  svcparams: (c) => {
    if (c.at < c.bytes.length) throw new Undecodable();
    return [];
  },
};

/** Thrown by a decoder for octets it has no text form for: the rdata stays in `\#` form. */
class Undecodable extends Error {}

/**
 * Decodes `bytes` by the type's fields into text tokens; undefined when the
 * type has a field that cannot be decoded, an error when the octets do not
 * fit the fields.
 */
export function decodeRdata(type: RRType, bytes: Uint8Array): { tokens: DecodedToken[] } | { error: string } | undefined {
  if (!type.fields || type.fields.some((f) => !DECODERS[f.kind])) return undefined;
  const c: Cursor = { bytes, type, at: 0, numbers: {} };
  const tokens: DecodedToken[] = [];
  try {
    for (const field of type.fields) tokens.push(...DECODERS[field.kind]!(c, field));
  } catch (error) {
    if (error instanceof Undecodable) return undefined;
    if (error instanceof RangeError) return { error: error.message };
    throw error;
  }
  const extra = bytes.length - c.at;
  if (extra > 0) return { error: `RFC 3597 rdata has ${extra} octet${extra === 1 ? '' : 's'} left over after the ${type.name} fields` };
  return { tokens };
}

function ipv6Text(octets: Uint8Array): string {
  const groups: number[] = [];
  for (let k = 0; k < 16; k += 2) groups.push(octets[k] * 256 + octets[k + 1]);
  return formatIPv6Presentation(groups);
}

/**
 * A type bitmap (RFC 4034 §4.1.2): windows in increasing order, each 1 to
 * 32 octets long, the last octet not zero (BIND refuses other bitmaps).
 * Bound: each window moves on by at least three octets.
 */
function typeBitmap(octets: Uint8Array, field: string, typeName: string): number[] {
  const codes: number[] = [];
  let at = 0;
  let last = -1;
  while (at < octets.length) {
    const window = octets[at];
    const length = octets[at + 1];
    if (length === undefined || window <= last || length < 1 || length > 32 || at + 2 + length > octets.length || octets[at + 1 + length] === 0) {
      throw new RangeError(`RFC 3597 rdata has a malformed ${typeName} ${field} bitmap (RFC 4034 §4.1.2)`);
    }
    for (let k = 0; k < length; k++) {
      const b = octets[at + 2 + k];
      for (let bit = 0; bit < 8; bit++) if (b & (0x80 >> bit)) codes.push(window * 256 + k * 8 + bit);
    }
    last = window;
    at += 2 + length;
  }
  return codes;
}

/** APL items (RFC 3123 §4): family, prefix, negation bit and length, then the address octets without trailing zeros. */
function aplItems(octets: Uint8Array): DecodedToken[] {
  const out: DecodedToken[] = [];
  let at = 0;
  // Bound: each item moves on by at least its four header octets.
  while (at < octets.length) {
    if (at + 4 > octets.length) throw new RangeError('RFC 3597 rdata ends inside an APL item');
    const family = octets[at] * 256 + octets[at + 1];
    const prefix = octets[at + 2];
    const negated = (octets[at + 3] & 0x80) !== 0;
    const length = octets[at + 3] & 0x7f;
    const size = family === 1 ? 4 : family === 2 ? 16 : 0;
    if (size === 0) throw new RangeError(`APL address family ${family} is not 1 (IPv4) or 2 (IPv6)`);
    if (length > size || at + 4 + length > octets.length) throw new RangeError('RFC 3597 rdata has an APL address longer than its family allows');
    const address = new Uint8Array(size);
    address.set(octets.subarray(at + 4, at + 4 + length));
    const text = family === 1 ? Array.from(address).join('.') : ipv6Text(address);
    out.push({ raw: `${negated ? '!' : ''}${family}:${text}/${prefix}`, quoted: false });
    at += 4 + length;
  }
  return out;
}

const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/** Base32hex without padding (RFC 4648 §7), as NSEC3 writes its next hashed owner (RFC 5155 §3.3). */
export function toBase32Hex(octets: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of octets) {
    buffer = ((buffer << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * The fewest octets each field kind takes on the wire: a name is at least
 * the root label, a character-string or salt its length octet; fields that
 * run to the end of the rdata, and IPSECKEY's gateway (none for type 0),
 * may take none.
 */
const LEAST_OCTETS: Readonly<Partial<Record<FieldKind, number>>> = {
  u8: 1, algorithm: 1, algorithmname: 1, digesttype: 1, dsyncscheme: 1, u16: 2, rrtype: 2, certtype: 2, u32: 4, ttl: 4, time: 4,
  ipv4: 4, ipv6: 16, name: 1, string: 1, tag: 1, strings: 1, salt: 1, base32hex: 1, loc: 16, ilnp64: 8, nsap: 1,
};

/** The fewest octets a type's rdata can have, by its fields. */
export function leastRdataOctets(type: RRType): number {
  let n = 0;
  for (const field of type.fields ?? []) n += LEAST_OCTETS[field.kind] ?? 0;
  return n;
}

/** An uncompressed wire-format name (RFC 3597 §4: no compression in `\#` data), lower-cased like every name in the model. */
function readName(c: Cursor, field: string): string {
  const labels: string[] = [];
  // Bound: each label moves the cursor on by at least one octet.
  for (;;) {
    const length = take(c, 1, field)[0];
    if (length === 0) break;
    if (length > 63) throw new RangeError(`RFC 3597 rdata has a compressed or bad label in the ${c.type.name} ${field}`);
    labels.push(labelText(take(c, length, field)));
  }
  return labels.length ? `${labels.join('.')}.` : '.';
}

/** A label in presentation form, escaped as BIND escapes it. */
function labelText(octets: Uint8Array): string {
  let out = '';
  for (const b of octets) {
    const c = String.fromCharCode(b);
    if ('.;\\()"@$'.includes(c)) out += `\\${c}`;
    else if (b <= 0x20 || b >= 0x7f) out += `\\${String(b).padStart(3, '0')}`;
    else out += c.toLowerCase();
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(octets: Uint8Array): string {
  let out = '';
  for (let i = 0; i < octets.length; i += 3) {
    const n = (octets[i] << 16) | ((octets[i + 1] ?? 0) << 8) | (octets[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < octets.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < octets.length ? B64[n & 63] : '=';
  }
  return out;
}

/** Strict base64 (padded, no spaces), or undefined. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (text[i + k] === '=' ? 0 : B64.indexOf(text[i + k])));
    const v = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
    out.push(v >> 16);
    if (text[i + 2] !== '=') out.push((v >> 8) & 0xff);
    if (text[i + 3] !== '=') out.push(v & 0xff);
  }
  return Uint8Array.from(out);
}

/**
 * An IPv6 address as BIND prints it: RFC 5952 compression, and the last 32
 * bits as a dotted quad for IPv4-mapped (`::ffff:192.0.2.1`) and
 * IPv4-compatible (`::192.0.2.1`) addresses, as inet_ntop does.
 */
export function formatIPv6Presentation(groups: readonly number[]): string {
  const zerosBefore6 = groups.slice(0, 5).every((g) => g === 0);
  if (zerosBefore6 && (groups[5] === 0xffff || (groups[5] === 0 && groups[6] !== 0))) {
    const v4 = `${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`;
    return groups[5] === 0xffff ? `::ffff:${v4}` : `::${v4}`;
  }
  return formatIPv6(groups);
}
