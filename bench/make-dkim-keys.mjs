/**
 * Writes bench/dkim-keys.json: real DKIM public keys for the realistic
 * benchmark zone (RSA-2048 as SubjectPublicKeyInfo, Ed25519 as the raw
 * 32-octet key of RFC 8463 §4.2), base64 as in a DKIM record's p= tag.
 * Key generation cannot be seeded, so the keys are made once and kept in
 * the repository; the zone generator picks from them with its seeded PRNG,
 * and the zone's bytes stay the same from run to run. The private halves
 * are thrown away.
 *
 * Usage: node bench/make-dkim-keys.mjs [COUNT]   (default 16 of each)
 */
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const count = Number(process.argv[2] ?? 16);
const rsa = [];
const ed25519 = [];
for (let i = 0; i < count; i++) {
  rsa.push(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
  // An Ed25519 SubjectPublicKeyInfo is a 12-octet header and the 32-octet key.
  ed25519.push(generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64'));
}
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dkim-keys.json');
fs.writeFileSync(file, `${JSON.stringify({ rsa2048: rsa, ed25519 }, null, 2)}\n`);
process.stdout.write(`wrote ${count} RSA-2048 and ${count} Ed25519 public keys to ${file}\n`);
