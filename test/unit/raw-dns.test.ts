/** The fallback DNS client's wire format: queries as c-ares would send them, answers with compressed names. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildQuery, parseResponse, parseServer } from '../../server/src/node/rawDns';

/** A response to `query`: header with the answer count, the question copied, then `answers` (already encoded). */
function response(query: Buffer, answers: Buffer[], rcode = 0): Buffer {
  const header = Buffer.from(query.subarray(0, 12));
  header.writeUInt16BE(0x8180 | rcode, 2);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12), ...answers]);
}

/** One resource record owned by the question name (pointer to offset 12). */
function rr(type: number, ttl: number, data: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt32BE(ttl, 6);
  head.writeUInt16BE(data.length, 10);
  return Buffer.concat([head, data]);
}

describe('raw DNS', () => {
  it('encodes names c-ares refuses, octet for octet', () => {
    const q = buildQuery(0x1234, 'john+tag._spf.example.com.', 'TXT');
    assert.equal(q.readUInt16BE(0), 0x1234);
    assert.equal(q.readUInt16BE(2), 0x0100);
    assert.deepEqual([...q.subarray(12, 21)], [8, ...Buffer.from('john+tag')]);
    assert.equal(q.readUInt16BE(q.length - 4), 16);
  });

  it('reads TXT strings, MX with a compressed exchange, and the smallest TTL', () => {
    const q = buildQuery(7, 'a b.example.com', 'TXT');
    const txt = parseResponse(response(q, [rr(16, 300, Buffer.from('\x06v=spf1\x05 -all')), rr(16, 60, Buffer.from('\x03two'))]), 7, 'TXT');
    assert.deepEqual([txt.rcode, txt.values, txt.ttl], ['NOERROR', [['v=spf1', ' -all'], ['two']], 60]);
    const mxQuery = buildQuery(8, 'example.com', 'MX');
    // exchange "mx" + pointer to "example.com" at offset 12 of the message.
    const mx = parseResponse(response(mxQuery, [rr(15, 300, Buffer.from([0, 10, 2, 0x6d, 0x78, 0xc0, 12]))]), 8, 'MX');
    assert.deepEqual(mx.values, [{ priority: 10, exchange: 'mx.example.com' }]);
  });

  it('reads addresses and NXDOMAIN, and rejects a reply to another question', () => {
    const q = buildQuery(9, 'host.example', 'AAAA');
    const v6 = parseResponse(response(q, [rr(28, 30, Buffer.from('20010db8000000000000000000000001', 'hex'))]), 9, 'AAAA');
    assert.deepEqual(v6.values, ['2001:db8:0:0:0:0:0:1']);
    assert.equal(parseResponse(response(q, [], 3), 9, 'AAAA').rcode, 'NXDOMAIN');
    assert.throws(() => parseResponse(response(q, []), 10, 'AAAA'), /unexpected response/);
  });

  it('parses server entries', () => {
    assert.deepEqual(parseServer('127.0.0.1'), { host: '127.0.0.1', port: 53 });
    assert.deepEqual(parseServer('127.0.0.1:5353'), { host: '127.0.0.1', port: 5353 });
    assert.deepEqual(parseServer('[::1]:5300'), { host: '::1', port: 5300 });
    assert.deepEqual(parseServer('::1'), { host: '::1', port: 53 });
  });
});
