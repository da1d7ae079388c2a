/**
 * A scripted DNS server on 127.0.0.1 for the robustness tests: UDP and TCP on
 * one port, its own wire encoding (RFC 1035 §4), and a script the test
 * controls that decides every answer. It can serve what no real server
 * would: include chains 50 deep, records with a thousand terms, 500
 * character-strings, 64 KB answers, TC set on every UDP answer, SERVFAIL,
 * answers that never come, CNAME loops. It counts every question it gets,
 * by transport, so a test can bound what a check asked.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';

export type RecordType = 'A' | 'AAAA' | 'TXT' | 'MX' | 'CNAME' | 'PTR';

const TYPE_CODES: Readonly<Record<RecordType, number>> = { A: 1, CNAME: 5, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };
const TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'A', 5: 'CNAME', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA' };

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** One answer record. TXT data is its character-strings (each at most 255 octets on the wire). */
export type AnswerRecord =
  | { readonly name: string; readonly type: 'A' | 'AAAA'; readonly address: string; readonly ttl?: number }
  | { readonly name: string; readonly type: 'TXT'; readonly strings: readonly string[]; readonly ttl?: number }
  | { readonly name: string; readonly type: 'MX'; readonly preference: number; readonly exchange: string; readonly ttl?: number }
  | { readonly name: string; readonly type: 'CNAME' | 'PTR'; readonly target: string; readonly ttl?: number };

export interface Question {
  /** Lower-case, without the trailing dot. */
  readonly name: string;
  /** `TXT`, `A`, ... or `TYPEnn`. */
  readonly type: string;
  readonly transport: 'udp' | 'tcp';
}

/**
 * What the script answers: records (NOERROR, or another RCODE), with TC
 * forced or not; `'silent'` never answers (a UDP question is dropped, a TCP
 * connection is held open and never written to).
 */
export type Reply = { readonly rcode?: number; readonly answers?: readonly AnswerRecord[]; readonly truncate?: boolean } | 'silent';

export type Script = (question: Question) => Reply;

export interface HostileDns {
  /** `127.0.0.1:port`, for `mailzone.dns.servers`, `--dns` or a resolver's server list. */
  readonly address: string;
  /** Every question received, in order. */
  readonly questions: Question[];
  /** Questions answered (not `'silent'`). */
  answered: number;
  /** Scripts that threw: a mistake in a test, which the test should fail on. */
  readonly errors: string[];
  script: Script;
  close(): Promise<void>;
}

