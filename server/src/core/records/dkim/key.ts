/**
 * What a DKIM `p=` holds, read without a crypto library (the core must run
 * anywhere, and Node's `crypto` would also accept keys DKIM does not).
 *
 * - RSA (RFC 6376 §3.6.1, App. C): a DER SubjectPublicKeyInfo (RFC 5280
 *   §4.1.2.7) with the rsaEncryption OID, as `openssl rsa -pubout` writes;
 *   erratum 3017 lets verifiers accept a bare PKCS#1 RSAPublicKey
 *   (RFC 8017 §A.1.1) too, and most do.
 * - Ed25519 (RFC 8463 §4.2): the raw 32-byte public key, not wrapped.
 *
 * A small DER reader (X.690 §8, definite lengths only) is all this needs.
 */

export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_ED25519 = '1.3.101.112';

/** Algorithms a SubjectPublicKeyInfo may name, for saying what a wrong key is. */
const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  [OID_RSA_ENCRYPTION]: 'RSA',
  [OID_ED25519]: 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.2.840.10045.2.1': 'elliptic-curve (ECDSA)',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10040.4.1': 'DSA',
};

export type DkimKey =
  | {
      readonly type: 'rsa';
      readonly form: 'spki' | 'pkcs1';
      /** Bits of the modulus, leading zero bits not counted. */
      readonly bits: number;
    }
  | {
      readonly type: 'ed25519';
      readonly form: 'raw' | 'spki';
      /** The 32-byte public key. */
      readonly raw: Uint8Array;
    }
  /** A well-formed SubjectPublicKeyInfo for an algorithm DKIM does not define. */
  | { readonly type: 'unsupported'; readonly algorithm: string }
  | { readonly type: 'invalid'; readonly reason: string };

interface Element {
  readonly tag: number;
  /** Offset of the content. */
  readonly start: number;
  /** Offset just past the content. */
  readonly end: number;
}

class DerError extends Error {}

/** Reads the element at `pos` that must end by `limit`. */
function readElement(bytes: Uint8Array, pos: number, limit: number): Element {
  if (pos + 2 > limit) throw new DerError('the data ends in the middle of an element: the key was cut short');
  const tag = bytes[pos];
  let length = bytes[pos + 1];
  let start = pos + 2;
  if (length === 0x80) throw new DerError('indefinite length, which DER does not allow');
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4) throw new DerError(`a length of ${count} bytes, far more than any key needs`);
    if (start + count > limit) throw new DerError('the data ends in the middle of an element: the key was cut short');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  const end = start + length;
  if (end > limit) {
    throw new DerError(`an element claims ${length} bytes but only ${limit - start} follow: the key was cut short (a string lost when the record was split?)`);
  }
  return { tag, start, end };
}

function expect(bytes: Uint8Array, pos: number, limit: number, tag: number, what: string): Element {
  const element = readElement(bytes, pos, limit);
  if (element.tag !== tag) throw new DerError(`expected ${what}, found tag 0x${element.tag.toString(16).padStart(2, '0')}`);
  return element;
}

