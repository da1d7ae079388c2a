/**
 * The TLSA query the probe sends itself (Node 20's resolver has none): the
 * question it writes, and how it reads answers, including broken ones, which
 * must end in an error rather than a hang or a crash.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTlsaResponse, tlsaQuery } from '../../server/src/node/tlsaQuery';

/** A response to `tlsaQuery(id, name)` with `answers` TLSA records (name by pointer to the question). */
function response(id: number, name: string, answers: Buffer[], flags = 0x8180): Buffer {
  const query = tlsaQuery(id, name);
  query.writeUInt16BE(flags, 2);
  query.writeUInt16BE(answers.length, 6);
  const records = answers.map((rdata) => {
    const head = Buffer.alloc(12);
    head.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    head.writeUInt16BE(52, 2);
    head.writeUInt16BE(1, 4);
    head.writeUInt32BE(60, 6);
    head.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([head, rdata]);
  });
  return Buffer.concat([query, ...records]);
}

describe('TLSA query', () => {
  it('asks one TLSA question, recursion desired', () => {
    const q = tlsaQuery(0x1234, '_25._tcp.mx1.example.net.');
    assert.equal(q.readUInt16BE(0), 0x1234);
    assert.equal(q.readUInt16BE(2), 0x0100);
    assert.equal(q.readUInt16BE(4), 1);
    assert.deepEqual([...q.subarray(q.length - 4)], [0, 52, 0, 1]);
    assert.equal(q.subarray(12, q.length - 5).toString('latin1'), '\x03_25\x04_tcp\x03mx1\x07example\x03net');
  });

  it('reads the records of an answer', () => {
    const digest = Buffer.alloc(32, 0xab);
    const answer = parseTlsaResponse(response(7, '_25._tcp.mx1.example.net', [Buffer.concat([Buffer.from([3, 1, 1]), digest])]), 7);
    assert.deepEqual(answer, { rcode: 0, truncated: false, records: [{ usage: 3, selector: 1, matchingType: 1, data: 'AB'.repeat(32) }] });
  });

  it('reports NXDOMAIN and truncation, and refuses answers to other queries and cut-off messages', () => {
    assert.equal(parseTlsaResponse(response(9, 'a.example', [], 0x8183), 9).rcode, 3);
    assert.equal(parseTlsaResponse(response(9, 'a.example', [], 0x8380), 9).truncated, true);
    assert.throws(() => parseTlsaResponse(response(9, 'a.example', []), 10), /not the answer/);
    const full = response(9, 'a.example', [Buffer.from([3, 1, 1, 0xab, 0xcd])]);
    // Every prefix of a good answer is refused with a message of the reader's own, never a TypeError or RangeError.
    for (let cut = 0; cut < full.length; cut++) assert.throws(() => parseTlsaResponse(full.subarray(0, cut), 9), /^Error: (?:not the answer|truncated)/, `cut at ${cut}`);
  });
});
