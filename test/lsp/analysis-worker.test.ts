/**
 * The analysis runs in a worker thread: while a long analysis of a large
 * zone runs, the server still answers hover and completion for that very
 * document, and an edit that arrives meanwhile stops the stale analysis, so
 * that only the newest version's diagnostics are published, once. The zone
 * is made so that its rules take many times longer than its parse (SPF
 * records that include each other), and the tests assert the order of
 * events, never how long anything took.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol/node';
import { fixturePath, LspClient } from './lspClient';

/** A long wait, for work made long on purpose on a machine that may be busy with other things. */
const PATIENCE_MS = 240_000;

/** 1,500 hosts with an MX and an SPF record through a ring of 20 includes: a few hundred kilobytes, seconds of rules. */
function slowZone(name: string): string {
  const lines = [`$ORIGIN ${name}.`, '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1', '@ IN MX 10 mx1', 'mx1 IN A 192.0.2.2'];
  for (let i = 0; i < 20; i++) lines.push(`spf${i} IN TXT "v=spf1 ip4:192.0.2.${i} include:spf${(i + 1) % 20}.${name} a:mx1.${name} mx ~all"`);
  for (let i = 0; i < 1500; i++) lines.push(`h${i} IN MX 10 mx1`, `h${i} IN TXT "v=spf1 include:spf${i % 20}.${name} mx a -all"`);
  return `${lines.join('\n')}\n`;
}

/** The versions the server logged a finished analysis of, for the file `name`. */
function analysedVersions(client: LspClient, name: string, from: number): number[] {
  const pattern = new RegExp(`^Analysed ${name.replace(/\./g, '\\.')} \\(version (\\d+)\\)`);
  return client.logs.all
    .slice(from)
    .map((l) => pattern.exec(l.message)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

describe('analysis in a worker thread', { timeout: 600_000 }, () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
    // The budget is not what these tests are about: it must not end the long analysis.
    client.settings = { analysis: { timeoutMs: 600_000 } };
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('answers hover and completion on the document while its analysis runs', async () => {
    const text = slowZone('slow.example');
    const line = text.split('\n').findIndex((l) => l.startsWith('h0 IN TXT'));
    const events: string[] = [];
    const mark = client.diagnostics.mark();
    const uri = await client.open(fixturePath('slow.example.zone'), text);
    const published = client.nextDiagnostics(uri, () => true, mark, PATIENCE_MS).then((p) => {
      events.push('diagnostics');
      return p;
    });
    const hover = client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 'h0 IN TXT "v=spf1 incl'.length } }).then((h) => {
      events.push('hover');
      return h;
    });
    const completion = client.connection
      .sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character: 'h0 IN TXT "v=spf1 '.length } })
      .then((c) => {
        events.push('completion');
        return c;
      });
    const [hovered, completed] = await Promise.all([hover, completion]);
    assert.ok(hovered && JSON.stringify(hovered.contents).includes('include'), JSON.stringify(hovered));
    const items = Array.isArray(completed) ? completed : (completed?.items ?? []);
    assert.ok(items.some((i) => i.label.startsWith('include')), JSON.stringify(items.map((i) => i.label)));
    // Both answers came while the analysis was still running: its diagnostics arrived after them.
    assert.ok(!events.includes('diagnostics'), `answered after the analysis finished: ${events.join(', ')}`);
    const diagnostics = await published;
    assert.ok(diagnostics.diagnostics.length > 0);
    assert.equal(events[2], 'diagnostics', events.join(', '));
  });

  it('stops the stale analysis when a newer version arrives, and publishes only the newest version, once', async () => {
    const name = 'cancel.example';
    const base = slowZone(name);
    const file = fixturePath(`${name}.zone`);
    const mark = client.diagnostics.mark();
    const logMark = client.logs.mark();
    const uri = await client.open(file, base, 1);
    // The server parses for hover after it has handed version 1 to the worker: once hover answers, that analysis
    // is under way (its diagnostics, seconds away, have not come), and the edits below arrive in the middle of it.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(client.diagnostics.all.slice(mark).filter((p) => p.uri === uri).length, 0);
    await client.change(uri, `${base}v2 IN A 192.0.2.9\n`, 2);
    // Only the newest version has a pass-all record: its finding tells whose diagnostics were published.
    await client.change(uri, `${base}v3 IN TXT "v=spf1 +all"\n`, 3);
    const published = await client.nextDiagnostics(uri, () => true, mark, PATIENCE_MS);
    assert.ok(
      published.diagnostics.some((d) => d.code === 'spf-pass-all'),
      `the first diagnostics published are not version 3's: ${JSON.stringify(published.diagnostics.slice(0, 3))}`,
    );
    // The server logs each analysis it finished: the older versions' were stopped, not finished and dropped.
    assert.deepEqual(analysedVersions(client, `${name}.zone`, logMark), [3]);
    // One more round trip through the server: anything it published for the document before answering is in by now.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(client.diagnostics.all.slice(mark).filter((p) => p.uri === uri).length, 1);
    assert.deepEqual(analysedVersions(client, `${name}.zone`, logMark), [3]);
  });
});
