/**
 * The probe's SMTP session against scripted servers on loopback: what it
 * reads from replies that are slow, long, endless, malformed or refusing,
 * and that it stops at STARTTLS without sending mail. The TLS part runs
 * against Postfix in the smtp tier.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, describe, it } from 'node:test';
import { MAX_REPLY_LINES, smtpSession } from '../../server/src/node/smtpSession';

const servers: net.Server[] = [];
after(() => servers.forEach((s) => s.close()));

/** A server that answers each line the client sends with `script(line)` after greeting with `greeting`; records what it heard. */
async function server(greeting: string | undefined, script: (line: string) => string | undefined, heard: string[] = []): Promise<number> {
  const s = net.createServer((socket) => {
    socket.on('error', () => undefined);
    if (greeting !== undefined) socket.write(greeting);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        heard.push(line);
        const answer = script(line);
        if (answer !== undefined) socket.write(answer);
        if (line === 'QUIT') socket.end('221 bye\r\n');
      }
    });
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as net.AddressInfo).port;
}

const session = (port: number, timeoutMs = 2000) => smtpSession({ host: 'mx.example.net', address: '127.0.0.1', port, mode: 'starttls', timeoutMs });

describe('SMTP session', () => {
  it('reads a multi-line EHLO reply, sees no STARTTLS, and quits without sending mail', async () => {
    const heard: string[] = [];
    const port = await server('220 mx.example.net ESMTP\r\n', (l) => (l.startsWith('EHLO') ? '250-mx.example.net\r\n250-PIPELINING\r\n250 8BITMIME\r\n' : undefined), heard);
    const s = await session(port);
    assert.equal(s.error, undefined);
    assert.deepEqual(s.ehloKeywords, ['PIPELINING', '8BITMIME']);
    assert.equal(s.starttlsOffered, false);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(heard, ['EHLO probe.mailzone.invalid', 'QUIT']);
  });

  it('reports STARTTLS refused with the server reply', async () => {
    const port = await server('220 ok\r\n', (l) => (l.startsWith('EHLO') ? '250-x\r\n250 STARTTLS\r\n' : l === 'STARTTLS' ? '454 4.7.0 TLS not available\r\n' : undefined));
    const s = await session(port);
    assert.equal(s.starttlsOffered, true);
    assert.deepEqual(s.error, { step: 'starttls', message: 'STARTTLS answered 454 4.7.0 TLS not available' });
  });

  it('gives up on a silent server after the step timeout', async () => {
    const started = Date.now();
    const s = await session(await server(undefined, () => undefined), 300);
    assert.deepEqual(s.error, { step: 'banner', message: 'no reply within 300 ms' });
    assert.ok(Date.now() - started < 2000);
  });

  it('refuses a greeting other than 220, a reply that is not SMTP, too many lines, and a closed connection', async () => {
    assert.deepEqual((await session(await server('554 go away\r\n', () => undefined))).error, { step: 'banner', message: 'the greeting is 554, not 220' });
    assert.match((await session(await server('HTTP/1.1 400 Bad Request\r\n', () => undefined))).error!.message, /^not an SMTP reply: 'HTTP\/1\.1 400/);
    const many = '250-x\r\n'.repeat(MAX_REPLY_LINES + 5);
    assert.match((await session(await server('220 ok\r\n', (l) => (l.startsWith('EHLO') ? many : undefined)))).error!.message, /more than 100 lines/);
    const closing = await server('220 ok\r\n', () => undefined);
    servers[servers.length - 1].on('connection', (socket) => socket.on('data', () => socket.destroy()));
    assert.match((await session(closing)).error!.message, /closed the connection|ECONNRESET/);
  });

  it('stops reading a reply that never ends', async () => {
    const port = await server('220-' + 'x'.repeat(40_000), () => undefined);
    assert.match((await session(port)).error!.message, /longer than 16384 bytes/);
  });

  it('reports a refused connection at the connect step', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const s = await session(port);
    assert.equal(s.error?.step, 'connect');
  });
});
