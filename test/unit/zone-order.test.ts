/** The order `mailzone zone print` prints a zone in: `named-checkzone -D`'s (zone/order.ts). */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { compareNames, typeOrder } from '../../server/src/core/zone/order';
import { printZone } from '../../server/src/core/zone/print';
import { parseZone } from '../../server/src/core/zone/parser';

it('orders names as RFC 4034 §6.1 does: by labels from the right, as lower-cased octets', () => {
  const names = ['z.example.', 'example.', 'yljkjljk.a.example.', 'Z.a.example.', 'zABC.a.EXAMPLE.', '*.z.example.', '\\200.z.example.', 'a.example.', '\\001.z.example.'];
  assert.deepEqual([...names].sort(compareNames), ['example.', 'a.example.', 'yljkjljk.a.example.', 'Z.a.example.', 'zABC.a.EXAMPLE.', 'z.example.', '\\001.z.example.', '*.z.example.', '\\200.z.example.']);
});

it('puts the SOA, then the NS, then the other types by number, each RRSIG after the type it covers', () => {
  assert.ok(typeOrder(6) < typeOrder(2) && typeOrder(2) < typeOrder(1) && typeOrder(1) < typeOrder(15));
  assert.ok(typeOrder(46, 1) > typeOrder(1) && typeOrder(46, 1) < typeOrder(15));
});

it('prints an RRset in canonical rdata order, which for TXT compares the length octet first', () => {
  const zone = parseZone('$TTL 60\n@ TXT "z"\n@ TXT "ab"\n@ MX 20 b\n@ MX 5 c\n@ A 192.0.2.9\n@ A 192.0.2.10\n', { origin: 'example.' });
  assert.deepEqual(printZone(zone).trim().split('\n').map((l) => l.split('\t').slice(3).join(' ')), [
    'A 192.0.2.9', 'A 192.0.2.10', 'MX 5 c.example.', 'MX 20 b.example.', 'TXT "z"', 'TXT "ab"',
  ]);
});

it('prints long hex and base64 fields in 56-character words, as BIND does', () => {
  const digest = '0123456789ABCDEF'.repeat(4);
  const zone = parseZone(`$TTL 60\n@ DS 1 8 2 ${digest}\n`, { origin: 'example.' });
  assert.equal(printZone(zone).trim().split('\t')[4], `1 8 2 ${digest.slice(0, 56)} ${digest.slice(56)}`);
});
