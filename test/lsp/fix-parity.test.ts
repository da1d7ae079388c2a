/**
 * `mailzone check --fix` applies the editor's quick fixes: for each of the
 * server's diagnostics, the code action it marks preferred. Both are applied
 * to the same zone, one through the language server, one through the CLI, and
 * must give the same text.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol/node';
import { LspClient, root } from './lspClient';

describe('--fix and the editor agree', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-fix-parity-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const source of ['examples/example.com.zone', 'test/fixtures/lsp/db.example.com']) {
    it(`gives the text of the preferred quick fixes on ${source}`, async () => {
      const text = fs.readFileSync(path.join(root, source), 'utf8');
      const file = path.join(dir, path.basename(source));

      // The editor's way: every diagnostic's preferred code action, applied together.
      const client = await LspClient.start();
      let viaEditor: string;
      try {
        const mark = client.diagnostics.mark();
        const uri = await client.open(file, text);
        const { diagnostics } = await client.nextDiagnostics(uri, () => true, mark);
        const document = TextDocument.create(uri, 'dns-zone', 1, text);
        const edits: TextEdit[] = [];
        const span = (e: TextEdit): [number, number] => [document.offsetAt(e.range.start), document.offsetAt(e.range.end)];
        // Two findings may offer the same edit (pct=0 is both historic and zero): as an editor's fix-all, take it once.
        const clashes = (e: TextEdit): boolean =>
          edits.some((t) => {
            const [a, b] = span(e);
            const [c, d] = span(t);
            return a === c || (a < d && c < b);
          });
        for (const diagnostic of diagnostics) {
          const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic], only: ['quickfix'] },
          });
          const preferred = actions.find((a) => a.isPreferred);
          // Fixes that edit other files are left to the editor; here every fix stays in the file.
          const changes = preferred?.edit?.changes?.[uri] ?? [];
          if (!changes.some(clashes)) edits.push(...changes);
        }
        assert.ok(edits.length >= 2, `preferred fixes on ${source}: ${edits.length}`);
        viaEditor = TextDocument.applyEdits(document, edits);
      } finally {
        assert.equal(await client.stop(), 0, client.stderr);
      }

      // The CLI's way.
      fs.writeFileSync(file, text);
      const r = spawnSync(process.execPath, [path.join(root, 'bin/mailzone.js'), 'check', file, '--fix'], { encoding: 'utf8', timeout: 30_000 });
      assert.notEqual(r.status, 2, r.stderr);
      assert.equal(fs.readFileSync(file, 'utf8'), viaEditor);
      assert.notEqual(viaEditor, text);
    });
  }
});
