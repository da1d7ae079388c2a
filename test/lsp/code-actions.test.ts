/**
 * Quick fixes over LSP: the server answers a code-action request for one of
 * its diagnostics with the finding's fixes, and applying the edit gives the
 * fixed text, which the server then no longer flags.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { fixturePath, LspClient } from './lspClient';

const file = fixturePath('db.example.com');
const text = fs.readFileSync(file, 'utf8');
const QUOTED = '@       IN TXT  "v=spf1 mx -all"';

describe('code actions', () => {
  let client: LspClient;
  let uri: string;
  let unquoted: Diagnostic;

  before(async () => {
    client = await LspClient.start();
    const mark = client.diagnostics.mark();
    uri = await client.open(file, text);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    const found = published.diagnostics.find((d) => d.code === 'txt-unquoted');
    assert.ok(found, JSON.stringify(published.diagnostics));
    unquoted = found;
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  const request = (diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> =>
    client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: unquoted.range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });

  it('offers the finding’s fix as a preferred quick fix whose edit produces the fixed text', async () => {
    const actions = await request([unquoted]);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [action] = actions;
    assert.equal(action.title, 'Quote as one string');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [unquoted]);
    assert.deepEqual(Object.keys(action.edit?.changes ?? {}), [uri]);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, text), action.edit!.changes![uri]);
    assert.equal(fixed, text.replace('@       IN TXT  v=spf1 mx -all', QUOTED));

    // Applied, the finding is gone and the others stay.
    const mark = client.diagnostics.mark();
    await client.change(uri, fixed, 2);
    const after = await client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'txt-unquoted'), mark);
    assert.ok(after.diagnostics.some((d) => d.code === 'zone-syntax'));

    // The old diagnostic no longer matches anything in the new version.
    assert.deepEqual(await request([unquoted]), []);
    const restore = client.diagnostics.mark();
    await client.change(uri, text, 3);
    await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'txt-unquoted'), restore);
  });

  it('offers nothing for diagnostics that are not its own, have no fix, or when other kinds are asked for', async () => {
    assert.deepEqual(await request([{ ...unquoted, source: 'other-linter' }]), []);
    assert.deepEqual(await request([{ ...unquoted, range: { start: unquoted.range.start, end: { ...unquoted.range.end, character: unquoted.range.end.character - 1 } } }]), []);
    assert.deepEqual(await request([unquoted], ['source.organizeImports']), []);
    assert.equal((await request([unquoted], ['quickfix'])).length, 1);
  });
});
