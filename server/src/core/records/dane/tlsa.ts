/**
 * TLSA records (RFC 6698 §2) as DANE for SMTP reads them (RFC 7672): the
 * parameter registries as data, the owner name's `_<port>._<proto>.<host>`
 * form, and a record's fields. The zone rules, hover text and the STARTTLS
 * probe's verdicts all read these tables.
 */
import type { ResourceRecord } from '../../zone/ast';

export interface TlsaParameter {
  readonly value: number;
  readonly name: string;
  readonly description: string;
}

/** RFC 6698 §2.1.1, RFC 7218 §2.1: certificate usages. */
export const TLSA_USAGES: readonly TlsaParameter[] = [
  { value: 0, name: 'PKIX-TA', description: 'a CA that must also be trusted by the client\'s own CA list; SMTP clients do not use it (RFC 7672 §3.1.3)' },
  { value: 1, name: 'PKIX-EE', description: 'the server certificate, which must also chain to the client\'s CA list; SMTP clients do not use it (RFC 7672 §3.1.3)' },
  { value: 2, name: 'DANE-TA', description: 'a trust anchor (usually the issuing CA) the server\'s chain must lead to; names are checked against the MX host' },
  { value: 3, name: 'DANE-EE', description: 'the server certificate or key itself; names and expiry are not checked (RFC 7672 §3.1.1)' },
];

/** RFC 6698 §2.1.2: which part of the certificate is matched. */
export const TLSA_SELECTORS: readonly TlsaParameter[] = [
  { value: 0, name: 'Cert', description: 'the whole certificate (DER)' },
  { value: 1, name: 'SPKI', description: 'the SubjectPublicKeyInfo (DER): survives renewals that keep the key' },
];

/** RFC 6698 §2.1.3: how it is matched, with the length of the association data each implies. */
export const TLSA_MATCHING_TYPES: readonly (TlsaParameter & { readonly octets?: number })[] = [
  { value: 0, name: 'Full', description: 'the selected content itself, not a digest' },
  { value: 1, name: 'SHA2-256', description: 'the SHA-256 digest of the selected content', octets: 32 },
  { value: 2, name: 'SHA2-512', description: 'the SHA-512 digest of the selected content', octets: 64 },
];

/** The transport protocol labels an attrleaf TLSA owner may carry (RFC 6698 §3). */
export const TLSA_PROTOCOLS: readonly string[] = ['_tcp', '_udp', '_sctp'];

export interface TlsaFields {
  readonly usage: number;
  readonly selector: number;
  readonly matchingType: number;
  /** The association data, upper-case hex, as written (tokens joined). */
  readonly data: string;
}

/** The fields of a TLSA record, when the parser could read them. */
export function tlsaFields(record: ResourceRecord): TlsaFields | undefined {
  const f = record.fields;
  const usage = f?.usage;
  const selector = f?.selector;
  const matchingType = f?.matchingtype;
  if (typeof usage !== 'number' || typeof selector !== 'number' || typeof matchingType !== 'number') return undefined;
  const data = record.rdata.slice(3).map((t) => t.raw).join('').toUpperCase();
  if (!/^(?:[0-9A-F]{2})+$/.test(data)) return undefined;
  return { usage, selector, matchingType, data };
}

export type TlsaOwner =
  | { readonly kind: 'service'; readonly port: number; readonly protocol: string; readonly host: string }
  /** Looks like a port and protocol with a slip: `_25._tpc`, `25._tcp`, `_25.tcp`. */
  | {
      readonly kind: 'typo';
      readonly corrected: string;
      /** The slip and its correction, as messages show them (`_tpc`, `_tcp`). */
      readonly wrong: string;
      readonly right: string;
      /** The owner's first two labels as read and as meant (`_25._tpc`, `_25._tcp`), for the edit. */
      readonly wrongPrefix: string;
      readonly rightPrefix: string;
    }
  | { readonly kind: 'other' };

/** Levenshtein distance, bounded by the short labels it is used on (at most 63 octets each). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    // A transposition (`tpc` for `tcp`) counts as one slip.
    if (i > 1) for (let j = 2; j <= b.length; j++) if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], previous[j - 2] + 1);
    previous = row;
  }
  return previous[b.length];
}

/** The protocol label `label` was meant to be, when it is one slip away from one. */
function meantProtocol(label: string): string | undefined {
  const bare = label.replace(/^_/, '');
  return TLSA_PROTOCOLS.find((p) => {
    const want = p.slice(1);
    return bare === want || (bare.length >= 2 && distance(bare, want) === 1) || (bare.length === want.length && [...bare].sort().join('') === [...want].sort().join(''));
  });
}

/** Reads a TLSA owner (absolute, lower case) as `_<port>._<proto>.<host>`. */
export function readTlsaOwner(owner: string): TlsaOwner {
  const labels = owner.split('.');
  const [port, protocol] = labels;
  const host = labels.slice(2).join('.') || '.';
  const portMatch = /^(_?)(\d{1,5})$/.exec(port ?? '');
  if (portMatch && portMatch[1] === '_' && Number(portMatch[2]) <= 65535 && TLSA_PROTOCOLS.includes(protocol ?? '')) {
    return { kind: 'service', port: Number(portMatch[2]), protocol, host };
  }
  if (!portMatch || protocol === undefined || Number(portMatch[2]) > 65535) return { kind: 'other' };
  const meant = meantProtocol(protocol);
  if (!meant) return { kind: 'other' };
  const rightPort = `_${portMatch[2]}`;
  const wrong = port !== rightPort ? (protocol !== meant ? `${port}.${protocol}` : port) : protocol;
  const right = port !== rightPort ? (protocol !== meant ? `${rightPort}.${meant}` : rightPort) : meant;
  return { kind: 'typo', corrected: `${rightPort}.${meant}.${host}`, wrong, right, wrongPrefix: `${port}.${protocol}`, rightPrefix: `${rightPort}.${meant}` };
}

/** The SMTP host a TLSA owner protects, for `_25._tcp.<host>` (RFC 7672 §2.2.3), absolute. */
export function smtpTlsaHost(owner: string): string | undefined {
  const read = readTlsaOwner(owner);
  return read.kind === 'service' && read.port === 25 && read.protocol === '_tcp' ? read.host : undefined;
}
