/**
 * The MX and DANE rules over LSP: the bundled server publishes one
 * diagnostic per rule at the fixture's ranges, and offers the quick fixes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { byShape, expectedShapes, fixturePath, LspClient, publishedShapes } from './lspClient';

describe('MX and DANE diagnostics', () => {
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start();
  });
  afterEach(async () => {
    assert.equal(await client.stop(), 0, `server exit code; stderr: ${client.stderr}`);
  });

  it('publishes each rule at its range and severity, and offers the fixes', async () => {
    const file = fixturePath('../transport/transport.example.zone');
    const text = fs.readFileSync(file, 'utf8');
    const expected = expectedShapes(text).sort(byShape);
    assert.equal(expected.length, 10);
    const mark = client.diagnostics.mark();
    const uri = await client.open(file, text);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    assert.deepEqual(publishedShapes(published, new Set(expected.map((e) => e.code))), expected);
    const owner = published.diagnostics.find((d) => d.code === 'dane-tlsa-owner')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: owner.range,
      context: { diagnostics: [owner], only: ['quickfix'] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Change '_tpc' to '_tcp'"), titles.join(' | '));
  });
});
