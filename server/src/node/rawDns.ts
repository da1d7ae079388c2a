/**
 * A minimal DNS client (RFC 1035 §4) for the names c-ares refuses to send.
 * c-ares only queries host-name-like names, but SPF macros build names from
 * local-parts and HELO strings: `exists:%{l}._spf.%{d}` for `john+tag@…`,
 * or the RFC 7208 suite's `macro%percent  space…`. Those are legal DNS
 * names, and RFC 7208 asks for them to be looked up, so this sends the query
 * itself: one question, recursion desired, UDP with a TCP retry when the
 * answer is truncated.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { randomInt } from 'node:crypto';
import type { RRType } from '../core/dns/resolver';

const TYPE_CODES: Readonly<Record<RRType, number>> = { A: 1, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };
const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

export interface RawAnswer {
  readonly rcode: string;
  /** Values as the Node API gives them: addresses, names, TXT string lists, MX objects. */
  readonly values: unknown[];
  readonly ttl?: number;
}

export class RawDnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `host`, `host:port`, `[v6]:port` → address and port. */
export function parseServer(server: string): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (v6) return { host: v6[1], port: v6[2] ? Number(v6[2]) : 53 };
  const colon = server.lastIndexOf(':');
  if (colon > 0 && server.indexOf(':') === colon) return { host: server.slice(0, colon), port: Number(server.slice(colon + 1)) };
  return { host: server, port: 53 };
}

export function buildQuery(id: number, name: string, type: RRType): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // RD
  header.writeUInt16BE(1, 4); // QDCOUNT
  parts.push(header);
  for (const label of labels) {
    const bytes = Buffer.from(label, 'utf8');
    if (bytes.length > 63) throw new RawDnsError('EBADNAME', `label '${label.slice(0, 20)}…' is longer than 63 octets`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  const tail = Buffer.alloc(5);
  tail.writeUInt16BE(TYPE_CODES[type], 1);
  tail.writeUInt16BE(1, 3); // IN
  parts.push(tail);
  return Buffer.concat(parts);
}

/** Reads a possibly compressed name at `offset`; returns it and the offset after it in the original position. */
function readName(message: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let next = -1;
  for (let hops = 0; hops < 64; hops++) {
    const length = message[offset];
    if (length === undefined) throw new RawDnsError('EBADRESP', 'truncated name');
    if ((length & 0xc0) === 0xc0) {
      if (next < 0) next = offset + 2;
      offset = ((length & 0x3f) << 8) | message[offset + 1];
      continue;
    }
    if (length === 0) return { name: labels.join('.'), next: next < 0 ? offset + 1 : next };
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += 1 + length;
  }
  throw new RawDnsError('EBADRESP', 'name compression loop');
}

export function parseResponse(message: Buffer, id: number, type: RRType): RawAnswer & { truncated: boolean } {
  if (message.length < 12 || message.readUInt16BE(0) !== id) throw new RawDnsError('EBADRESP', 'unexpected response');
  const flags = message.readUInt16BE(2);
  const truncated = (flags & 0x0200) !== 0;
  const rcode = RCODES[flags & 0x0f] ?? `RCODE${flags & 0x0f}`;
  const questions = message.readUInt16BE(4);
  const answers = message.readUInt16BE(6);
  let offset = 12;
  for (let i = 0; i < questions; i++) offset = readName(message, offset).next + 4;
  const values: unknown[] = [];
  let ttl: number | undefined;
  const wanted = TYPE_CODES[type];
  for (let i = 0; i < answers; i++) {
    offset = readName(message, offset).next;
    const rrType = message.readUInt16BE(offset);
    const rrTtl = message.readUInt32BE(offset + 4);
    const length = message.readUInt16BE(offset + 8);
    const start = offset + 10;
    offset = start + length;
    // A CNAME chain comes before the records of the type asked for; only those are the answer.
    if (rrType !== wanted) continue;
    ttl = ttl === undefined ? rrTtl : Math.min(ttl, rrTtl);
    const data = message.subarray(start, start + length);
    switch (type) {
      case 'A':
        values.push([...data].join('.'));
        break;
      case 'AAAA': {
        const groups: string[] = [];
        for (let g = 0; g < 16; g += 2) groups.push(data.readUInt16BE(g).toString(16));
        values.push(groups.join(':'));
        break;
      }
      case 'TXT': {
        const strings: string[] = [];
        for (let p = 0; p < data.length; p += 1 + data[p]) strings.push(data.subarray(p + 1, p + 1 + data[p]).toString('latin1'));
        values.push(strings);
        break;
      }
      case 'MX':
        values.push({ priority: data.readUInt16BE(0), exchange: readName(message, start + 2).name });
        break;
      case 'PTR':
        values.push(readName(message, start).name);
        break;
    }
  }
  return { rcode, values, ttl, truncated };
}

function overUdp(query: Buffer, host: string, port: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    const finish = (error?: Error, reply?: Buffer): void => {
      signal.removeEventListener('abort', onAbort);
      socket.close();
      if (error) reject(error);
      else resolve(reply!);
    };
    const onAbort = (): void => finish(new RawDnsError('ECANCELLED', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new RawDnsError(error.code ?? 'ECONNREFUSED', error.message)));
    socket.on('message', (reply) => {
      if (reply.length >= 2 && reply.readUInt16BE(0) === query.readUInt16BE(0)) finish(undefined, reply);
    });
    socket.send(query, port, host);
  });
}

function overTcp(query: Buffer, host: string, port: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const finish = (error?: Error, reply?: Buffer): void => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply!);
    };
    const onAbort = (): void => finish(new RawDnsError('ECANCELLED', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new RawDnsError(error.code ?? 'ECONNREFUSED', error.message)));
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) finish(undefined, received.subarray(2, 2 + received.readUInt16BE(0)));
    });
  });
}

/**
 * Asks `servers` in turn (the first that answers decides) until `signal`
 * fires. NXDOMAIN and NODATA come back as answers; other RCODEs throw with
 * the c-ares code Node would use (ESERVFAIL, EREFUSED, ...).
 */
export async function rawQuery(servers: readonly string[], name: string, type: RRType, signal: AbortSignal): Promise<RawAnswer> {
  const id = randomInt(0, 0x10000);
  const query = buildQuery(id, name, type);
  let lastError: Error = new RawDnsError('ECONNREFUSED', 'no DNS server to ask');
  for (const server of servers) {
    const { host, port } = parseServer(server);
    try {
      let reply = await overUdp(query, host, port, signal);
      let parsed = parseResponse(reply, id, type);
      if (parsed.truncated) {
        reply = await overTcp(query, host, port, signal);
        parsed = parseResponse(reply, id, type);
      }
      if (parsed.rcode !== 'NOERROR' && parsed.rcode !== 'NXDOMAIN') throw new RawDnsError(`E${parsed.rcode}`, `the server answered ${parsed.rcode}`);
      return parsed;
    } catch (error) {
      if (signal.aborted) throw error;
      lastError = error as Error;
    }
  }
  throw lastError;
}
