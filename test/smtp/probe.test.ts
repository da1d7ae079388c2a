/**
 * `mailzone probe` end to end, all on 127.0.0.1: Postfix (started by
 * run.sh) with and without STARTTLS and with valid, expired, wrong-name and
 * self-signed certificates; Knot DNS on port 5360 with the MX, TLSA, SRV and
 * MTA-STS records; an HTTPS server (here) for the MTA-STS policies; and two
 * hostile servers (here) that never greet or never end a line.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const dir = process.env.MAILZONE_SMTP_DIR;
const dns = process.env.MAILZONE_SMTP_DNS ?? '127.0.0.1:5360';
if (!dir) throw new Error('MAILZONE_SMTP_DIR is not set: run the tier with test/smtp/run.sh');
const ca = path.join(dir, 'certs/ca.pem');

const PORTS = { valid: 2625, plain: 2626, expired: 2627, wrongName: 2628, selfSigned: 2629, tls12: 2630, submission: 2587, submissions: 2465 };

const POLICIES: Record<string, string> = {
  'mta-sts.tls.example': 'version: STSv1\r\nmode: enforce\r\nmx: mx1.tls.example\r\nmax_age: 86400\r\n',
  'mta-sts.other.tls.example': 'version: STSv1\r\nmode: enforce\r\nmx: *.elsewhere.example\r\nmax_age: 86400\r\n',
};

let httpsServer: https.Server;
let httpsPort = 0;
const hostile: net.Server[] = [];
let silentPort = 0;
let floodPort = 0;

interface Check {
  id: string;
  status: string;
  message: string;
}
interface Host {
  role: string;
  host: string;
  checks: Check[];
  status: string;
  session?: { port: number; tls?: { protocol: string; chain: { dnsNames: string[]; spkiSha256: string }[] } };
}
interface Report {
  domain: string;
  status: string;
  checks: Check[];
  hosts: Host[];
  policy?: { mode: string; mx: string[] };
}

function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin/mailzone.js'), 'probe', ...args], { cwd: root, timeout: 60_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

async function probe(domain: string, ...args: string[]): Promise<{ status: number; report: Report; stderr: string }> {
  const r = await run(domain, '--dns', dns, '--ca-file', ca, '--https-port', String(httpsPort), '--format', 'json', ...args);
  assert.equal(r.stderr, '');
  return { status: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

function check(report: Report, role: string, id: string): Check {
  const host = report.hosts.find((h) => h.role === role);
  assert.ok(host, `no ${role} host in ${JSON.stringify(report.hosts.map((h) => h.role))}`);
  const found = host.checks.find((c) => c.id === id);
  assert.ok(found, `no ${id} for ${role}: ${JSON.stringify(host.checks)}`);
  return found;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

before(async () => {
  httpsServer = https.createServer({ key: fs.readFileSync(path.join(dir, 'certs/https.key')), cert: fs.readFileSync(path.join(dir, 'certs/https.pem')) }, (req, res) => {
    const policy = POLICIES[(req.headers.host ?? '').split(':')[0]];
    if (req.url !== '/.well-known/mta-sts.txt' || !policy) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(policy);
  });
  httpsPort = await listen(httpsServer);
  // A server that accepts and never says a word, and one that sends a line that never ends.
  const silent = net.createServer(() => undefined);
  const flood = net.createServer((socket) => {
    const chunk = Buffer.alloc(4096, 'x');
    const pump = () => {
      while (socket.writable && socket.write(chunk));
    };
    socket.on('drain', pump);
    socket.on('error', () => undefined);
    pump();
  });
  hostile.push(silent, flood);
  silentPort = await listen(silent);
  floodPort = await listen(flood);
});

after(() => {
  httpsServer.closeAllConnections();
  httpsServer.close();
  for (const s of hostile) s.close();
});

describe('probe against Postfix, Knot and an HTTPS policy server', () => {
  it('passes a host with STARTTLS, a valid certificate, a matching MTA-STS policy and TLSA record, and its submission ports', async () => {
    const { status, report } = await probe('tls.example', '--smtp-port', String(PORTS.valid));
    assert.equal(report.status, 'pass', JSON.stringify(report, null, 1));
    assert.equal(status, 0);
    assert.deepEqual(report.policy?.mx, ['mx1.tls.example']);
    assert.deepEqual(report.hosts.map((h) => `${h.role} ${h.host}:${h.session?.port}`), ['mx mx1.tls.example:2625', 'submission mx1.tls.example:2587', 'submissions mx1.tls.example:2465']);
    assert.equal(check(report, 'mx', 'probe-tls-version').message.startsWith('TLSv1.3'), true);
    assert.equal(check(report, 'mx', 'probe-mta-sts').status, 'pass');
    assert.match(check(report, 'mx', 'probe-dane').message, /^DANE-EE/);
    assert.deepEqual(report.hosts[0].session?.tls?.chain[0].dnsNames, ['mx1.tls.example', 'mx3.tls.example']);
    // The submission hosts came from the SRV records: STARTTLS on one port, implicit TLS on the other.
    assert.match(check(report, 'submission', 'probe-starttls').message, /STARTTLS offered/);
    assert.match(check(report, 'submissions', 'probe-starttls').message, /implicit TLS/);
  });

  it('fails a host that offers no STARTTLS, naming what senders then do', async () => {
    const { status, report } = await probe('tls.example', '--smtp-port', String(PORTS.plain));
    assert.equal(status, 1);
    const c = check(report, 'mx', 'probe-starttls');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /does not offer STARTTLS.*MTA-STS and DANE do not deliver/);
    assert.equal(check(report, 'mx', 'probe-mta-sts').status, 'fail');
  });

  it('reports an expired certificate: PKIX refuses it, MTA-STS fails, and DANE does not match its key', async () => {
    const { status, report } = await probe('tls.example', '--smtp-port', String(PORTS.expired));
    assert.equal(status, 1);
    const chain = check(report, 'mx', 'probe-cert-chain');
    assert.equal(chain.status, 'warn');
    assert.match(chain.message, /expired \(CERT_HAS_EXPIRED\)/);
    assert.equal(check(report, 'mx', 'probe-mta-sts').status, 'fail');
    assert.equal(check(report, 'mx', 'probe-dane').status, 'fail');
  });

  it('reports a certificate for another name', async () => {
    const { report } = await probe('tls.example', '--smtp-port', String(PORTS.wrongName));
    const name = check(report, 'mx', 'probe-cert-name');
    assert.equal(name.status, 'warn');
    assert.match(name.message, /names wrong\.tls\.example, not mx1\.tls\.example/);
    assert.equal(check(report, 'mx', 'probe-cert-chain').status, 'pass');
    assert.match(check(report, 'mx', 'probe-mta-sts').message, /does not name mx1\.tls\.example/);
  });

  it('accepts a self-signed certificate through DANE-EE while MTA-STS refuses it', async () => {
    const { report } = await probe('tls.example', '--smtp-port', String(PORTS.selfSigned));
    assert.equal(check(report, 'mx', 'probe-dane').status, 'pass');
    const chain = check(report, 'mx', 'probe-cert-chain');
    assert.equal(chain.status, 'info');
    assert.match(chain.message, /self-signed/);
    assert.equal(check(report, 'mx', 'probe-mta-sts').status, 'fail');
  });

  it('matches a DANE-TA record on the CA, and refuses it when the certificate names another host', async () => {
    const good = await probe('ta.tls.example', '--smtp-port', String(PORTS.valid));
    assert.match(check(good.report, 'mx', 'probe-dane').message, /^DANE-TA: the chain leads to a matching CA certificate \(Mailzone Test CA\) \(2 0 1\)$/);
    const wrong = await probe('ta.tls.example', '--smtp-port', String(PORTS.wrongName));
    const dane = check(wrong.report, 'mx', 'probe-dane');
    assert.equal(dane.status, 'fail');
    assert.match(dane.message, /matches the issuing CA, but the server certificate does not name mx3\.tls\.example/);
  });

  it('reports the TLS version a server limited to TLS 1.2 negotiates', async () => {
    const { report } = await probe('tls.example', '--smtp-port', String(PORTS.tls12));
    const version = check(report, 'mx', 'probe-tls-version');
    assert.equal(version.status, 'pass');
    assert.match(version.message, /^TLSv1\.2 with /);
  });

  it('fails a host that the MTA-STS policy does not list', async () => {
    const { status, report } = await probe('other.tls.example', '--smtp-port', String(PORTS.valid));
    assert.equal(status, 1);
    const sts = check(report, 'mx', 'probe-mta-sts');
    assert.equal(sts.status, 'fail');
    assert.match(sts.message, /matches none of the policy's mx patterns \(\*\.elsewhere\.example\)/);
  });

  it('probes --submission hosts on both ports, and fails STARTTLS missing or TLS not spoken at once', async () => {
    const good = await probe('other.tls.example', '--smtp-port', String(PORTS.valid), '--submission', 'mx1.tls.example', '--submission-port', String(PORTS.submission), '--submissions-port', String(PORTS.submissions));
    assert.equal(check(good.report, 'submission', 'probe-cert-chain').status, 'pass');
    assert.equal(check(good.report, 'submissions', 'probe-cert-name').status, 'pass');
    const bad = await probe('other.tls.example', '--smtp-port', String(PORTS.valid), '--submission', 'mx1.tls.example', '--submission-port', String(PORTS.plain), '--submissions-port', String(PORTS.valid), '--timeout', '3000');
    assert.match(check(bad.report, 'submission', 'probe-starttls').message, /does not offer STARTTLS/);
    const implicit = check(bad.report, 'submissions', 'probe-starttls');
    assert.equal(implicit.status, 'fail');
    assert.match(implicit.message, /TLS handshake failed/);
  });

  it('says a null MX takes no mail, and reports a host without TLSA records as unprotected by DANE', async () => {
    const none = await probe('nomail.tls.example');
    assert.equal(none.report.hosts.length, 0);
    assert.match(none.report.checks[0].message, /null MX/);
    assert.equal(none.status, 0);
    const plain = await probe('plain.tls.example', '--smtp-port', String(PORTS.valid));
    assert.match(check(plain.report, 'mx', 'probe-dane').message, /no TLSA records/);
    assert.equal(check(plain.report, 'mx', 'probe-mta-sts').status, 'info');
    assert.equal(check(plain.report, 'mx', 'probe-cert-name').status, 'warn');
  });

  it('gives up on a server that never greets, within its timeout', async () => {
    const started = Date.now();
    const { report } = await probe('plain.tls.example', '--smtp-port', String(silentPort), '--timeout', '500');
    const c = check(report, 'mx', 'probe-connect');
    assert.equal(c.status, 'fail');
    assert.match(c.message, /\(banner\): no reply within 500 ms/);
    assert.ok(Date.now() - started < 15_000);
  });

  it('stops reading a reply that never ends', async () => {
    const { report } = await probe('plain.tls.example', '--smtp-port', String(floodPort), '--timeout', '5000');
    assert.match(check(report, 'mx', 'probe-connect').message, /longer than 16384 bytes|more than 100 lines/);
  });

  it('prints text with a line per check, and SARIF with a result per check that did not pass', async () => {
    const text = await run('tls.example', '--dns', dns, '--ca-file', ca, '--https-port', String(httpsPort), '--smtp-port', String(PORTS.expired));
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^probe tls\.example: MTA-STS mode enforce, mx mx1\.tls\.example$/m);
    assert.match(text.stdout, /^MX 10 mx1\.tls\.example \[127\.0\.0\.1\]:2627 {2}TLSv1\.3 /m);
    assert.match(text.stdout, /^ {2}warn {2}probe-cert-chain {2}the chain is not trusted: the certificate has expired/m);
    assert.match(text.stdout, /^3 hosts probed: 2 failed, /m);
    const sarif = await run('tls.example', '--dns', dns, '--ca-file', ca, '--https-port', String(httpsPort), '--smtp-port', String(PORTS.expired), '--format', 'sarif');
    const log = JSON.parse(sarif.stdout);
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results as { ruleId: string; level: string; locations: { logicalLocations: { name: string }[] }[] }[];
    assert.deepEqual(results.filter((r) => r.level === 'error').map((r) => `${r.ruleId} ${r.locations[0].logicalLocations[0].name}`).sort(), ['probe-dane mx1.tls.example:2627', 'probe-mta-sts mx1.tls.example:2627']);
    assert.ok(log.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'probe-dane'));
  });
});