function readOid(bytes: Uint8Array, element: Element): string {
  if (element.end === element.start) throw new DerError('an empty object identifier');
  const first = bytes[element.start];
  const parts: number[] = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let value = 0;
  for (let i = element.start + 1; i < element.end; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if ((bytes[i] & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** Bits of a positive INTEGER's value. */
function integerBits(bytes: Uint8Array, element: Element, what: string): number {
  let i = element.start;
  if (i === element.end) throw new DerError(`an empty ${what}`);
  if (bytes[i] & 0x80) throw new DerError(`a negative ${what}`);
  while (i < element.end && bytes[i] === 0) i++;
  if (i === element.end) return 0;
  return (element.end - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

/** A small INTEGER's value, or Infinity when it does not fit in 48 bits. */
function integerValue(bytes: Uint8Array, element: Element): number {
  if (element.end - element.start > 6) return Infinity;
  let value = 0;
  for (let i = element.start; i < element.end; i++) value = value * 256 + bytes[i];
  return value;
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 §A.1.1). */
function readRsaPublicKey(bytes: Uint8Array, start: number, limit: number): number {
  const seq = expect(bytes, start, limit, 0x30, 'an RSAPublicKey SEQUENCE');
  const modulus = expect(bytes, seq.start, seq.end, 0x02, 'the RSA modulus (an INTEGER)');
  const exponent = expect(bytes, modulus.end, seq.end, 0x02, 'the RSA public exponent (an INTEGER)');
  if (exponent.end !== seq.end) throw new DerError('extra data inside the RSAPublicKey');
  if (seq.end !== limit) throw new DerError(`${limit - seq.end} bytes of extra data after the RSAPublicKey`);
  const bits = integerBits(bytes, modulus, 'RSA modulus');
  const e = integerValue(bytes, exponent);
  if (integerBits(bytes, exponent, 'RSA exponent') === 0 || e === 1 || e % 2 === 0) {
    const shown = Number.isFinite(e) ? ` ${e}` : '';
    throw new DerError(`the RSA public exponent${shown} is not valid: it must be odd and greater than 1`);
  }
  return bits;
}

/**
 * SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
 * subjectPublicKey BIT STRING } (RFC 5280 §4.1.2.7).
 */
function readSpki(bytes: Uint8Array): DkimKey {
  const outer = expect(bytes, 0, bytes.length, 0x30, 'a SEQUENCE');
  if (outer.end !== bytes.length) throw new DerError(`${bytes.length - outer.end} bytes of extra data after the key`);
  const algorithm = expect(bytes, outer.start, outer.end, 0x30, 'an AlgorithmIdentifier SEQUENCE');
  const oid = readOid(bytes, expect(bytes, algorithm.start, algorithm.end, 0x06, 'an algorithm OID'));
  const key = expect(bytes, algorithm.end, outer.end, 0x03, 'the public key BIT STRING');
  if (key.end !== outer.end) throw new DerError('extra data inside the SubjectPublicKeyInfo');
  if (key.start === key.end || bytes[key.start] !== 0) throw new DerError('the public key BIT STRING has unused bits');
  if (oid === OID_RSA_ENCRYPTION) return { type: 'rsa', form: 'spki', bits: readRsaPublicKey(bytes, key.start + 1, key.end) };
  if (oid === OID_ED25519) {
    const raw = bytes.slice(key.start + 1, key.end);
    if (raw.length !== 32) throw new DerError(`the Ed25519 key inside is ${raw.length} bytes, not 32`);
    return { type: 'ed25519', form: 'spki', raw };
  }
  return { type: 'unsupported', algorithm: ALGORITHM_NAMES[oid] ?? `OID ${oid}` };
}

/** True when the bytes open like a SubjectPublicKeyInfo: a SEQUENCE whose first element is a SEQUENCE. */
function looksLikeSpki(bytes: Uint8Array): boolean {
  try {
    const outer = readElement(bytes, 0, bytes.length);
    return outer.tag === 0x30 && outer.start < bytes.length && bytes[outer.start] === 0x30;
  } catch {
    return bytes.length > 4 && bytes[0] === 0x30 && (bytes[2] === 0x30 || bytes[3] === 0x30 || bytes[4] === 0x30);
  }
}

/**
 * Reads the decoded `p=` bytes. `keyType` is the record's `k=` (lower case;
 * `rsa` when absent): it decides how 32 bytes that are not DER are read.
 */
export function readDkimKey(bytes: Uint8Array, keyType: string): DkimKey {
  if (keyType === 'ed25519' && bytes.length === 32) return { type: 'ed25519', form: 'raw', raw: bytes };
  if (bytes.length === 0) return { type: 'invalid', reason: 'it decodes to nothing' };
  try {
    if (looksLikeSpki(bytes)) return readSpki(bytes);
    if (bytes[0] === 0x30) return { type: 'rsa', form: 'pkcs1', bits: readRsaPublicKey(bytes, 0, bytes.length) };
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    if (bytes.length === 32) return { type: 'ed25519', form: 'raw', raw: bytes };
    return { type: 'invalid', reason: e.message };
  }
  // Neither DER nor anything else a DKIM key can be; 32 bytes is exactly an Ed25519 key.
  if (bytes.length === 32) return { type: 'ed25519', form: 'raw', raw: bytes };
  if (keyType === 'ed25519') return { type: 'invalid', reason: `an Ed25519 key is 32 bytes; this one is ${bytes.length}` };
  return { type: 'invalid', reason: `its ${bytes.length} bytes are not DER (an RSA key starts with a SEQUENCE, 0x30)` };
}

/** The SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410 §4), before the 32 key bytes. */
export const ED25519_SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

/** One line for messages and hovers: `2048-bit RSA (SubjectPublicKeyInfo)`. */
export function describeKey(key: DkimKey): string {
  switch (key.type) {
    case 'rsa':
      return `${key.bits}-bit RSA (${key.form === 'spki' ? 'SubjectPublicKeyInfo' : 'bare PKCS#1 RSAPublicKey'})`;
    case 'ed25519':
      return key.form === 'raw' ? 'Ed25519 (raw 32-byte key)' : 'Ed25519 wrapped in SubjectPublicKeyInfo';
    case 'unsupported':
      return `${key.algorithm} key`;
    case 'invalid':
      return key.reason;
  }
}
