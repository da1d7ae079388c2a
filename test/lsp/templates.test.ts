/**
 * The template commands that insert the MTA-STS + TLS-RPT pair and a BIMI
 * record, over the bundled server's stdio: each edits through
 * `workspace/applyEdit`, answers with what it inserted, and the document
 * with the edit applied draws no new finding once the server analyses it.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ApplyWorkspaceEditRequest, type ApplyWorkspaceEditParams } from 'vscode-languageserver-protocol/node';
import { fixturePath, LspClient, uriOf } from './lspClient';

const ZONE = `$ORIGIN example.org.
$TTL 3600
@        IN SOA ns1 hostmaster 2026010100 7200 3600 1209600 300
         IN NS  ns1
         IN MX  10 mail
         IN TXT "v=spf1 mx -all"
ns1      IN A   192.0.2.53
mail     IN A   192.0.2.25
_dmarc   IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.org"
`;

describe('template commands over LSP', () => {
  let client: LspClient;
  const edits: ApplyWorkspaceEditParams[] = [];
  let count = 0;

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [fixturePath('features')] });
    client.settings = { dns: { enabled: false } };
    client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      edits.push(params);
      return { applied: true };
    });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  const command = <R>(name: string, args: object): Promise<R> => client.connection.sendRequest('workspace/executeCommand', { command: name, arguments: [args] });

  /** Opens ZONE under a new name and waits for its diagnostics, which must be none. */
  async function open(): Promise<string> {
    const uri = uriOf(fixturePath('features', `template-${++count}.zone`));
    const mark = client.diagnostics.mark();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dns-zone', version: 1, text: ZONE } });
    assert.deepEqual((await client.nextDiagnostics(uri, () => true, mark)).diagnostics, []);
    return uri;
  }

  /** Applies the last edit to ZONE as the editor would, sends the change, and returns the text and its diagnostics. */
  async function applyLast(uri: string): Promise<{ text: string; codes: string[] }> {
    const text = TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, ZONE), edits[edits.length - 1].edit.changes![uri]);
    const mark = client.diagnostics.mark();
    await client.change(uri, text, 2);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    return { text, codes: published.diagnostics.map((d) => String(d.code)) };
  }

  it('mailzone.insertMtaSts inserts _mta-sts with a fresh id, the policy host and _smtp._tls', async () => {
    const uri = await open();
    const before = new Date();
    const result = await command<{ applied: boolean; text: string; domain: string; id: string; policyHost: string; tlsRptKept: boolean }>('mailzone.insertMtaSts', {
      uri,
      policyHost: 'mta-sts.hosting.example.',
      reports: 'tls-reports@example.org',
      position: { line: 7, character: 0 },
    });
    assert.equal(result.applied, true);
    assert.match(result.id, /^\d{14}Z$/);
    // The id is the server's clock when the command ran.
    assert.ok(result.id >= `${before.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`, result.id);
    assert.deepEqual([result.domain, result.policyHost, result.tlsRptKept], ['example.org', 'cname', false]);
    const { text, codes } = await applyLast(uri);
    assert.equal(
      text,
      ZONE.replace(
        'mail     IN A   192.0.2.25\n',
        'mail     IN A   192.0.2.25\n' +
          `_mta-sts IN TXT "v=STSv1; id=${result.id}"\n` +
          'mta-sts  IN CNAME mta-sts.hosting.example.\n' +
          '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.org"\n',
      ),
    );
    assert.equal(result.text, text.split('\n').slice(8, 11).join('\n'));
    assert.deepEqual(codes, []);
    await assert.rejects(command('mailzone.insertMtaSts', { uri }), /already has an MTA-STS record/);
    await client.close(uri);
  });

  it('mailzone.insertBimi inserts default._bimi with the logo, and a= only when given', async () => {
    const uri = await open();
    const result = await command<{ applied: boolean; text: string }>('mailzone.insertBimi', { uri, logo: 'https://example.org/brand/logo.svg' });
    assert.deepEqual(result, { applied: true, text: 'default._bimi IN TXT "v=BIMI1; l=https://example.org/brand/logo.svg"' });
    const { text, codes } = await applyLast(uri);
    assert.equal(text, `${ZONE}${result.text}\n`);
    assert.deepEqual(codes, []);
    const second = await command<{ text: string }>('mailzone.insertBimi', { uri, selector: 'brand', evidence: 'https://example.org/brand/vmc.pem' });
    // Aligned with the entry before it, the one just inserted.
    assert.equal(second.text, 'brand._bimi   IN TXT "v=BIMI1; l=https://example.org/bimi/logo.svg; a=https://example.org/brand/vmc.pem"');
    await assert.rejects(command('mailzone.insertBimi', { uri, selector: 'other', logo: 'https://example.org/logo.png' }), /not an SVG file/);
    await client.close(uri);
  });
});
