/**
 * A UDP proxy on 127.0.0.1 in front of the test DNS server: it counts the
 * questions that reach it (so a test can prove a second check asked
 * nothing) and can leave chosen names unanswered (a server that does not
 * answer quickly, without waiting on a real one).
 */
import * as dgram from 'node:dgram';

export interface ProxiedQuery {
  /** Lower-case, without the trailing dot. */
  readonly name: string;
  /** The numeric QTYPE (1 A, 15 MX, 16 TXT, 28 AAAA, 12 PTR). */
  readonly type: number;
}

export interface DnsProxy {
  /** `127.0.0.1:port`, for a resolver's server list. */
  readonly address: string;
  readonly queries: ProxiedQuery[];
  close(): Promise<void>;
}

/** QNAME and QTYPE of a DNS query message (RFC 1035 §4.1.2); undefined for anything else. */
export function parseQuestion(message: Buffer): ProxiedQuery | undefined {
  if (message.length < 17 || message.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < message.length && message[i] !== 0) {
    const length = message[i];
    if (length > 63 || i + 1 + length > message.length) return undefined;
    labels.push(message.subarray(i + 1, i + 1 + length).toString('latin1').toLowerCase());
    i += 1 + length;
  }
  if (i + 3 >= message.length) return undefined;
  return { name: labels.join('.'), type: message.readUInt16BE(i + 1) };
}

export async function startDnsProxy(upstream: string, silent: (name: string) => boolean = () => false): Promise<DnsProxy> {
  const [host, portText] = upstream.split(':');
  const upstreamPort = Number(portText);
  const socket = dgram.createSocket('udp4');
  const queries: ProxiedQuery[] = [];
  const relays = new Set<dgram.Socket>();
  socket.on('message', (message, from) => {
    const question = parseQuestion(message);
    if (question) queries.push(question);
    if (question && silent(question.name)) return;
    const relay = dgram.createSocket('udp4');
    relays.add(relay);
    const done = (): void => {
      clearTimeout(timer);
      relays.delete(relay);
      relay.close();
    };
    // An upstream that never answers must not leave sockets behind.
    const timer = setTimeout(done, 5000);
    relay.on('message', (reply) => {
      socket.send(reply, from.port, from.address);
      done();
    });
    relay.on('error', done);
    relay.send(message, upstreamPort, host);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: async () => {
      for (const relay of relays) relay.close();
      relays.clear();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
