/**
 * Zone files of the workspace that are not open answer the includes of an
 * open zone, without live DNS: the lookup count follows the include into the
 * provider's zone on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { LspClient, root } from './lspClient';

const dir = path.join(root, 'test/fixtures/lsp/workspace-zones');
const file = path.join(dir, 'client.example.zone');

it('counts lookups through a workspace zone file that is not open', async () => {
  const client = await LspClient.start({ workspaceFolders: [dir] });
  try {
    client.settings = { dns: { enabled: false } };
    const mark = client.diagnostics.mark();
    const uri = await client.open(file, fs.readFileSync(file, 'utf8'));
    await client.nextDiagnostics(uri, () => true, mark);
    // include (1) → _spf: mx (1) + include (1) → _out: a (1) = 4, known once the pass over the workspace is in.
    const deadline = Date.now() + 20_000;
    let titles: string[] = [];
    while (Date.now() < deadline) {
      const lenses = await client.connection.sendRequest<Array<{ command?: { title: string } }>>('textDocument/codeLens', { textDocument: { uri } });
      titles = lenses.map((l) => l.command?.title ?? '');
      if (titles.some((t) => t.startsWith('4/10 DNS lookups'))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(titles.some((t) => t.startsWith('4/10 DNS lookups')), JSON.stringify(titles));
  } finally {
    assert.equal(await client.stop(), 0, client.stderr);
  }
});
