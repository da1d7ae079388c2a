/**
 * Settings reach the analysis: pulled with workspace/configuration when the
 * client can answer it, pushed with didChangeConfiguration otherwise.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { fixturePath, LspClient } from './lspClient';

const file = fixturePath('db.example.com');
const text = fs.readFileSync(file, 'utf8');
const syntax = (p: { diagnostics: { code?: unknown; severity?: number }[] }) => p.diagnostics.filter((d) => d.code === 'zone-syntax');

describe('settings', () => {
  it('pulls the mailzone section for the document and applies rule levels', async () => {
    const client = await LspClient.start();
    try {
      client.settings = { rules: { 'zone-syntax': 'warning' } };
      let mark = client.diagnostics.mark();
      const uri = await client.open(file, text);
      const warned = await client.nextDiagnostics(uri, () => true, mark);
      assert.ok(syntax(warned).length >= 2);
      assert.ok(syntax(warned).every((d) => d.severity === 2), JSON.stringify(warned.diagnostics));
      const asked = client.configurationRequests.all.find((item) => item.section === 'mailzone');
      assert.equal(asked?.scopeUri, uri);
      assert.ok(client.registrations.includes('workspace/didChangeConfiguration'), 'asks to be told about changes');

      // A change notification makes the server ask again; the rule is now off.
      client.settings = { rules: { 'zone-syntax': 'off' } };
      mark = client.diagnostics.mark();
      await client.changeConfiguration({ mailzone: null });
      await client.nextDiagnostics(uri, (p) => syntax(p).length === 0, mark);

      // Back to the default level.
      client.settings = { rules: { 'zone-syntax': 'error' } };
      mark = client.diagnostics.mark();
      await client.changeConfiguration({ mailzone: null });
      const back = await client.nextDiagnostics(uri, (p) => syntax(p).length > 0, mark);
      assert.ok(syntax(back).every((d) => d.severity === 1));
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('takes pushed settings from a client that cannot be asked', async () => {
    const client = await LspClient.start({ pullConfiguration: false });
    try {
      let mark = client.diagnostics.mark();
      const uri = await client.open(file, text);
      const first = await client.nextDiagnostics(uri, () => true, mark);
      assert.ok(syntax(first).every((d) => d.severity === 1) && syntax(first).length > 0);
      mark = client.diagnostics.mark();
      await client.changeConfiguration({ mailzone: { rules: { 'zone-syntax': 'info' } } });
      const info = await client.nextDiagnostics(uri, () => true, mark);
      assert.ok(syntax(info).length > 0 && syntax(info).every((d) => d.severity === 3), JSON.stringify(info.diagnostics));
      assert.equal(client.configurationRequests.all.length, 0);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
