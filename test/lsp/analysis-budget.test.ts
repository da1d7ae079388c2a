/**
 * A document whose analysis runs past `mailzone.analysis.timeoutMs` shows one
 * diagnostic saying so, hover and completion still answer for it, other
 * documents are analysed as usual, and a larger budget brings its findings
 * back. The budget here is made tiny so that an ordinary large zone runs past
 * it, whatever the speed of the machine: the test asserts what the server
 * says, never how long anything took.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fixturePath, LspClient, messageOf } from './lspClient';

/** 5,000 hosts with an SPF record each: far more entries than the parser reads between two looks at the clock. */
function largeZone(): string {
  const lines = ['$ORIGIN big.example.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1'];
  for (let i = 0; i < 5000; i++) lines.push(`h${i} IN TXT "v=spf1 +all"`);
  return `${lines.join('\n')}\n`;
}

describe('analysis budget', { timeout: 60_000 }, () => {
  let client: LspClient;
  let uri: string;
  const text = largeZone();

  before(async () => {
    client = await LspClient.start();
    client.settings = { analysis: { timeoutMs: 1 } };
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('replaces the findings with one warning at the first line when the budget runs out', async () => {
    const mark = client.diagnostics.mark();
    uri = await client.open(fixturePath('big.example.zone'), text);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics.slice(0, 3)));
    const [stopped] = published.diagnostics;
    assert.equal(stopped.code, 'analysis-stopped');
    assert.equal(stopped.severity, 2);
    assert.equal(stopped.range.start.line, 0);
    assert.match(messageOf(stopped), /stopped (reading the records of|checking) this file after 1 ms \(mailzone\.analysis\.timeoutMs\)/);
    assert.match(String(stopped.codeDescription?.href), /analysis-stopped/);
  });

  it('answers hover and completion for that document at once, without running the analysis again', async () => {
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 14 } });
    assert.ok(hover === null || typeof hover === 'object');
    const completion = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 10 } });
    assert.ok(completion === null || typeof completion === 'object');
  });

  // Its parse and analysis ask the stop signal 28 times, fewer than the 256 between two looks at the clock.
  it('analyses a small document in full under the same settings', async () => {
    const file = fixturePath('db.example.com');
    const small = '$ORIGIN small.example.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN TXT "v=spf1 +all"\n';
    assert.ok(fs.existsSync(file));
    const mark = client.diagnostics.mark();
    const other = await client.open(fixturePath('small.example.zone'), small);
    const published = await client.nextDiagnostics(other, () => true, mark);
    assert.ok(published.diagnostics.some((d) => d.code === 'spf-pass-all'), JSON.stringify(published.diagnostics));
    assert.ok(!published.diagnostics.some((d) => d.code === 'analysis-stopped'));
  });

  it('brings the findings back once the budget allows the analysis', async () => {
    client.settings = {};
    const mark = client.diagnostics.mark();
    await client.changeConfiguration({ mailzone: null });
    const published = await client.nextDiagnostics(uri, (p) => p.diagnostics.length > 1, mark);
    assert.ok(!published.diagnostics.some((d) => d.code === 'analysis-stopped'));
    assert.equal(published.diagnostics.filter((d) => d.code === 'spf-pass-all').length, 5000);
  });
});
