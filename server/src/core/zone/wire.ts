/**
 * RFC 3597 §5 says `\# <length> <hex>` may be used for any type, known or
 * not. For a type whose rdata fields Mailzone knows, this reads the octets
 * by those fields, so the record prints in its usual text form (as BIND
 * prints it) and its fields are there for the rules. Types with a field
 * Mailzone keeps only as text (`rest`, SVCB parameters) stay in `\#` form.
 */
import { formatIPv6 } from '../addr/ip';
import type { FieldKind, RRType } from './rrtypes';
import { chunked } from './blob';
import { quoteOctets } from './strings';

export interface Decoded {
  readonly presentation: string;
  readonly fields: Record<string, number | string>;
  readonly targets: string[];
}

const UNDECODED: ReadonlySet<FieldKind> = new Set<FieldKind>(['rest', 'svcparams']);

/** Decodes `bytes` by the type's fields; undefined when the type has a field that cannot be decoded. */
export function decodeRdata(type: RRType, bytes: Uint8Array): Decoded | { error: string } | undefined {
  if (!type.fields || type.fields.some((f) => UNDECODED.has(f.kind))) return undefined;
  const parts: string[] = [];
  const fields: Record<string, number | string> = {};
  const targets: string[] = [];
  let at = 0;
  const need = (n: number, what: string): void => {
    if (at + n > bytes.length) throw new RangeError(`RFC 3597 rdata ends inside the ${type.name} ${what}`);
  };
  try {
    for (const field of type.fields) {
      switch (field.kind) {
        case 'u8':
        case 'algorithm':
        case 'digesttype':
        case 'u16':
        case 'u32':
        case 'ttl': {
          const size = field.kind === 'u16' ? 2 : field.kind === 'u32' || field.kind === 'ttl' ? 4 : 1;
          need(size, field.name);
          let n = 0;
          for (let k = 0; k < size; k++) n = n * 256 + bytes[at + k];
          at += size;
          fields[field.name] = n;
          parts.push(String(n));
          break;
        }
        case 'ipv4':
          need(4, field.name);
          parts.push(Array.from(bytes.subarray(at, at + 4)).join('.'));
          at += 4;
          break;
        case 'ipv6': {
          need(16, field.name);
          const groups: number[] = [];
          for (let k = 0; k < 16; k += 2) groups.push(bytes[at + k] * 256 + bytes[at + k + 1]);
          parts.push(formatIPv6Presentation(groups));
          at += 16;
          break;
        }
        case 'name': {
          const { name, next } = readName(bytes, at, field.name, type.name);
          at = next;
          fields[field.name] = name;
          targets.push(name);
          parts.push(name);
          break;
        }
        case 'string':
        case 'tag': {
          need(1, field.name);
          const length = bytes[at];
          need(1 + length, field.name);
          const octets = bytes.subarray(at + 1, at + 1 + length);
          parts.push(field.kind === 'tag' ? String.fromCharCode(...octets) : quoteOctets(octets));
          at += 1 + length;
          break;
        }
        case 'strings': {
          // TXT rdata is one or more character-strings; empty rdata is not a TXT record.
          if (at >= bytes.length) throw new RangeError(`${type.name} rdata needs at least one character-string`);
          const strings: string[] = [];
          // Bound: each string moves `at` forward by at least its length octet, so at most one pass per octet.
          while (at < bytes.length) {
            const length = bytes[at];
            need(1 + length, 'character-string');
            strings.push(quoteOctets(bytes.subarray(at + 1, at + 1 + length)));
            at += 1 + length;
          }
          parts.push(strings.join(' '));
          break;
        }
        case 'eui': {
          const size = type.name === 'EUI48' ? 6 : 8;
          need(size, field.name);
          parts.push(Array.from(bytes.subarray(at, at + size), (b) => b.toString(16).padStart(2, '0')).join('-'));
          at += size;
          break;
        }
        case 'text':
        case 'quoted':
          parts.push(quoteOctets(bytes.subarray(at)));
          at = bytes.length;
          break;
        case 'hex':
        case 'base64':
          // An empty digest or key has no text form (it would print as a missing field): such rdata stays `\#` (found by the fuzzer).
          if (at >= bytes.length) return undefined;
          parts.push(chunked(field.kind === 'base64' ? toBase64(bytes.subarray(at)) : Array.from(bytes.subarray(at), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()));
          at = bytes.length;
          break;
        default:
          return undefined;
      }
    }
  } catch (error) {
    if (error instanceof RangeError) return { error: error.message };
    throw error;
  }
  const extra = bytes.length - at;
  if (extra > 0) return { error: `RFC 3597 rdata has ${extra} octet${extra === 1 ? '' : 's'} left over after the ${type.name} fields` };
  return { presentation: parts.filter((p) => p !== '').join(' '), fields, targets };
}

/**
 * The fewest octets each field kind takes on the wire: a name is at least
 * the root label, a character-string or salt its length octet; fields that
 * run to the end of the rdata, and IPSECKEY's gateway (none for type 0),
 * may take none.
 */
const LEAST_OCTETS: Readonly<Partial<Record<FieldKind, number>>> = {
  u8: 1, algorithm: 1, algorithmname: 1, digesttype: 1, u16: 2, rrtype: 2, certtype: 2, u32: 4, ttl: 4, time: 4,
  ipv4: 4, ipv6: 16, name: 1, string: 1, tag: 1, strings: 1, salt: 1, base32hex: 1, loc: 16,
};

/** The fewest octets a type's rdata can have, by its fields. */
export function leastRdataOctets(type: RRType): number {
  let n = 0;
  for (const field of type.fields ?? []) n += LEAST_OCTETS[field.kind] ?? 0;
  return n;
}

/** An uncompressed wire-format name (RFC 3597 §4: no compression in `\#` data), lower-cased like every name in the model. */
function readName(bytes: Uint8Array, start: number, field: string, typeName: string): { name: string; next: number } {
  const labels: string[] = [];
  let at = start;
  for (;;) {
    if (at >= bytes.length) throw new RangeError(`RFC 3597 rdata ends inside the ${typeName} ${field}`);
    const length = bytes[at];
    if (length === 0) break;
    if (length > 63) throw new RangeError(`RFC 3597 rdata has a compressed or bad label in the ${typeName} ${field}`);
    if (at + 1 + length > bytes.length) throw new RangeError(`RFC 3597 rdata ends inside the ${typeName} ${field}`);
    labels.push(labelText(bytes.subarray(at + 1, at + 1 + length)));
    at += 1 + length;
  }
  return { name: labels.length ? `${labels.join('.')}.` : '.', next: at + 1 };
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