function encodeName(name: string): Buffer {
  const parts: Buffer[] = [];
  for (const label of name.replace(/\.$/, '').split('.').filter((l) => l !== '')) {
    const bytes = Buffer.from(label, 'latin1');
    parts.push(Buffer.from([Math.min(bytes.length, 63)]), bytes.subarray(0, 63));
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function encodeRdata(record: AnswerRecord): Buffer {
  switch (record.type) {
    case 'A':
      return Buffer.from(record.address.split('.').map(Number));
    case 'AAAA': {
      const [head, tail = ''] = record.address.split('::');
      const groups = (s: string): number[] => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
      const h = groups(head);
      const t = groups(tail);
      const all = record.address.includes('::') ? [...h, ...new Array(8 - h.length - t.length).fill(0), ...t] : h;
      const out = Buffer.alloc(16);
      all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
      return out;
    }
    case 'TXT':
      return Buffer.concat(
        record.strings.map((s) => {
          const bytes = Buffer.from(s, 'latin1').subarray(0, 255);
          return Buffer.concat([Buffer.from([bytes.length]), bytes]);
        }),
      );
    case 'MX': {
      const pref = Buffer.alloc(2);
      pref.writeUInt16BE(record.preference);
      return Buffer.concat([pref, encodeName(record.exchange)]);
    }
    case 'CNAME':
    case 'PTR':
      return encodeName(record.target);
  }
}

/** What fits in one message with room for the header and question: RDLENGTH is 16 bits, and so is a TCP message. */
const MAX_RDATA = 65_000;

function encodeRecord(record: AnswerRecord): Buffer {
  const full = encodeRdata(record);
  if (full.length > MAX_RDATA) throw new Error(`test data: ${record.type} rdata of ${full.length} octets does not fit a DNS message`);
  const rdata = full;
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(TYPE_CODES[record.type], 0);
  fixed.writeUInt16BE(1, 2); // IN
  fixed.writeUInt32BE(record.ttl ?? 300, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([encodeName(record.name), fixed, rdata]);
}

interface ParsedQuery {
  readonly id: number;
  readonly flags: number;
  readonly name: string;
  readonly type: number;
  /** The raw question section, echoed in the reply. */
  readonly question: Buffer;
  /** The requester's EDNS UDP payload size, or 512 without EDNS (RFC 6891 §6.2.3). */
  readonly udpSize: number;
}

export function parseQuery(message: Buffer): ParsedQuery | undefined {
  if (message.length < 17 || message.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < message.length && message[i] !== 0) {
    const length = message[i];
    if (length > 63 || i + 1 + length > message.length) return undefined;
    labels.push(message.subarray(i + 1, i + 1 + length).toString('latin1').toLowerCase());
    i += 1 + length;
  }
  if (i + 4 >= message.length) return undefined;
  const type = message.readUInt16BE(i + 1);
  const question = message.subarray(12, i + 5);
  let udpSize = 512;
  // An OPT record in the additional section: root name, type 41, CLASS = payload size.
  const additional = message.readUInt16BE(10);
  const at = i + 5;
  if (additional > 0 && message[at] === 0 && at + 5 <= message.length && message.readUInt16BE(at + 1) === 41) udpSize = Math.max(512, message.readUInt16BE(at + 3));
  return { id: message.readUInt16BE(0), flags: message.readUInt16BE(2), name: labels.join('.'), type, question, udpSize };
}

/** The reply message; for UDP, an answer larger than the requester allows is sent truncated (TC, no answers). */
function buildReply(query: ParsedQuery, reply: Exclude<Reply, 'silent'>, transport: 'udp' | 'tcp'): Buffer {
  const answers = (reply.answers ?? []).map(encodeRecord);
  const header = (count: number, truncated: boolean): Buffer => {
    const h = Buffer.alloc(12);
    h.writeUInt16BE(query.id, 0);
    // QR, opcode of the query, AA, TC, RD as asked, RA, RCODE.
    h.writeUInt16BE(0x8000 | (query.flags & 0x7800) | 0x0400 | (truncated ? 0x0200 : 0) | (query.flags & 0x0100) | 0x0080 | ((reply.rcode ?? 0) & 0x0f), 2);
    h.writeUInt16BE(1, 4);
    h.writeUInt16BE(count, 6);
    return h;
  };
  const full = Buffer.concat([header(answers.length, reply.truncate === true), query.question, ...answers]);
  if (transport === 'udp' && (reply.truncate || full.length > query.udpSize)) return Buffer.concat([header(0, true), query.question]);
  return full;
}

/** Starts the server on a free loopback port, UDP and TCP alike. */
export async function startHostileDns(script: Script = () => ({ rcode: RCODE.NXDOMAIN })): Promise<HostileDns> {
  const questions: Question[] = [];
  const held = new Set<net.Socket>();
  let udp: dgram.Socket | undefined;
  let tcp: net.Server | undefined;

  const server: HostileDns = {
    address: '',
    questions,
    answered: 0,
    errors: [],
    script,
    close: async () => {
      for (const socket of held) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => (udp ? udp.close(() => resolve()) : resolve())),
        new Promise<void>((resolve) => (tcp ? tcp.close(() => resolve()) : resolve())),
      ]);
    },
  };

  const respond = (message: Buffer, transport: 'udp' | 'tcp'): Buffer | undefined => {
    const query = parseQuery(message);
    if (!query) return undefined;
    const question: Question = { name: query.name, type: TYPE_NAMES[query.type] ?? `TYPE${query.type}`, transport };
    questions.push(question);
    try {
      const reply = server.script(question);
      if (reply === 'silent') return undefined;
      server.answered++;
      return buildReply(query, reply, transport);
    } catch (error) {
      // A script or data mistake in a test: keep serving, and let the test see it.
      server.errors.push(`${question.type} ${question.name}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  // Both transports on one port: take a TCP port, then bind UDP to it; retry if UDP has it taken.
  for (let attempt = 0; attempt < 20 && !udp; attempt++) {
    const t = net.createServer((socket) => {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      socket.on('error', () => socket.destroy());
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
          buffered = buffered.subarray(2 + message.length);
          const reply = respond(message, 'tcp');
          if (!reply) continue;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(Math.min(reply.length, 0xffff));
          socket.write(Buffer.concat([length, reply.subarray(0, 0xffff)]));
        }
      });
    });
    await new Promise<void>((resolve) => t.listen(0, '127.0.0.1', resolve));
    const port = (t.address() as net.AddressInfo).port;
    const u = dgram.createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      u.once('error', () => resolve(false));
      u.bind(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) {
      u.close();
      await new Promise<void>((resolve) => t.close(() => resolve()));
      continue;
    }
    u.on('message', (message, from) => {
      const reply = respond(message, 'udp');
      if (reply) u.send(reply, from.port, from.address);
    });
    udp = u;
    tcp = t;
    (server as { address: string }).address = `127.0.0.1:${port}`;
  }
  if (!udp) throw new Error('no loopback port free for both UDP and TCP');
  return server;
}

/** A TXT value as character-strings of at most 255 octets, the way a zone publishes a long record. */
export function txtStrings(value: string, size = 255): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += size) out.push(value.slice(i, i + size));
  return out.length ? out : [''];
}

/** A script from a table of names: `table[name][type]` answers; a name not in the table is NXDOMAIN, a known name without the type NODATA. */
export function tableScript(table: Readonly<Record<string, Partial<Record<string, Reply | readonly AnswerRecord[]>>>>): Script {
  return (q) => {
    const entry = table[q.name];
    if (!entry) return { rcode: RCODE.NXDOMAIN };
    const value = entry[q.type];
    if (value === undefined) return { answers: [] };
    if (Array.isArray(value)) return { answers: value as readonly AnswerRecord[] };
    return value as Reply;
  };
}
