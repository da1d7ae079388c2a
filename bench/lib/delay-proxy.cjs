/**
 * A DNS forwarder on loopback that holds every query for a fixed time before
 * passing it to the real server, so each question costs that much real
 * network time (the fallback when the kernel has no `netem`). UDP and TCP on
 * the same port; answers come back at once.
 *
 * Usage: node delay-proxy.cjs LISTEN_PORT TARGET_PORT DELAY_MS
 * Prints "ready" when both sockets listen.
 */
'use strict';
const dgram = require('node:dgram');
const net = require('node:net');

const [listenPort, targetPort, delayMs] = process.argv.slice(2).map(Number);
const HOST = '127.0.0.1';
let ready = 0;
const listening = () => {
  if (++ready === 2) process.stdout.write('ready\n');
};

// UDP: one upstream socket per client address, so answers find their way back.
const front = dgram.createSocket('udp4');
const upstreams = new Map();
front.on('message', (message, client) => {
  const key = `${client.address}:${client.port}`;
  let upstream = upstreams.get(key);
  if (!upstream) {
    upstream = dgram.createSocket('udp4');
    upstream.on('message', (answer) => front.send(answer, client.port, client.address));
    upstream.bind(0, HOST);
    upstreams.set(key, upstream);
  }
  setTimeout(() => upstream.send(message, targetPort, HOST), delayMs);
});
front.bind(listenPort, HOST, listening);

// TCP: client bytes are held, in order, for the same time.
const server = net.createServer((socket) => {
  const upstream = net.connect(targetPort, HOST);
  socket.on('data', (chunk) => setTimeout(() => upstream.write(chunk), delayMs));
  upstream.on('data', (chunk) => socket.write(chunk));
  const close = () => {
    socket.destroy();
    upstream.destroy();
  };
  socket.on('close', close);
  upstream.on('close', close);
  socket.on('error', close);
  upstream.on('error', close);
});
server.listen(listenPort, HOST, listening);
