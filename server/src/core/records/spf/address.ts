/**
 * Client addresses for SPF evaluation: parsing the address a check is asked
 * about, and prefix matching for ip4/ip6, a and mx (RFC 7208 §5.3-§5.6).
 */
import { ipBytes, maskBytes, parseIPv4, parseIPv6 } from '../../addr/ip';
import type { ClientIp } from './expand';

/**
 * Parses the connecting client's address. An IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`) is the IPv4 address: RFC 7208 §5 requires it to be
 * evaluated as IPv4, so it matches ip4 and is looked up with A queries.
 */
export function parseClientIp(text: string): ClientIp | undefined {
  const v4 = parseIPv4(text.trim());
  if (v4) return { version: 4, bytes: v4 };
  const v6 = parseIPv6(text.trim());
  if (!v6) return undefined;
  const bytes = ipBytes(v6);
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return { version: 4, bytes: bytes.slice(12) };
  return { version: 6, bytes };
}

/** Bytes of an address in an A or AAAA answer, or undefined when it is not one of that family. */
export function answerBytes(text: string, version: 4 | 6): number[] | undefined {
  if (version === 4) return parseIPv4(text);
  const groups = parseIPv6(text);
  return groups ? ipBytes(groups) : undefined;
}

/** True when the first `prefix` bits of `a` and `b` agree. */
export function samePrefix(a: readonly number[], b: readonly number[], prefix: number): boolean {
  if (a.length !== b.length) return false;
  const x = maskBytes(a, prefix);
  const y = maskBytes(b, prefix);
  return x.every((v, i) => v === y[i]);
}
