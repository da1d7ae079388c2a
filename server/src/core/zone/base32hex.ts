/**
 * Base32hex without padding (RFC 4648 §7), as NSEC3 writes its hashes. Its
 * own module because both the type table (an NSEC3 owner's first label is a
 * hash) and the field readers use it, and the field readers read the type
 * table: here it sits below both.
 */
import type { FieldRead } from './fieldRead';

const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/**
 * NSEC3's next hashed owner in base32hex without padding (RFC 5155 §3.3,
 * RFC 4648 §7): BIND refuses padding and a length that leaves stray bits,
 * and prints it upper-cased. The hash is 1 to 255 octets.
 */
export function readBase32Hex(raw: string): FieldRead {
  if (!/^[0-9A-Va-v]+$/.test(raw)) return { error: `'${raw}' is not base32hex without padding (RFC 5155 §3.3)` };
  const bits = raw.length * 5;
  // Only lengths that encode whole octets are valid: 2, 4, 5, 7 or 8 characters per 5-octet group.
  if (![0, 2, 4, 5, 7].includes(raw.length % 8)) return { error: `'${raw}' has a base32hex length that does not encode whole octets` };
  if (Math.floor(bits / 8) > 255) return { error: 'the next hashed owner is over 255 octets' };
  // The bits past the last whole octet must be zero, or the text is not the encoding of any octets (RFC 4648 §3.5); BIND refuses it.
  const last = BASE32HEX.indexOf(raw[raw.length - 1].toUpperCase());
  if (last & ((1 << (bits % 8)) - 1)) return { error: `'${raw}' ends in bits that encode no octet` };
  return { text: raw.toUpperCase() };
}
