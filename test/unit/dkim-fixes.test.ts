/**
 * DKIM quick fixes, tested by applying them: each fix's edits are applied to
 * the zone text, the whole result is compared, and the result is analysed
 * again to show the finding is gone and nothing new appeared.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/rules/rule';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from '../support/edits';

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n';
const ED = '2yWIKuszXYzhVjc86Ge7mhX4SCYShOvFFH0uz+Lckr0=';

/** The findings about DKIM records and their TXT strings (the snippets are not whole zones, which other rules speak about). */
function findings(text: string): Finding[] {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }).findings.filter((f) => /^(dkim|txt)-/.test(f.rule));
}

/** Applies the first fix of the one finding of `rule`, checks it is gone, and returns the new text. */
function fixed(text: string, rule: string, fixIndex = 0): string {
  const found = findings(text).filter((f) => f.rule === rule);
  assert.equal(found.length, 1, `${rule}: ${JSON.stringify(findings(text).map((f) => f.rule))}`);
  const fix = found[0].fixes?.[fixIndex];
  assert.ok(fix, `${rule} offers a fix`);
  const result = applyEdits(text, fix.edits);
  assert.deepEqual(
    findings(result).filter((f) => f.rule === rule),
    [],
    `${rule} still found after "${fix.title}":\n${result}`,
  );
  return result;
}

function rules(text: string): string[] {
  return findings(text).map((f) => f.rule);
}

function rsaKey(bits: number, type: 'spki' | 'pkcs1'): string {
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ type, format: 'der' }).toString('base64');
}

describe('DKIM quick fixes', () => {
  it('moves v=DKIM1 to the front', () => {
    const text = `${HEAD}s1._domainkey IN TXT "k=ed25519; v=DKIM1; p=${ED}"\n`;
    assert.equal(fixed(text, 'dkim-version'), `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ED}"\n`);
  });

  it('moves v=DKIM1 from the end, across strings', () => {
    const text = `${HEAD}s1._domainkey IN TXT ( "k=ed25519; p=${ED}; "\n    "v=DKIM1" )\n`;
    const result = fixed(text, 'dkim-version');
    assert.equal(result, `${HEAD}s1._domainkey IN TXT ( "v=DKIM1; k=ed25519; p=${ED}"\n    "" )\n`);
    assert.deepEqual(rules(result), []);
  });

  it('corrects the spelling of the version and puts back a missing separator', () => {
    assert.equal(
      fixed(`${HEAD}s1._domainkey IN TXT "v=dkim1; k=ed25519; p=${ED}"\n`, 'dkim-version'),
      `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ED}"\n`,
    );
    assert.equal(
      fixed(`${HEAD}s1._domainkey IN TXT "v=DKIM1, k=ed25519; p=${ED}"\n`, 'dkim-version'),
      `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ED}"\n`,
    );
  });

  it('sets k=ed25519 when the key is Ed25519: adding the tag, or correcting it', () => {
    assert.equal(
      fixed(`${HEAD}s1._domainkey IN TXT "v=DKIM1; p=${ED}"\n`, 'dkim-key-type-mismatch'),
      `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ED}"\n`,
    );
    const text = `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=rsa; p=${ED}"\n`;
    assert.equal(fixed(text, 'dkim-key-type-mismatch'), `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ED}"\n`);
  });

  it('sets k=rsa over an RSA key marked ed25519', () => {
    const key = rsaKey(2048, 'spki');
    const text = `${HEAD}s1._domainkey IN TXT ( "v=DKIM1; k=ed25519; p=${key.slice(0, 200)}"\n  "${key.slice(200)}" )\n`;
    const result = fixed(text, 'dkim-key-type-mismatch');
    assert.equal(result, text.replace('k=ed25519', 'k=rsa'));
    assert.deepEqual(rules(result), []);
  });

  it('adds k= in a string of its own when the string has no room', () => {
    // One full 255-octet string: `k=ed25519; ` cannot go inside it, so the string is closed before p= and reopened.
    const before = `v=DKIM1; n=${'x'.repeat(255 - 'v=DKIM1; n=; '.length - `p=${ED}`.length)}; `;
    const full = `${before}p=${ED}`;
    assert.equal(full.length, 255);
    const text = `${HEAD}s1._domainkey IN TXT "${full}"\n`;
    const result = fixed(text, 'dkim-key-type-mismatch');
    assert.equal(result, `${HEAD}s1._domainkey IN TXT "${before}" "k=ed25519; " "p=${ED}"\n`);
    assert.deepEqual(rules(result), []);
  });

  it('removes white space inside the key, in every string, leaving the strings', () => {
    const key = rsaKey(2048, 'spki');
    const text = `${HEAD}s1._domainkey IN TXT ( "v=DKIM1; k=rsa; p=${key.slice(0, 100)} ${key.slice(100, 200)}\\009"\n  " ${key.slice(200)}" )\n`;
    const result = fixed(text, 'dkim-whitespace-in-key');
    assert.equal(result, `${HEAD}s1._domainkey IN TXT ( "v=DKIM1; k=rsa; p=${key.slice(0, 200)}"\n  "${key.slice(200)}" )\n`);
    assert.deepEqual(rules(result), []);
  });

  it('unwraps an Ed25519 key from SubjectPublicKeyInfo', () => {
    const text = `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=MCowBQYDK2VwAyEA${ED}"\n`;
    assert.equal(fixed(text, 'dkim-ed25519-spki'), `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ED}"\n`);
  });

  it('wraps a bare PKCS#1 key in SubjectPublicKeyInfo, as openssl would, splitting the strings at 255', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const text = `${HEAD}s1._domainkey IN TXT ( "v=DKIM1; k=rsa; p=${pkcs1.slice(0, 200)}"\n  "${pkcs1.slice(200)}" )\n`;
    const result = fixed(text, 'dkim-pkcs1-key');
    // The new key (392 characters) does not fit the first string, so it is written as strings of its own.
    assert.equal(result, `${HEAD}s1._domainkey IN TXT ( "v=DKIM1; k=rsa; p=" "${spki.slice(0, 255)}" "${spki.slice(255)}"\n  "" )\n`);
    assert.deepEqual(rules(result), []);
  });

  it('sets h=sha256', () => {
    assert.equal(
      fixed(`${HEAD}s1._domainkey IN TXT "v=DKIM1; h=sha1; k=ed25519; p=${ED}"\n`, 'dkim-hash-sha1'),
      `${HEAD}s1._domainkey IN TXT "v=DKIM1; h=sha256; k=ed25519; p=${ED}"\n`,
    );
  });

  it('removes the historic g= tag', () => {
    assert.equal(
      fixed(`${HEAD}s1._domainkey IN TXT "v=DKIM1; g=; k=ed25519; p=${ED}"\n`, 'dkim-historic-g'),
      `${HEAD}s1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ED}"\n`,
    );
  });

  it('edits records in a zone where escapes sit inside the strings', () => {
    // `\059` is a ';': the value maps across the escape, and the fix keeps it.
    const text = `${HEAD}s1._domainkey IN TXT "n=a\\059b; k=ed25519\\059 v=DKIM1; p=${ED}"\n`;
    assert.equal(fixed(text, 'dkim-version'), `${HEAD}s1._domainkey IN TXT "v=DKIM1; n=a\\059b; k=ed25519\\059 p=${ED}"\n`);
  });
});
