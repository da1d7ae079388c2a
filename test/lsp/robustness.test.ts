/** A failing handler costs one empty answer and a log line; the server keeps serving. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { it } from 'node:test';
import { fixturePath, LspClient } from './lspClient';

it('answers a request whose handler throws with an empty result, logs it, and answers the next request', async () => {
  const client = await LspClient.start();
  try {
    const file = fixturePath('db.example.com');
    let mark = client.diagnostics.mark();
    const uri = await client.open(file, fs.readFileSync(file, 'utf8'));
    await client.nextDiagnostics(uri, () => true, mark);

    const logMark = client.logs.mark();
    // A malformed request (no context) makes the code-action handler throw.
    const broken = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: null,
    });
    assert.deepEqual(broken, []);
    const logged = await client.logs.wait((l) => l.type === 1 && l.message.includes('textDocument/codeAction'), logMark, 'an error log');
    assert.match(logged.message, /TypeError/);

    const next = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(next, []);

    // And it still analyses.
    mark = client.diagnostics.mark();
    await client.change(uri, '$TTL 5q\n', 2);
    const after = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'zone-syntax'), mark);
    assert.equal(after.diagnostics.find((d) => d.code === 'zone-syntax')?.range.start.line, 0);
  } finally {
    assert.equal(await client.stop(), 0, client.stderr);
  }
});
