/**
 * The probe as the editor runs it: `workspace/executeCommand
 * mailzone.probe` on an open zone, with live network access on and Knot
 * (port 5360) as the DNS server, against the Postfix run.sh started.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../lsp/lspClient';

const dir = process.env.MAILZONE_SMTP_DIR;
const dns = process.env.MAILZONE_SMTP_DNS ?? '127.0.0.1:5360';
if (!dir) throw new Error('MAILZONE_SMTP_DIR is not set: run the tier with test/smtp/run.sh');

const ZONE = `$ORIGIN plain.tls.example.
$TTL 1h
@    IN SOA ns1.tls.example. hostmaster.tls.example. 1 2h 1h 2w 1h
     IN NS  ns1.tls.example.
     IN MX  10 mx2.tls.example.
`;

describe('mailzone.probe over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
    client.settings = { dns: { enabled: true, servers: [dns] } };
  });
  after(async () => {
    assert.equal(await client.stop(), 0, `server exit code; stderr: ${client.stderr}`);
  });

  it("probes the zone's apex and answers with the report and its text", async () => {
    const uri = await client.open(path.join(dir, 'db.plain.tls.example'), ZONE);
    const answer = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'mailzone.probe',
      arguments: [{ uri, smtpPort: 2625, caFile: path.join(dir, 'certs/ca.pem'), timeoutMs: 5000 }],
    })) as { domain: string; status: string; text: string; report: { hosts: { host: string; checks: { id: string; status: string }[] }[] } };
    assert.equal(answer.domain, 'plain.tls.example');
    assert.match(answer.text, /^MX 10 mx2\.tls\.example \[127\.0\.0\.1\]:2625 {2}TLSv1\.3/m);
    const checks = Object.fromEntries(answer.report.hosts[0].checks.map((c) => [c.id, c.status]));
    // mx2 is the host the zone names, but the certificate is mx1's: trusted, named wrong, no TLSA, no MTA-STS.
    assert.deepEqual(checks, { 'probe-starttls': 'pass', 'probe-tls-version': 'pass', 'probe-cert-chain': 'pass', 'probe-cert-name': 'warn', 'probe-mta-sts': 'info', 'probe-dane': 'info' });
    assert.equal(answer.status, 'warn');
  });
});
