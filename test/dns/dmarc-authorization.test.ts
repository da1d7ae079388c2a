/**
 * dmarc-external-unauthorized checked by live DNS, through the language
 * server over stdio against Knot: the report destinations of a zone that
 * is the only one in its workspace are first "not checked" (information),
 * then, after the TXT queries at `shop.test._report._dmarc.<host>`, the
 * authorized one has no finding, the one without authorization a warning
 * and the one whose query goes unanswered an information saying so. In an
 * untrusted workspace nothing is asked and the information stays.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../lsp/lspClient';
import { startDnsProxy, type DnsProxy } from '../support/dnsProxy';
import { DMARC_ZONE, SILENT_AUTHORIZATION, knotAddress } from './support';

const RULE = 'dmarc-external-unauthorized';

/** The destination each finding sits on (its URI as written) with its severity. */
function destinations(diagnostics: readonly Diagnostic[]): string[] {
  const lines = DMARC_ZONE.split('\n');
  return diagnostics
    .filter((d) => d.code === RULE)
    .map((d) => `${d.severity === DiagnosticSeverity.Warning ? 'warning' : d.severity === DiagnosticSeverity.Information ? 'info' : String(d.severity)} ${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)}`);
}

describe('DMARC report authorizations by live DNS, in the language server', () => {
  let dir: string;
  let file: string;
  let proxy: DnsProxy;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-dmarc-live-'));
    file = path.join(dir, 'shop.test.zone');
    fs.writeFileSync(file, DMARC_ZONE);
    proxy = await startDnsProxy(knotAddress(), (name) => name === SILENT_AUTHORIZATION);
  });
  after(async () => {
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes "not checked" first, then a warning for the destination without authorization and nothing for the authorized one', async () => {
    const client = await LspClient.start({ initializationOptions: { trusted: true }, workspaceFolders: [dir] });
    try {
      client.settings = { dns: { enabled: true, servers: [proxy.address], timeoutMs: 1000 } };
      const mark = client.diagnostics.mark();
      const uri = await client.open(file, DMARC_ZONE);
      const first = await client.nextDiagnostics(uri, () => true, mark);
      assert.deepEqual(destinations(first.diagnostics), ['info mailto:dmarc@partner.test', 'info mailto:dmarc@mail.test', 'info mailto:dmarc@slow.example.test']);

      const live = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === RULE && d.severity === DiagnosticSeverity.Warning), mark);
      assert.deepEqual(destinations(live.diagnostics), ['warning mailto:dmarc@mail.test', 'info mailto:dmarc@slow.example.test']);
      const [missing, failed] = live.diagnostics.filter((d) => d.code === RULE);
      assert.match(String(missing.message), /^rua: mail\.test is in another organizational domain and live DNS has no TXT "v=DMARC1" at shop\.test\._report\._dmarc\.mail\.test \(checked by a TXT query: the name does not exist \(NXDOMAIN\)\)/);
      assert.match(String(failed.message), /\(not checked: the live DNS query failed: shop\.test\._report\._dmarc\.slow\.example\.test\.? TXT: no answer within 1000 ms\)$/);
      // Each authorization name was asked once, by TXT.
      const asked = proxy.queries.filter((q) => q.name.includes('._report._dmarc.')).map((q) => `${q.name} ${q.type}`);
      assert.deepEqual(asked.sort(), [
        'shop.test._report._dmarc.mail.test 16',
        'shop.test._report._dmarc.partner.test 16',
        `${SILENT_AUTHORIZATION} 16`,
      ]);
      // The warning has no quick fix: the destination's zone is not in the workspace.
      const actions = await client.connection.sendRequest<unknown[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: missing.range,
        context: { diagnostics: [missing], only: ['quickfix'] },
      });
      assert.deepEqual(actions, []);
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });

  it('asks nothing from an untrusted workspace and keeps the "not checked" information', async () => {
    const before = proxy.queries.length;
    const client = await LspClient.start({ initializationOptions: { trusted: false }, workspaceFolders: [dir] });
    try {
      client.settings = { dns: { enabled: true, servers: [proxy.address], timeoutMs: 1000 } };
      const mark = client.diagnostics.mark();
      const uri = await client.open(file, DMARC_ZONE);
      await client.nextDiagnostics(uri, () => true, mark);
      // An edit is analysed after the debounce, well after any live pass of the open would have sent its queries.
      const again = client.diagnostics.mark();
      await client.change(uri, `${DMARC_ZONE}; edited\n`, 2);
      const second = await client.nextDiagnostics(uri, () => true, again);
      assert.deepEqual(destinations(second.diagnostics), ['info mailto:dmarc@partner.test', 'info mailto:dmarc@mail.test', 'info mailto:dmarc@slow.example.test']);
      assert.equal(proxy.queries.length, before);
    } finally {
      assert.equal(await client.stop(), 0, client.stderr);
    }
  });
});
