/**
 * TLSA lookups (RFC 6698 §2.1), which Node 20's resolver does not offer:
 * one question over UDP, again over TCP when the answer is truncated. The
 * answer is read with bounds: at most 64 answer records, names by pointer
 * at most 128 hops deep.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { randomInt } from 'node:crypto';
import type { ObservedTlsa } from '../core/probe/observation';
import { parseServer } from './rawDns';

const TLSA = 52;
const MAX_ANSWERS = 64;

export function tlsaQuery(id: number, name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // recursion desired
  header.writeUInt16BE(1, 4);
  const parts = [header];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'ascii');
    if (bytes.length > 63) throw new Error(`label '${label.slice(0, 20)}…' is longer than 63 octets`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0, 0, TLSA, 0, 1]));
  return Buffer.concat(parts);
}

/** Skips a (possibly compressed) name at `offset`, returning the offset after it. */
function skipName(message: Buffer, offset: number): number {
  for (let hops = 0; hops < 128; hops++) {
    const length = message[offset];
    if (length === undefined) throw new Error('truncated name');
    if (length === 0) return offset + 1;
    if ((length & 0xc0) === 0xc0) return offset + 2;
    offset += 1 + length;
  }
  throw new Error('name too long');
}

export interface TlsaAnswer {
  readonly rcode: number;
  readonly truncated: boolean;
  readonly records: ObservedTlsa[];
}

export function parseTlsaResponse(message: Buffer, id: number): TlsaAnswer {
  if (message.length < 12 || message.readUInt16BE(0) !== id) throw new Error('not the answer to this query');
  const flags = message.readUInt16BE(2);
  const questions = message.readUInt16BE(4);
  const answers = Math.min(message.readUInt16BE(6), MAX_ANSWERS);
  let offset = 12;
  for (let i = 0; i < questions; i++) offset = skipName(message, offset) + 4;
  const records: ObservedTlsa[] = [];
  for (let i = 0; i < answers; i++) {
    offset = skipName(message, offset);
    if (offset + 10 > message.length) throw new Error('truncated answer');
    const type = message.readUInt16BE(offset);
    const length = message.readUInt16BE(offset + 8);
    const start = offset + 10;
    offset = start + length;
    if (offset > message.length) throw new Error('truncated answer');
    // A CNAME on the way is followed by the server; only the TLSA records at its end are read.
    if (type !== TLSA || length < 3) continue;
    records.push({
      usage: message[start],
      selector: message[start + 1],
      matchingType: message[start + 2],
      data: message.subarray(start + 3, offset).toString('hex').toUpperCase(),
    });
  }
  return { rcode: flags & 0x0f, truncated: (flags & 0x0200) !== 0, records };
}

function overUdp(host: string, port: number, query: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('message', (m) => {
      clearTimeout(timer);
      socket.close();
      resolve(m);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      socket.close();
      reject(e);
    });
    socket.send(query, port, host);
  });
}

function overTcp(host: string, port: number, query: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} over TCP within ${timeoutMs} ms`));
    }, timeoutMs);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(query.length);
    socket.on('connect', () => socket.write(Buffer.concat([length, query])));
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(data.subarray(2, 2 + data.readUInt16BE(0)));
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** The TLSA records at `name` from the first server that answers; NXDOMAIN and no data give an empty list. */
export async function lookupTlsa(servers: readonly string[], name: string, timeoutMs: number): Promise<{ records: ObservedTlsa[] } | { error: string }> {
  let last = 'no DNS server';
  for (const server of servers) {
    const { host, port } = parseServer(server);
    const id = randomInt(0, 0x10000);
    try {
      const query = tlsaQuery(id, name);
      let answer = parseTlsaResponse(await overUdp(host, port, query, timeoutMs), id);
      if (answer.truncated) answer = parseTlsaResponse(await overTcp(host, port, query, timeoutMs), id);
      if (answer.rcode === 0 || answer.rcode === 3) return { records: answer.rcode === 0 ? answer.records : [] };
      last = `rcode ${answer.rcode} from ${server}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
  }
  return { error: last };
}
