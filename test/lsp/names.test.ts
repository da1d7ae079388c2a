/**
 * Definition, references and document highlights for names over LSP: an SPF
 * include in one zone leads to the record in a workspace zone file that is
 * not open, references gather the name from every zone, highlights stay in
 * the document, and an `$INCLUDE` argument leads to its file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DocumentHighlight, Location, Position } from 'vscode-languageserver-protocol/node';
import { LspClient, root } from './lspClient';

const dir = path.join(root, 'test/fixtures/lsp/workspace-zones');
const clientFile = path.join(dir, 'client.example.zone');
const providerFile = path.join(dir, 'provider.example.zone');
const clientText = fs.readFileSync(clientFile, 'utf8');
const providerText = fs.readFileSync(providerFile, 'utf8');

/** The position of the `within`th character of the first `needle` in `text`. */
function positionOf(text: string, needle: string, within = 1): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + within).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function lineOf(text: string, needle: string): number {
  return positionOf(text, needle, 0).line;
}

describe('names over LSP', () => {
  let client: LspClient;
  let clientUri: string;
  let providerUri: string;

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [dir] });
    client.settings = { dns: { enabled: false } };
    const mark = client.diagnostics.mark();
    clientUri = await client.open(clientFile, clientText);
    await client.nextDiagnostics(clientUri, () => true, mark);
    providerUri = new URL(`file://${providerFile}`).href;
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('go to definition on include: opens the SPF record in the workspace zone that is not open', async () => {
    const found = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: clientUri },
      position: positionOf(clientText, 'include:_spf', 12),
    });
    assert.deepEqual(found, [
      { uri: providerUri, range: { start: { line: lineOf(providerText, '_spf IN TXT'), character: 0 }, end: { line: lineOf(providerText, '_spf IN TXT'), character: '_spf IN TXT "v=spf1 mx include:_out.provider.example -all"'.length } } },
    ]);
  });

  it('go to definition on an MX target in the same zone gives its address record', async () => {
    const found = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: clientUri },
      position: positionOf(clientText, '10 mx1', 4),
    });
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].uri, clientUri);
    assert.equal(found[0].range.start.line, lineOf(clientText, 'mx1 IN A'));
  });

  it('references gather the name from both zones; without declarations the owner goes', async () => {
    const at = { textDocument: { uri: clientUri }, position: positionOf(clientText, 'include:_spf', 12) };
    const all = await client.connection.sendRequest<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: true } });
    const where = all.map((l) => `${path.basename(new URL(l.uri).pathname)}:${l.range.start.line}`);
    assert.deepEqual(where, [`client.example.zone:${lineOf(clientText, 'include:_spf')}`, `provider.example.zone:${lineOf(providerText, '_spf IN TXT')}`]);
    const uses = await client.connection.sendRequest<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: false } });
    assert.equal(uses.length, 1);
  });

  it('highlights mark the owner as a write and the pointers as reads, in this document only', async () => {
    const found = await client.connection.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', {
      textDocument: { uri: clientUri },
      position: positionOf(clientText, 'mx1 IN A', 1),
    });
    assert.deepEqual(
      found.map((h) => [h.range.start.line, h.kind]),
      [
        [lineOf(clientText, '10 mx1'), 2],
        [lineOf(clientText, 'mx1 IN A'), 3],
      ],
    );
  });

  it('go to definition on an $INCLUDE argument opens the file; nothing on an address', async () => {
    const file = path.join(dir, 'with-include.zone');
    const text = `$ORIGIN client.example.\n$INCLUDE client.example.zone\n`;
    const uri = new URL(`file://${file}`).href;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dns-zone', version: 1, text } });
    const found = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'client.example.zone', 3) });
    assert.deepEqual(found.map((l) => l.uri), [new URL(`file://${clientFile}`).href]);
    const none = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri: clientUri }, position: positionOf(clientText, '192.0.2.1', 2) });
    assert.deepEqual(none, []);
  });
});
