/**
 * The language server with live DNS, against Knot through the counting
 * proxy: the file's own diagnostics are published first, without waiting
 * for DNS; the live findings follow in a second publication, a name the
 * server never answers among them as spf-resolution-failed (information).
 * In an untrusted workspace no query is sent at all.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../lsp/lspClient';
import { startDnsProxy, type DnsProxy } from '../support/dnsProxy';
import { CLIENT_ZONE, SILENT_NAME, knotAddress } from './support';

const LIVE_RULES = ['spf-lookup-limit', 'spf-void-lookup-limit', 'spf-include-none', 'spf-resolution-failed'];

describe('language server with live DNS', () => {
  let dir: string;
  let file: string;
  let proxy: DnsProxy;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-live-'));
    file = path.join(dir, 'client.test.zone');
    fs.writeFileSync(file, CLIENT_ZONE);
    proxy = await startDnsProxy(knotAddress(), (name) => name === SILENT_NAME);
  });
  after(async () => {
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the file diagnostics first and the live findings after, a timeout as information', async () => {
    const client = await LspClient.start({ initializationOptions: { trusted: true }, workspaceFolders: [dir] });
    try {
      client.settings = { dns: { enabled: true, servers: [proxy.address], timeoutMs: 1000 } };
      const mark = client.diagnostics.mark();
      const uri = await client.open(file, CLIENT_ZONE);
      const first = await client.nextDiagnostics(uri, () => true, mark);
      assert.deepEqual(first.diagnostics.filter((d) => LIVE_RULES.includes(String(d.code))), []);
      const live = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'spf-resolution-failed'), mark);
      const failed = live.diagnostics.find((d) => d.code === 'spf-resolution-failed')!;
      assert.equal(failed.severity, DiagnosticSeverity.Information);
      assert.match(String(failed.message), /slow\.partner\.test TXT: no answer within 1000 ms/);
      const limit = live.diagnostics.find((d) => d.code === 'spf-lookup-limit');
      assert.match(String(limit?.message ?? ''), /^14 DNS lookups/);
      assert.ok(live.diagnostics.some((d) => d.code === 'spf-include-none'));
      // The first publication came while the unanswered question was still waiting for its timeout.
      assert.ok(client.diagnostics.all.indexOf(first) < client.diagnostics.all.indexOf(live));
      // Once the live pass is in, the lookup-count lens counts with its fuller tree.
      const lenses = await client.connection.sendRequest<Array<{ command?: { title: string } }>>('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(lenses.some((l) => /^14\/10 DNS lookups/.test(l.command?.title ?? '')), JSON.stringify(lenses.map((l) => l.command?.title)));
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });

  it('sends no query from an untrusted workspace', async () => {
    const before = proxy.queries.length;
    const client = await LspClient.start({ initializationOptions: { trusted: false }, workspaceFolders: [dir] });
    try {
      client.settings = { dns: { enabled: true, servers: [proxy.address], timeoutMs: 1000 } };
      const mark = client.diagnostics.mark();
      const uri = await client.open(file, CLIENT_ZONE);
      await client.nextDiagnostics(uri, () => true, mark);
      // An edit is analysed after the debounce, well after any live pass of the open would have sent its queries.
      const again = client.diagnostics.mark();
      await client.change(uri, `${CLIENT_ZONE}; edited\n`, 2);
      const second = await client.nextDiagnostics(uri, () => true, again);
      assert.deepEqual(second.diagnostics.filter((d) => LIVE_RULES.includes(String(d.code))), []);
      assert.equal(proxy.queries.length, before);
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });
});
