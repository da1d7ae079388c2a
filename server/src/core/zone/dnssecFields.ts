/**
 * Field syntaxes of the DNSSEC and related types, read as BIND 9.18 reads
 * them and printed as it prints them: type bitmaps (NSEC, NSEC3, CSYNC,
 * RFC 4034 §4.1.2), NSEC3's salt (RFC 5155 §3.3; its hash is base32hex.ts), RRSIG
 * times (RFC 4034 §3.2) and CERT types (RFC 4398 §2.1). Each function takes
 * the written text and returns the printed text or an error.
 */
import { parseIPv4, parseIPv6 } from '../addr/ip';
import type { FieldRead } from './fieldRead';
import { rrType } from './rrtypes';
import { formatIPv6Presentation } from './wire';


/** A type in a bitmap or an RRSIG's covered type: a mnemonic or `TYPEnnn`. */
export function readTypeName(raw: string): FieldRead {
  const t = rrType(raw);
  if (!t) return { error: `'${raw}' is not a record type` };
  return { text: t.name, number: t.code };
}

/**
 * A type bitmap as BIND prints it: each type once, by number. An empty
 * bitmap is allowed (an NSEC3 for an empty non-terminal has none).
 */
export function readTypeBitmap(raws: readonly string[]): FieldRead {
  const codes = new Map<number, string>();
  for (const raw of raws) {
    const t = readTypeName(raw);
    if ('error' in t) return t;
    codes.set(t.number!, t.text);
  }
  return { text: [...codes.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name).join(' ') };
}

/** NSEC3 and NSEC3PARAM salt: hex of 1 to 255 octets, or `-` for none (RFC 5155 §3.3). */
export function readSalt(raw: string): FieldRead {
  if (raw === '-') return { text: '-' };
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(raw)) return { error: `salt '${raw}' must be hex digits in pairs, or '-' for none` };
  if (raw.length / 2 > 255) return { error: 'the salt is over 255 octets' };
  return { text: raw.toUpperCase() };
}

/**
 * An RRSIG time: YYYYMMDDHHmmSS in UTC, or seconds since 1970 (RFC 4034
 * §3.2). BIND prints the 14-digit form; a time past 2^32 seconds wraps,
 * as serial arithmetic has it, and is printed by BIND in the 1970 era.
 */
export function readSigTime(raw: string): FieldRead {
  let seconds: number;
  if (/^\d{14}$/.test(raw)) {
    const [y, mo, d, h, mi, s] = [raw.slice(0, 4), raw.slice(4, 6), raw.slice(6, 8), raw.slice(8, 10), raw.slice(10, 12), raw.slice(12, 14)].map(Number);
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(ms);
    if (y < 1970 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return { error: `'${raw}' is not a valid YYYYMMDDHHmmSS time` };
    seconds = ms / 1000;
  } else if (/^\d{1,10}$/.test(raw) && Number(raw) <= 4294967295) {
    seconds = Number(raw);
  } else {
    return { error: `'${raw}' is not a time: write YYYYMMDDHHmmSS or seconds since 1970` };
  }
  return { text: formatSigTime(seconds % 4294967296), number: seconds % 4294967296 };
}

/** Seconds since 1970 (before it too) as YYYYMMDDHHmmSS in UTC. */
export function formatSigTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/** CERT type mnemonics (RFC 4398 §2.1), printed by BIND as the mnemonic. */
const CERT_TYPES: Readonly<Record<string, number>> = { PKIX: 1, SPKI: 2, PGP: 3, IPKIX: 4, ISPKI: 5, IPGP: 6, ACPKIX: 7, IACPKIX: 8, URI: 253, OID: 254 };
const CERT_NAMES = new Map(Object.entries(CERT_TYPES).map(([name, code]) => [code, name]));

export function readCertType(raw: string): FieldRead {
  const named = CERT_TYPES[raw.toUpperCase()];
  const code = named ?? (/^\d+$/.test(raw) && Number(raw) <= 65535 ? Number(raw) : undefined);
  if (code === undefined) return { error: `CERT type '${raw}' must be a number from 0 to 65535 or a mnemonic such as PKIX (RFC 4398 §2.1)` };
  return { text: CERT_NAMES.get(code) ?? String(code), number: code };
}

/**
 * APL items (RFC 3123 §4): `[!]afi:address/prefix`, address family 1 (IPv4,
 * prefix to 32) or 2 (IPv6, to 128); BIND knows no other family. An empty
 * list is valid rdata. BIND prints the address in its usual form.
 */
export function readAplItems(raws: readonly string[]): FieldRead {
  const items: string[] = [];
  for (const raw of raws) {
    const m = /^(!?)(\d+):([^/]+)\/(\d+)$/.exec(raw);
    if (!m) return { error: `'${raw}' is not an APL item: write [!]afi:address/prefix` };
    const [, negation, afi, address, prefix] = m;
    let text: string | undefined;
    let max: number;
    if (afi === '1') {
      text = parseIPv4(address)?.join('.');
      max = 32;
    } else if (afi === '2') {
      const groups = parseIPv6(address);
      text = groups && formatIPv6Presentation(groups);
      max = 128;
    } else return { error: `APL address family ${afi} is not 1 (IPv4) or 2 (IPv6)` };
    if (text === undefined) return { error: `'${address}' is not an ${afi === '1' ? 'IPv4' : 'IPv6'} address` };
    if (Number(prefix) > max) return { error: `APL prefix /${prefix} is longer than ${max}` };
    items.push(`${negation}${afi}:${text}/${Number(prefix)}`);
  }
  return { text: items.join(' ') };
}
