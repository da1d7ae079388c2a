/**
 * The DKIM key reader (core, no crypto library) against keys that Node's
 * crypto generates — RSA 512/1024/2048/4096 and Ed25519, in SubjectPublicKeyInfo
 * and PKCS#1 or raw form — and against the keys published in RFC 6376
 * Appendix C and RFC 8463 Appendix A.2. Node's own parser is the reference
 * for every size and type.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeBase64, encodeBase64 } from '../../server/src/core/records/dkim/base64';
import { describeKey, ED25519_SPKI_PREFIX, readDkimKey, type DkimKey } from '../../server/src/core/records/dkim/key';
import { wrapRsaKey } from '../../server/src/core/records/dkim/fixes';

/** RFC 6376 Appendix C, the strings of the `brisbane` record joined. */
export const RFC6376_KEY =
  'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ' +
  'KBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt' +
  'IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v' +
  '/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhi' +
  'tdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB';

/** RFC 8463 Appendix A.2. */
export const RFC8463_KEY = '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';

function bytes(base64: string): Uint8Array {
  const r = decodeBase64(base64);
  if ('error' in r) throw new Error(r.error);
  return r.bytes;
}

function read(base64: string, k = 'rsa'): DkimKey {
  return readDkimKey(bytes(base64), k);
}

describe('base64', () => {
  it('agrees with Buffer on every length and byte value', () => {
    for (let n = 0; n < 200; n++) {
      const data = crypto.randomBytes(n);
      const text = data.toString('base64');
      assert.equal(encodeBase64(data), text);
      assert.deepEqual(Buffer.from(bytes(text)), data);
    }
  });

  it('names the character at fault', () => {
    assert.deepEqual(decodeBase64('QUJD*EVG'), { error: "'*' is not a base64 character", offset: 4, length: 1, kind: 'character' });
    assert.deepEqual(decodeBase64('QU=DREVG'), { error: "'=' padding may only end the data", offset: 2, length: 1, kind: 'padding' });
    assert.equal((decodeBase64('QUJD RA==') as { offset: number }).offset, 4, 'white space is the caller’s business');
  });

  it('rejects lengths that are not a multiple of four, saying why', () => {
    const r = decodeBase64('QUJDRA');
    assert.ok('error' in r);
    assert.match(r.error, /length 6 is not a multiple of 4 \(2 '=' of padding missing/);
    assert.ok('error' in decodeBase64('QUJDRA='));
    assert.ok('error' in decodeBase64('QUJDR'));
  });

  it('accepts the empty string', () => {
    assert.deepEqual(decodeBase64(''), { bytes: new Uint8Array(0) });
  });
});

describe('readDkimKey', () => {
  for (const bits of [512, 1024, 2048, 4096]) {
    it(`reads a generated ${bits}-bit RSA key in both forms, as Node does`, () => {
      const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
      const spki = publicKey.export({ type: 'spki', format: 'der' });
      const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'der' });
      const expected = publicKey.asymmetricKeyDetails!.modulusLength;
      assert.equal(expected, bits);
      assert.deepEqual(read(spki.toString('base64')), { type: 'rsa', form: 'spki', bits });
      assert.deepEqual(read(pkcs1.toString('base64')), { type: 'rsa', form: 'pkcs1', bits });
      // The quick fix's wrapping of a bare key is byte for byte what Node exports.
      assert.deepEqual(Buffer.from(wrapRsaKey(new Uint8Array(pkcs1))), spki);
    });
  }

  it('reads a generated Ed25519 key raw and wrapped', () => {
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    assert.deepEqual(Buffer.from(spki.subarray(0, 12)), Buffer.from(ED25519_SPKI_PREFIX));
    const raw = spki.subarray(12);
    const asRaw = read(raw.toString('base64'), 'ed25519');
    assert.equal(asRaw.type, 'ed25519');
    assert.deepEqual(asRaw.type === 'ed25519' && [asRaw.form, Buffer.from(asRaw.raw)], ['raw', raw]);
    const wrapped = read(spki.toString('base64'), 'ed25519');
    assert.deepEqual(wrapped.type === 'ed25519' && [wrapped.form, Buffer.from(wrapped.raw)], ['spki', raw]);
    // Without k=ed25519, 32 bytes that are not DER still read as an Ed25519 key, so k= can be checked against it.
    assert.equal(read(raw.toString('base64'), 'rsa').type, 'ed25519');
  });

  it('reads the RFC 6376 Appendix C key: 1024-bit RSA in SubjectPublicKeyInfo', () => {
    assert.deepEqual(read(RFC6376_KEY), { type: 'rsa', form: 'spki', bits: 1024 });
    const node = crypto.createPublicKey({ key: Buffer.from(RFC6376_KEY, 'base64'), format: 'der', type: 'spki' });
    assert.equal(node.asymmetricKeyDetails!.modulusLength, 1024);
  });

  it('reads the RFC 8463 A.2 key: a raw Ed25519 key', () => {
    const key = read(RFC8463_KEY, 'ed25519');
    assert.equal(key.type === 'ed25519' && key.form, 'raw');
    // Node accepts it once wrapped, so it is a real Ed25519 point.
    const der = Buffer.concat([Buffer.from(ED25519_SPKI_PREFIX), Buffer.from(RFC8463_KEY, 'base64')]);
    assert.equal(crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyType, 'ed25519');
  });

  it('names other algorithms', () => {
    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.deepEqual(read(publicKey.export({ type: 'spki', format: 'der' }).toString('base64')), {
      type: 'unsupported',
      algorithm: 'elliptic-curve (ECDSA)',
    });
    const ed448 = crypto.generateKeyPairSync('ed448').publicKey.export({ type: 'spki', format: 'der' });
    assert.deepEqual(read(ed448.toString('base64')), { type: 'unsupported', algorithm: 'Ed448' });
  });

  it('says a key cut short is cut short', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    for (const keep of [10, 100, 200, 293]) {
      const key = readDkimKey(new Uint8Array(spki.subarray(0, keep)), 'rsa');
      assert.equal(key.type, 'invalid', `${keep} bytes`);
      assert.match(describeKey(key), /cut short/, `${keep} bytes`);
    }
  });

  it('rejects what is not a key', () => {
    assert.match(describeKey(read(Buffer.from('hello world').toString('base64'))), /not DER/);
    assert.match(describeKey(read(Buffer.alloc(31, 7).toString('base64'), 'ed25519')), /32 bytes; this one is 31/);
    assert.match(describeKey(readDkimKey(new Uint8Array(0), 'rsa')), /nothing/);
    // An RSAPublicKey with an even exponent cannot be a real key.
    const evenExponent = Uint8Array.of(0x30, 0x08, 0x02, 0x03, 0x00, 0xc1, 0x01, 0x02, 0x01, 0x04);
    assert.match(describeKey(readDkimKey(evenExponent, 'rsa')), /exponent 4 is not valid/);
    // Trailing bytes after the key.
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const spki = Buffer.concat([publicKey.export({ type: 'spki', format: 'der' }), Buffer.of(0)]);
    assert.match(describeKey(readDkimKey(new Uint8Array(spki), 'rsa')), /1 bytes of extra data/);
  });

  it('describes keys for messages and hovers', () => {
    assert.equal(describeKey(read(RFC6376_KEY)), '1024-bit RSA (SubjectPublicKeyInfo)');
    assert.equal(describeKey(read(RFC8463_KEY, 'ed25519')), 'Ed25519 (raw 32-byte key)');
  });
});
