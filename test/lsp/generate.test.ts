/**
 * The language server over stdio answers a document whose `$GENERATE` lines
 * once froze it (a negative offset in nibble mode looped without end): the
 * diagnostics arrive, and the next request is answered. The test has a time
 * limit, and the server is killed when it fails, so a regression fails the
 * test rather than hanging the tier.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { LspClient } from './lspClient';

const root = path.resolve(__dirname, '../../..');
const FILE = path.join(root, 'test/fixtures/cli/generate/db.example.com');
const TEXT = [
  '$TTL 300',
  '@ IN SOA ns1.example.net. hostmaster 1 2h 1h 2w 1h',
  '  IN NS ns1.example.net.',
  '$GENERATE 1-3 ${-2,0,n} AAAA 2001:db8::1',
  '$GENERATE 1-5 h${-10,3,d} A 192.0.2.$',
  '',
].join('\n');

it('publishes diagnostics for the $GENERATE lines that once hung, then answers a hover', { timeout: 60_000 }, async () => {
  const client = await LspClient.start();
  let clean = false;
  try {
    const mark = client.diagnostics.mark();
    const uri = await client.open(FILE, TEXT);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    assert.deepEqual(published.diagnostics.filter((d) => d.code === 'zone-syntax'), []);

    // An edit that adds a third such line is analysed too.
    const again = client.diagnostics.mark();
    await client.change(uri, `${TEXT}$GENERATE 0-7 x\${-300,4,N} AAAA 2001:db8::2\n`, 2);
    const edited = await client.nextDiagnostics(uri, () => true, again);
    assert.deepEqual(edited.diagnostics.filter((d) => d.code === 'zone-syntax'), []);

    // A request after them is answered: the server is not stuck.
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } });
    assert.ok(hover, 'no hover on $GENERATE');
    clean = true;
  } finally {
    if (clean) assert.equal(await client.stop(), 0, client.stderr);
    else client.kill();
  }
});
