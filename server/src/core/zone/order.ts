/**
 * The order in which a loaded zone is printed, as `named-checkzone -D`
 * prints it: names in DNSSEC canonical order (RFC 4034 §6.1), at each name
 * the SOA, then the NS, then the other types by number with each RRSIG
 * after the type it covers (BIND's masterdump order), and the records of an
 * RRset in canonical rdata order (RFC 4034 §6.3: their wire forms compared
 * as octet strings), which is how BIND stores a set.
 */
import { parseIPv4, parseIPv6 } from '../addr/ip';
import type { Token } from './ast';
import { splitLabels } from './names';
import type { RRType } from './rrtypes';
import { tokenOctets } from './strings';
import { svcParamsWire } from './svcb';
import { fromBase64 } from './wire';

/** The octets of one label in presentation form (`\DDD` and `\X` escapes resolved, letters lower-cased). */
function labelBytes(label: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < label.length; i++) {
    if (label[i] === '\\' && /^\d{3}$/.test(label.slice(i + 1, i + 4))) {
      out.push(Number(label.slice(i + 1, i + 4)) & 0xff);
      i += 3;
      continue;
    }
    if (label[i] === '\\') i++;
    const c = label.charCodeAt(i);
    out.push(c >= 65 && c <= 90 ? c + 32 : c & 0xff);
  }
  return out;
}

function compareBytes(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** RFC 4034 §6.1: labels compared from the right, each as lower-cased octets, a shorter label first. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const la = a === '.' ? [] : splitLabels(a.slice(0, -1));
  const lb = b === '.' ? [] : splitLabels(b.slice(0, -1));
  for (let i = la.length - 1, j = lb.length - 1; i >= 0 && j >= 0; i--, j--) {
    const c = compareBytes(labelBytes(la[i]), labelBytes(lb[j]));
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}

/** BIND's masterdump order of the RRsets at one name: SOA, NS, then by type number, an RRSIG right after the type it covers. */
export function typeOrder(typeCode: number, covered?: number): number {
  const t = covered ?? typeCode;
  const rank = t === 6 ? 0 : t === 2 ? 1 : t + 2;
  return rank * 2 + (covered === undefined ? 0 : 1);
}

/** A name's uncompressed wire form, lower-cased (RFC 4034 §6.2). */
export function nameWire(name: string): number[] {
  const out: number[] = [];
  if (name !== '.') {
    for (const label of splitLabels(name.slice(0, -1))) {
      const bytes = labelBytes(label);
      out.push(bytes.length);
        append(out, bytes);
    }
  }
  out.push(0);
  return out;
}

/** Splits rdata presentation text into tokens at blanks outside quotes. */
function presentationTokens(text: string): Token[] {
  const out: Token[] = [];
  let start = -1;
  let quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i < text.length && c === '\\') {
      if (start < 0) start = i;
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (i === text.length || (!quoted && (c === ' ' || c === '\t'))) {
      if (start >= 0) {
        const raw = text.slice(start, i);
        out.push({ raw, quoted: raw.startsWith('"'), span: { start, end: i } });
      }
      start = -1;
    } else if (start < 0) start = i;
  }
  return out;
}

const SIZES: Readonly<Record<string, number>> = { u8: 1, algorithm: 1, algorithmname: 1, digesttype: 1, u16: 2, u32: 4, ttl: 4 };

/**
 * The wire form of rdata in Mailzone's presentation form, read by the type's
 * fields; undefined when a field is one Mailzone keeps only as text. Used to
 * order the records of an RRset; a set with such a record keeps file order.
 */
export function rdataWire(type: RRType | undefined, presentation: string): number[] | undefined {
  if (!type?.fields) return undefined;
  const tokens = presentationTokens(presentation);
  if (tokens[0]?.raw === '\\#') return undefined;
  const out: number[] = [];
  let i = 0;
  for (const field of type.fields) {
    const size = SIZES[field.kind];
    if (size !== undefined) {
      const n = Number(tokens[i++]?.raw);
      if (!Number.isInteger(n)) return undefined;
      for (let k = size - 1; k >= 0; k--) out.push(Math.floor(n / 256 ** k) % 256);
      continue;
    }
    switch (field.kind) {
      case 'name':
        append(out, nameWire(tokens[i++]?.raw ?? '.'));
        break;
      case 'ipv4': {
        const v = parseIPv4(tokens[i++]?.raw ?? '');
        if (!v) return undefined;
        append(out, v);
        break;
      }
      case 'ipv6': {
        const v = parseIPv6(tokens[i++]?.raw ?? '');
        if (!v) return undefined;
        for (const g of v) out.push(g >> 8, g & 0xff);
        break;
      }
      case 'string':
      case 'tag': {
        const t = tokens[i++];
        if (!t) return undefined;
        const bytes = tokenOctets(t);
        out.push(bytes.length);
        append(out, bytes);
        break;
      }
      case 'strings':
        for (; i < tokens.length; i++) {
          const bytes = tokenOctets(tokens[i]);
          out.push(bytes.length);
        append(out, bytes);
        }
        break;
      case 'text':
      case 'quoted': {
        const t = tokens[i++];
        if (!t) return undefined;
        append(out, tokenOctets(t));
        break;
      }
      case 'eui':
        append(out, (tokens[i++]?.raw ?? '').split('-').map((h) => parseInt(h, 16)));
        break;
      case 'svcparams': {
        const wire = svcParamsWire(tokens.slice(i));
        i = tokens.length;
        if (!wire) return undefined;
        append(out, wire);
        break;
      }
      case 'ilnp64':
        for (const group of (tokens[i++]?.raw ?? '').split(':')) out.push(parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff);
        break;
      case 'nsap': {
        // Printed as '0x' and hex digits in pairs (zone/rdata.ts).
        const hex = (tokens[i++]?.raw ?? '').slice(2);
        for (let k = 0; k < hex.length; k += 2) out.push(parseInt(hex.slice(k, k + 2), 16));
        break;
      }
      case 'hex': {
        const hex = tokens.slice(i).map((t) => t.raw).join('');
        i = tokens.length;
        if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined;
        for (let k = 0; k < hex.length; k += 2) out.push(parseInt(hex.slice(k, k + 2), 16));
        break;
      }
      case 'base64': {
        const bytes = fromBase64(tokens.slice(i).map((t) => t.raw).join(''));
        i = tokens.length;
        if (!bytes) return undefined;
        append(out, bytes);
        break;
      }
      default:
        return undefined;
    }
  }
  return out;
}

/** Appends without spreading: an rdata may be far larger than the engine's argument limit. */
function append(out: number[], bytes: ArrayLike<number>): void {
  for (let k = 0; k < bytes.length; k++) out.push(bytes[k]);
}

export { compareBytes };
