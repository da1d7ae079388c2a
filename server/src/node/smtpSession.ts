/**
 * One SMTP session for the STARTTLS probe: connect, read the greeting, EHLO,
 * STARTTLS (or TLS from the first byte on port 465), the TLS handshake, and
 * QUIT. It never sends MAIL, RCPT or DATA.
 *
 * A hostile or broken server cannot hold it: every reply must arrive within
 * the step timeout, a reply may be at most 16 KB and 100 lines, and the
 * whole session has a deadline of four step timeouts.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { createHash, X509Certificate } from 'node:crypto';
import type { ObservedCertificate, ObservedSession, ObservedTls } from '../core/probe/observation';

export const MAX_REPLY_BYTES = 16 * 1024;
export const MAX_REPLY_LINES = 100;
/** Certificates kept from one chain; real chains have 2 to 4. */
export const MAX_CHAIN = 10;
/** The name the probe greets with: `.invalid` (RFC 2606) says it is no real mail host. */
export const EHLO_NAME = 'probe.mailzone.invalid';

export interface SessionOptions {
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly mode: 'starttls' | 'implicit';
  /** Per-step timeout: connecting, each reply, the handshake. */
  readonly timeoutMs: number;
  /** Trusted roots (PEM), when not the system's. */
  readonly ca?: readonly (string | Buffer)[];
}

class StepError extends Error {
  constructor(
    readonly step: NonNullable<ObservedSession['error']>['step'],
    message: string,
  ) {
    super(message);
  }
}

/** Reads SMTP replies (RFC 5321 §4.2: `NNN-text` lines, the last `NNN text`) from a socket, bounded. */
class ReplyReader {
  private buffer = '';
  private waiting: { resolve: (r: { code: number; lines: string[] }) => void; reject: (e: Error) => void; step: StepError['step'] } | undefined;
  private failure: Error | undefined;

  constructor(private readonly socket: net.Socket | tls.TLSSocket) {
    socket.setEncoding('latin1');
    socket.on('data', this.onData);
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  detach(): void {
    this.socket.off('data', this.onData);
  }

  private readonly onData = (chunk: string): void => {
    this.buffer += chunk;
    if (this.buffer.length > MAX_REPLY_BYTES) return this.fail(new Error(`the reply is longer than ${MAX_REPLY_BYTES} bytes`));
    this.deliver();
  };

  private fail(error: Error): void {
    this.failure ??= error;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(new StepError(w.step, error.message));
  }

  private deliver(): void {
    if (!this.waiting) return;
    const lines = this.buffer.split('\r\n');
    // The last element is an unfinished line (or empty after a final CRLF).
    const complete = lines.slice(0, -1);
    if (complete.length > MAX_REPLY_LINES) return this.fail(new Error(`the reply has more than ${MAX_REPLY_LINES} lines`));
    const end = complete.findIndex((l) => /^\d{3}(?: |$)/.test(l));
    if (end < 0) {
      const bad = complete.find((l) => !/^\d{3}-/.test(l));
      if (bad !== undefined) this.fail(new Error(`not an SMTP reply: '${bad.slice(0, 80)}'`));
      return;
    }
    const reply = complete.slice(0, end + 1);
    this.buffer = lines.slice(end + 1).join('\r\n');
    const w = this.waiting;
    this.waiting = undefined;
    w.resolve({ code: Number(reply[end].slice(0, 3)), lines: reply.map((l) => l.slice(4)) });
  }

  read(step: StepError['step'], timeoutMs: number): Promise<{ code: number; lines: string[] }> {
    if (this.failure) return Promise.reject(new StepError(step, this.failure.message));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = {
        step,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.deliver();
    });
  }
}

const hex = (data: Buffer | string, algorithm: string): string => createHash(algorithm).update(data).digest('hex').toUpperCase();

/** The CN of an X.509 name as Node prints it (`CN=mx1.example.net\nO=…`). */
function commonName(name: string): string | undefined {
  return /(?:^|\n)CN=([^\n]*)/.exec(name)?.[1];
}

export function describeCertificate(x509: X509Certificate): ObservedCertificate {
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  const dnsNames = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((n) => n.startsWith('DNS:'))
    .map((n) => n.slice(4));
  return {
    subjectCN: commonName(x509.subject),
    dnsNames,
    issuerCN: commonName(x509.issuer),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    certSha256: hex(x509.raw, 'sha256'),
    certSha512: hex(x509.raw, 'sha512'),
    spkiSha256: hex(spki, 'sha256'),
    spkiSha512: hex(spki, 'sha512'),
    certDer: x509.raw.toString('hex').toUpperCase(),
    spkiDer: spki.toString('hex').toUpperCase(),
  };
}

/** The chain the server sent, leaf first, as X509Certificate objects (bounded; stops at a self-issued root). */
function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const out: X509Certificate[] = [];
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<tls.DetailedPeerCertificate>();
  while (cert && cert.raw && out.length < MAX_CHAIN && !seen.has(cert)) {
    seen.add(cert);
    out.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out;
}

