/**
 * What the server says about itself besides diagnostics: a client that asks
 * for it (initialization option `statusNotification`) gets `mailzone/status`
 * per analysis — analysing, then ready with origin, record count, findings
 * and timing — and every client gets log lines for the start, the
 * configuration and each analysis's time.
 */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { fixturePath, LspClient } from './lspClient';
import type { StatusParams } from '../../server/src/status';

const ZONE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 2026010100 7200 3600 1209600 300
  IN NS ns1
  IN TXT "v=spf1 +all"
ns1 IN A 192.0.2.1
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
`;

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('sends the zone status to a client that asks for it, and logs start, configuration and timings', async () => {
  const client = await LspClient.start({ initializationOptions: { statusNotification: true } });
  const statuses: StatusParams[] = [];
  client.connection.onNotification('mailzone/status', (p: StatusParams) => void statuses.push(p));
  try {
    client.settings = { rules: { 'spf-pass-all': 'error' } };
    const uri = await client.open(fixturePath('db.example.com'), ZONE);
    const ready = await until('a ready status', () => statuses.find((s) => s.uri === uri && s.state === 'ready' && s.version === 1));
    assert.equal(statuses.find((s) => s.uri === uri)?.state, 'analysing', 'the first status says the analysis is under way');
    assert.equal(ready.origin, 'example.com.');
    assert.equal(ready.originGuessed, false);
    assert.equal(ready.records, 5);
    assert.deepEqual(ready.findings, { error: 1, warning: 0, info: 0 });
    assert.ok(typeof ready.durationMs === 'number' && ready.durationMs >= 0);

    // An edit is analysed again.
    await client.change(uri, ZONE.replace('+all', '-all'), 2);
    const next = await until('the status of version 2', () => statuses.find((s) => s.uri === uri && s.state === 'ready' && s.version === 2));
    assert.deepEqual(next.findings, { error: 0, warning: 0, info: 0 });

    const lines = client.logs.all.map((l) => `${l.type}:${l.message}`);
    assert.ok(lines.some((l) => /^3:Mailzone language server \S+ started \(Node v\d+/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l === `${MessageType.Info}:Configuration: DMARC rfc9989, live DNS off, formatting off, rule severities spf-pass-all=error`), lines.join('\n'));
    assert.ok(lines.some((l) => /^3:Analysed db\.example\.com \(version 1\): 5 records, 1 error, 0 warnings, 0 infos in \d+\.\d ms$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^3:Analysed db\.example\.com \(version 2\): 5 records, 0 errors, 0 warnings, 0 infos in \d+\.\d ms$/.test(l)), lines.join('\n'));
  } finally {
    assert.equal(await client.stop(), 0, client.stderr);
  }
});

it('sends no status to a client that did not ask for it', async () => {
  const client = await LspClient.start();
  let statuses = 0;
  client.connection.onNotification('mailzone/status', () => void statuses++);
  try {
    const mark = client.diagnostics.mark();
    const uri = await client.open(fixturePath('db.example.com'), ZONE);
    await client.nextDiagnostics(uri, () => true, mark);
    // The log line of the analysis comes after the status would have: by then none has arrived.
    await until('the analysis log line', () => client.logs.all.find((l) => l.message.startsWith('Analysed db.example.com')));
    assert.equal(statuses, 0);
  } finally {
    assert.equal(await client.stop(), 0, client.stderr);
  }
});
