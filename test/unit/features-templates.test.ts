/**
 * Record templates: a DMARC policy and a DKIM key record from a PEM public
 * key, inserted as a new entry. Tested by applying the edit and comparing
 * the whole text, then analysing the result: the inserted record draws no
 * finding of its kind's rules.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { dkimInsertion, dkimValueFromPem, dmarcInsertion, dmarcValue, insertionPoint, relativeOwner } from '../../server/src/core/features/templates';
import { analyzeDocument } from '../../server/src/core/service';
import { applyEdits } from '../support/edits';
import { withCursor } from '../support/fixture';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@               IN SOA  ns1 hostmaster ( 2026010100 7200 3600 1209600 300 )
                IN NS   ns1
                IN MX   10 mail
ns1             IN A    192.0.2.53
mail            IN A    192.0.2.25
`;

function analyse(text: string) {
  return analyzeDocument({ text }, { dmarcStandard: 'rfc9989' });
}

function findingsOf(text: string, prefix: string): string[] {
  return analyse(text).findings.filter((f) => f.rule.startsWith(prefix)).map((f) => `${f.rule}: ${f.message}`);
}

function rsaPem(bits: number, type: 'spki' | 'pkcs1' = 'spki'): string {
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ type, format: 'pem' }).toString();
}

describe('DMARC template', () => {
  it('writes the policy and adds mailto: to a bare report address', () => {
    assert.equal(dmarcValue({ policy: 'none', rua: 'dmarc@example.com' }), 'v=DMARC1; p=none; rua=mailto:dmarc@example.com');
    assert.equal(dmarcValue({ policy: 'reject' }), 'v=DMARC1; p=reject');
    assert.equal(dmarcValue({ policy: 'quarantine', rua: 'mailto:a@example.com, https://r.example.com/x' }), 'v=DMARC1; p=quarantine; rua=mailto:a@example.com,https://r.example.com/x');
    assert.match((dmarcValue({ policy: 'none', rua: 'a b@example.com' }) as { error: string }).error, /spaces/);
    assert.match((dmarcValue({ policy: 'nope' as 'none' }) as { error: string }).error, /unknown policy/);
  });

  it('inserts _dmarc after the entry at the cursor, owner relative to the origin and aligned with the entry before', () => {
    const { text, offset } = withCursor(ZONE.replace('10 mail', '10 ma|il'));
    const inserted = dmarcInsertion(analyse(text), { policy: 'quarantine', rua: 'reports@example.com', offset });
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    const after = applyEdits(text, [inserted.edit]);
    assert.equal(
      after,
      ZONE.replace('10 mail\n', '10 mail\n_dmarc          IN TXT "v=DMARC1; p=quarantine; rua=mailto:reports@example.com"\n'),
    );
    assert.deepEqual(findingsOf(after, 'dmarc-'), []);
  });

  it('appends at the end without a cursor and refuses a second DMARC record', () => {
    const inserted = dmarcInsertion(analyse(ZONE), { policy: 'reject' });
    assert.ok(!('error' in inserted));
    const after = applyEdits(ZONE, [inserted.edit]);
    assert.equal(after, `${ZONE}_dmarc          IN TXT "v=DMARC1; p=reject"\n`);
    const again = dmarcInsertion(analyse(after), { policy: 'none' });
    assert.match((again as { error: string }).error, /already has a DMARC record/);
  });

  it('writes an absolute owner for another domain and needs a domain when the zone names none', () => {
    const inserted = dmarcInsertion(analyse(ZONE), { policy: 'none', domain: 'example.org.' });
    assert.ok(!('error' in inserted));
    assert.equal(inserted.entry, '_dmarc.example.org. IN TXT "v=DMARC1; p=none"');
    const bare = 'www IN A 192.0.2.1';
    assert.match((dmarcInsertion(analyse(bare), { policy: 'none' }) as { error: string }).error, /\$ORIGIN or SOA/);
    // A missing final line break is added before the new entry.
    const sub = dmarcInsertion(analyse(`$ORIGIN example.net.\n${bare}`), { policy: 'none', domain: 'sub' });
    assert.ok(!('error' in sub));
    assert.equal(applyEdits(`$ORIGIN example.net.\n${bare}`, [sub.edit]), `$ORIGIN example.net.\n${bare}\n_dmarc.sub IN TXT "v=DMARC1; p=none"\n`);
  });

  it('goes after the entries that inherit the owner of the one at the cursor, never between them', () => {
    const { text, offset } = withCursor(ZONE.replace('@               IN SOA', '@ |              IN SOA'));
    const inserted = dmarcInsertion(analyse(text), { policy: 'none', offset });
    assert.ok(!('error' in inserted));
    assert.equal(applyEdits(text, [inserted.edit]), ZONE.replace('10 mail\n', '10 mail\n_dmarc          IN TXT "v=DMARC1; p=none"\n'));
  });

  it('finds the entry end of a record in parentheses and the origin in force there', () => {
    const text = `${ZONE}$ORIGIN sub.example.com.\n@ IN TXT ( "v=spf1 "\n  "-all" ) ; none\nwww IN A 192.0.2.9\n`;
    const cursor = text.indexOf('"v=spf1');
    assert.equal(insertionPoint(analyse(text), cursor), text.indexOf('www IN A'));
    const inserted = dmarcInsertion(analyse(text), { policy: 'reject', offset: cursor });
    assert.ok(!('error' in inserted));
    assert.equal(inserted.entry, '_dmarc IN TXT "v=DMARC1; p=reject"');
    assert.equal(relativeOwner('_dmarc.sub.example.com.', 'sub.example.com.'), '_dmarc');
    assert.equal(relativeOwner('sub.example.com.', 'sub.example.com.'), '@');
  });
});

describe('DKIM record from a public key', () => {
  it('publishes a 2048-bit RSA key as SubjectPublicKeyInfo in strings of at most 255 octets', () => {
    const pem = rsaPem(2048);
    const spki = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const { text, offset } = withCursor(ZONE.replace('192.0.2.25', '192.0.2.25|'));
    const inserted = dkimInsertion(analyse(text), { selector: 'mail2026', key: pem, offset });
    assert.ok(!('error' in inserted), JSON.stringify(inserted));
    assert.equal(inserted.key.description, '2048-bit RSA (SubjectPublicKeyInfo)');
    const value = `v=DKIM1; k=rsa; p=${spki}`;
    const head = 'mail2026._domainkey IN TXT ';
    const after = applyEdits(text, [inserted.edit]);
    assert.equal(after, `${ZONE}${head}( "${value.slice(0, 255)}"\n${' '.repeat(head.length + 2)}"${value.slice(255)}" )\n`);
    const record = analyse(after).zone.records.find((r) => r.owner === 'mail2026._domainkey.example.com.');
    assert.equal(record?.txt?.text, value);
    assert.ok(record!.txt!.strings.every((s) => s.octets <= 255));
    assert.deepEqual(findingsOf(after, 'dkim-'), []);
    assert.deepEqual(findingsOf(after, 'txt-'), []);
  });

  it('wraps a PKCS#1 "RSA PUBLIC KEY" in SubjectPublicKeyInfo', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const built = dkimValueFromPem(pkcs1);
    assert.ok(!('error' in built));
    assert.equal(built.value, `v=DKIM1; k=rsa; p=${spki}`);
  });

  it('publishes an Ed25519 key as its raw 32 bytes with k=ed25519 (RFC 8463)', () => {
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const raw = publicKey.export({ format: 'jwk' }).x!;
    const built = dkimValueFromPem(pem);
    assert.ok(!('error' in built));
    assert.equal(built.keyType, 'ed25519');
    assert.equal(built.value, `v=DKIM1; k=ed25519; p=${Buffer.from(raw, 'base64url').toString('base64')}`);
    const inserted = dkimInsertion(analyse(ZONE), { selector: 'ed', key: pem });
    assert.ok(!('error' in inserted));
    const after = applyEdits(ZONE, [inserted.edit]);
    assert.equal(after, `${ZONE}ed._domainkey   IN TXT "${built.value}"\n`);
    assert.deepEqual(findingsOf(after, 'dkim-'), []);
  });

  it('accepts bare base64 and says what is wrong with anything else', () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    assert.equal((dkimValueFromPem(`  ${der.slice(0, 100)}\n${der.slice(100)}  `) as { value: string }).value, `v=DKIM1; k=rsa; p=${der}`);
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const error = (input: string): string => (dkimValueFromPem(input) as { error: string }).error;
    assert.match(error(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), /private key/);
    assert.match(error(rsaPem(512)), /512-bit RSA key is rejected/);
    assert.match(error('-----BEGIN PUBLIC KEY-----\nMIIB'), /incomplete/);
    assert.match(error('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB'), /OpenSSH/);
    assert.match(error('not base64!'), /not valid base64/);
    assert.match(error(''), /no key/);
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.match(error(ec), /elliptic-curve \(ECDSA\) key cannot sign DKIM mail/);
  });

  it('refuses a bad selector and one already in use', () => {
    const pem = rsaPem(1024);
    assert.match((dkimInsertion(analyse(ZONE), { selector: 'bad selector', key: pem }) as { error: string }).error, /not a selector/);
    const used = `${ZONE}s1._domainkey IN TXT "v=DKIM1; p="\n`;
    assert.match((dkimInsertion(analyse(used), { selector: 'S1', key: pem }) as { error: string }).error, /already has a TXT record/);
  });
});
