/**
 * The DKIM rules over whole records: the RFC 6376 Appendix C and RFC 8463
 * A.2 records exactly as the RFCs print them, and keys Node generates (RSA
 * 512/1024/2048/4096, Ed25519; SubjectPublicKeyInfo, PKCS#1 and raw) in the
 * multi-string form zone files use.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/service';

function findings(text: string): string[] {
  // Only the DKIM rules: the snippets are not whole zones, which other rules may speak about.
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' })
    .findings.filter((f) => f.rule.startsWith('dkim-'))
    .map((f) => `${f.rule} ${f.severity}: ${f.message}`);
}

/** A selector record with the key split into 100-character strings, as zone files carry long keys. */
function record(selector: string, tags: string, key: string): string {
  const parts = key.match(/.{1,100}/g) ?? [''];
  return `$ORIGIN example.com.\n$TTL 3600\n${selector}._domainkey IN TXT ( "${tags}p="\n${parts.map((p) => `    "${p}"`).join('\n')} )\n`;
}

describe('DKIM records from the RFCs', () => {
  it('RFC 6376 Appendix C: valid, and a 1024-bit key under today’s recommendation', () => {
    const text = `$TTL 3600
$ORIGIN _domainkey.example.org.
brisbane IN  TXT  ("v=DKIM1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ"
                   "KBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt"
                   "IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v"
                   "/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhi"
                   "tdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB")
`;
    assert.deepEqual(findings(text), ['dkim-key-size warning: 1024-bit RSA key: signers should use at least 2048 bits']);
  });

  it('RFC 8463 A.2: an Ed25519 key, no findings', () => {
    const text = `$TTL 3600
brisbane._domainkey.football.example.com. IN TXT (
    "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
`;
    assert.deepEqual(findings(text), []);
  });
});

describe('DKIM records with generated keys', () => {
  const expected: Record<number, string[]> = {
    512: ['dkim-key-size error: 512-bit RSA key: verifiers must not accept keys under 1024 bits; use 2048'],
    1024: ['dkim-key-size warning: 1024-bit RSA key: signers should use at least 2048 bits'],
    2048: [],
    4096: [],
  };
  for (const bits of [512, 1024, 2048, 4096]) {
    it(`RSA ${bits} bits, SubjectPublicKeyInfo and PKCS#1`, () => {
      const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
      const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
      assert.deepEqual(findings(record('s', 'v=DKIM1; k=rsa; ', spki)), expected[bits]);
      assert.deepEqual(findings(record('s', 'v=DKIM1; k=rsa; ', pkcs1)), [
        ...expected[bits],
        'dkim-pkcs1-key warning: p= is a bare PKCS#1 RSAPublicKey: RFC 6376 keys are SubjectPublicKeyInfo (what `openssl rsa -pubout` prints), and some verifiers accept only that',
      ]);
    });
  }

  it('Ed25519: raw is right, wrapped is an error, and k= must say ed25519', () => {
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const raw = spki.subarray(12).toString('base64');
    assert.deepEqual(findings(record('s', 'v=DKIM1; k=ed25519; ', raw)), []);
    assert.deepEqual(
      findings(record('s', 'v=DKIM1; k=ed25519; ', spki.toString('base64'))).map((f) => f.split(':')[0]),
      ['dkim-ed25519-spki error'],
    );
    assert.deepEqual(
      findings(record('s', 'v=DKIM1; ', raw)),
      ['dkim-key-type-mismatch error: p= holds an Ed25519 key but k= is absent, which means rsa: verifiers cannot use the key'],
    );
  });

  it('a 2048-bit key that lost its last string', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const [finding] = findings(record('s', 'v=DKIM1; k=rsa; ', spki.slice(0, 300)));
    assert.match(finding, /^dkim-key-invalid error: p= is not a usable public key: .*cut short/);
    // Cut at a length that is not whole base64: the message is still about the key being cut, not about padding.
    assert.deepEqual(findings(record('s', 'v=DKIM1; k=rsa; ', spki.slice(0, 255))), [
      'dkim-key-invalid error: p= is cut short: an element claims 290 bytes but only 185 follow: the key was cut short (a string lost when the record was split?)',
    ]);
  });

  it('an ADSP record under _domainkey is not a key', () => {
    assert.deepEqual(findings('$TTL 3600\n_adsp._domainkey.example.com. IN TXT "dkim=all"\n'), []);
  });
});

describe('dkim-key-size: one finding per size class and zone', () => {
  it('names every selector of a class once, each reachable as a related place', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const text = ['a', 'b', 'c'].map((s) => record(s, 'v=DKIM1; k=rsa; ', spki)).join('');
    const size = analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => f.rule === 'dkim-key-size');
    assert.equal(size.length, 1);
    assert.match(size[0].message, /^1024-bit RSA key: signers should use at least 2048 bits \(3 selectors: a\._domainkey\.example\.com, b\._domainkey\.example\.com, c\._domainkey\.example\.com\)$/);
    assert.deepEqual(size[0].related?.map((r) => r.message), ['b._domainkey.example.com: 1024-bit RSA key', 'c._domainkey.example.com: 1024-bit RSA key']);
  });
});