function observeTls(socket: tls.TLSSocket): ObservedTls {
  const chain = peerChain(socket);
  let linked = chain.length > 0;
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!chain[i].checkIssued(chain[i + 1]) || !chain[i].verify(chain[i + 1].publicKey)) linked = false;
  }
  const error = socket.authorizationError as unknown;
  return {
    protocol: socket.getProtocol() ?? undefined,
    cipher: socket.getCipher()?.standardName,
    chain: chain.map(describeCertificate),
    chainTrusted: socket.authorized,
    chainError: socket.authorized ? undefined : error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : error ? String(error) : undefined,
    chainLinked: linked,
  };
}

function handshake(options: tls.ConnectionOptions, timeoutMs: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      ...options,
      rejectUnauthorized: false,
      // Names are judged by the core against the host (and the MTA-STS patterns); here only the chain is verified.
      checkServerIdentity: () => undefined,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new StepError('handshake', `no TLS handshake within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new StepError('handshake', e.message));
    });
  });
}

function connect(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new StepError('connect', `no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new StepError('connect', e.message));
    });
  });
}

function keywords(lines: readonly string[]): string[] {
  // The first line of the EHLO reply is the greeting; the others are one extension each.
  return lines.slice(1).map((l) => l.split(' ')[0].toUpperCase());
}

/** The banner and EHLO, the same on a plain and an implicit-TLS connection: they fill in the banner and the extensions offered, which they return. */
async function greet(reader: ReplyReader, socket: net.Socket | tls.TLSSocket, timeoutMs: number, partial: { -readonly [K in keyof ObservedSession]?: ObservedSession[K] }): Promise<readonly string[]> {
  const banner = await reader.read('banner', timeoutMs);
  partial.banner = banner.lines.join(' ');
  if (banner.code !== 220) throw new StepError('banner', `the greeting is ${banner.code}, not 220`);
  socket.write(`EHLO ${EHLO_NAME}\r\n`);
  const ehlo = await reader.read('ehlo', timeoutMs);
  if (ehlo.code !== 250) throw new StepError('ehlo', `EHLO answered ${ehlo.code}`);
  partial.ehloKeywords = keywords(ehlo.lines);
  return partial.ehloKeywords;
}

async function converse(options: SessionOptions, partial: { -readonly [K in keyof ObservedSession]?: ObservedSession[K] }, sockets: (net.Socket | tls.TLSSocket)[]): Promise<void> {
  const { address, port, timeoutMs, host } = options;
  const tlsOptions = { servername: host.replace(/\.$/, ''), ...(options.ca ? { ca: [...options.ca] } : {}) };
  if (options.mode === 'implicit') {
    const socket = await handshake({ host: address, port, ...tlsOptions }, timeoutMs);
    sockets.push(socket);
    partial.tls = observeTls(socket);
    await greet(new ReplyReader(socket), socket, timeoutMs, partial);
    socket.end('QUIT\r\n');
    return;
  }
  const socket = await connect(address, port, timeoutMs);
  sockets.push(socket);
  const reader = new ReplyReader(socket);
  const offered = await greet(reader, socket, timeoutMs, partial);
  partial.starttlsOffered = offered.includes('STARTTLS');
  if (!partial.starttlsOffered) {
    socket.end('QUIT\r\n');
    return;
  }
  socket.write('STARTTLS\r\n');
  const ready = await reader.read('starttls', timeoutMs);
  if (ready.code !== 220) throw new StepError('starttls', `STARTTLS answered ${ready.code} ${ready.lines.join(' ')}`);
  reader.detach();
  const secure = await handshake({ socket, ...tlsOptions }, timeoutMs);
  sockets.push(secure);
  partial.tls = observeTls(secure);
  secure.end('QUIT\r\n');
}

/** Runs one session; failures end up in `error`, never as an exception. */
export async function smtpSession(options: SessionOptions): Promise<ObservedSession> {
  const partial: { -readonly [K in keyof ObservedSession]?: ObservedSession[K] } = {};
  const sockets: (net.Socket | tls.TLSSocket)[] = [];
  let deadline: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      converse(options, partial, sockets),
      new Promise<never>((_, reject) => {
        deadline = setTimeout(() => reject(new StepError('connect', `the session took longer than ${4 * options.timeoutMs} ms`)), 4 * options.timeoutMs);
      }),
    ]);
  } catch (error) {
    partial.error = error instanceof StepError ? { step: error.step, message: error.message } : { step: 'connect', message: String(error) };
  } finally {
    clearTimeout(deadline);
    // Give QUIT a moment to leave, then close whatever is still open.
    setTimeout(() => sockets.forEach((s) => s.destroy()), 200).unref();
  }
  return { host: options.host, address: options.address, port: options.port, mode: options.mode, ...partial };
}
