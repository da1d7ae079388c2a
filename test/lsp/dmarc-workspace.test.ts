/**
 * dmarc-external-unauthorized across the zones of the workspace, without
 * live DNS: a report destination whose zone is another open document, or a
 * zone file of the workspace that is not open, is judged from that zone —
 * a warning whose quick fix inserts the `_report._dmarc` record into that
 * zone's file, or no finding when the record is there. A destination whose
 * zone is nowhere in the workspace stays "not checked".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { fixturePath, LspClient, uriOf } from './lspClient';

const RULE = 'dmarc-external-unauthorized';
const dir = fixturePath('dmarc-workspace');
const policyFile = `${dir}/example.com.zone`;
const policyText = fs.readFileSync(policyFile, 'utf8');
const diskFile = `${dir}/db.example.org`;
const diskText = fs.readFileSync(diskFile, 'utf8');
/** Opened in the editor only: no file on disk holds it. */
const openFile = `${dir}/example.net.zone`;
const openText = '$ORIGIN example.net.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n  IN NS ns1\nns1 IN A 192.0.2.2\n';

function severity(d: Diagnostic): string {
  return d.severity === DiagnosticSeverity.Warning ? 'warning' : d.severity === DiagnosticSeverity.Information ? 'info' : String(d.severity);
}

/** Severity and destination URI of each finding of the rule. */
function destinations(diagnostics: readonly Diagnostic[], text = policyText): string[] {
  const lines = text.split('\n');
  return diagnostics.filter((d) => d.code === RULE).map((d) => `${severity(d)} ${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)}`);
}

function applied(text: string, action: CodeAction, uri: string): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, text), action.edit!.changes![uri]);
}

describe('DMARC report destinations in the zones of the workspace, over LSP', () => {
  let client: LspClient;
  let policyUri: string;
  let openUri: string;
  let found: Diagnostic[];

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [dir] });
    client.settings = { dns: { enabled: false } };
    let mark = client.diagnostics.mark();
    openUri = await client.open(openFile, openText);
    await client.nextDiagnostics(openUri, () => true, mark);
    mark = client.diagnostics.mark();
    policyUri = await client.open(policyFile, policyText);
    found = (await client.nextDiagnostics(policyUri, () => true, mark)).diagnostics;
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  const fixesFor = (diagnostic: Diagnostic): Promise<CodeAction[]> =>
    client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: policyUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });

  it('judges each destination from its zone: the open document, the file on disk, or not at all', () => {
    assert.deepEqual(destinations(found), [
      'warning mailto:d@reports.example.net',
      'warning mailto:f@forensic.example.org',
      'info mailto:f@thirdparty.example',
    ]);
    const [open, disk] = found.filter((d) => d.code === RULE);
    assert.match(String(open.message), new RegExp(`its zone \\(${openFile.replace(/[.]/g, '\\.')}\\) has no TXT "v=DMARC1" at example\\.com\\._report\\._dmarc\\.reports\\.example\\.net`));
    assert.match(String(disk.message), new RegExp(`its zone \\(${diskFile.replace(/[.]/g, '\\.')}\\) has no TXT "v=DMARC1" at example\\.com\\._report\\._dmarc\\.forensic\\.example\\.org`));
  });

  it('fixes a destination in a workspace file that is not open by appending the record to that file', async () => {
    const disk = found.filter((d) => d.code === RULE)[1];
    const [action] = await fixesFor(disk);
    assert.equal(action.title, 'Add example.com._report._dmarc.forensic.example.org TXT "v=DMARC1" (' + diskFile + ')');
    assert.deepEqual(Object.keys(action.edit!.changes!), [uriOf(diskFile)]);
    assert.equal(applied(diskText, action, uriOf(diskFile)), `${diskText}example.com._report._dmarc.forensic.example.org. IN TXT "v=DMARC1"\n`);
  });

  it('fixes a destination in another open document, and the policy is analysed again when that document changes', async () => {
    const open = found.filter((d) => d.code === RULE)[0];
    const [action] = await fixesFor(open);
    assert.deepEqual(Object.keys(action.edit!.changes!), [openUri]);
    const fixed = applied(openText, action, openUri);
    assert.equal(fixed, `${openText}example.com._report._dmarc.reports.example.net. IN TXT "v=DMARC1"\n`);
    // The editor applies the edit to the other document: the policy, which read that zone, is analysed again at once.
    const mark = client.diagnostics.mark();
    await client.change(openUri, fixed, 2);
    const again = await client.nextDiagnostics(policyUri, () => true, mark);
    assert.deepEqual(destinations(again.diagnostics), ['warning mailto:f@forensic.example.org', 'info mailto:f@thirdparty.example']);
  });
});
