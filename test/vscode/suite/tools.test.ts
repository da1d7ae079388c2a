// The everyday tools around a zone in VS Code: the language status item,
// the output log, names to navigate, short hovers, the SPF lookup tree view,
// rule pages opened from a diagnostic and the grouped settings (the
// walkthrough has a file of its own). Each goes through VS Code's own commands and registries.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mailzoneDiagnostics } from './diagnostics';
import { waitFor } from './poll';

interface Api {
  statusOf(uri: vscode.Uri): { state: string; origin?: string; records?: number; findings?: { error: number; warning: number; info: number } } | undefined;
  shownStatus(): { text: string; detail?: string; severity: vscode.LanguageStatusSeverity; busy: boolean };
  spfTree: vscode.TreeDataProvider<unknown>;
  logUri: vscode.Uri;
}

async function api(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>('mailzone.mailzone');
  assert.ok(extension, 'the extension is installed');
  return extension.activate();
}

async function eventually<T>(what: string, probe: () => Thenable<T | undefined> | T | undefined, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ZONE = `$ORIGIN example.org.
$TTL 3600
@     IN SOA ns1 hostmaster 2024060101 7200 3600 1209600 300
      IN NS  ns1
      IN MX  10 mail
      IN TXT "v=spf1 mx include:_spf.example.org -all"
_spf  IN TXT "v=spf1 ip4:192.0.2.0/24 a:mail.example.org -all"
ns1   IN A   192.0.2.1
mail  IN A   192.0.2.25
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.org"
www   IN TXT "v=spf1 +all"
`;

const opened: vscode.TextDocument[] = [];

async function untitled(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'dns-zone', content });
  await vscode.window.showTextDocument(doc);
  opened.push(doc);
  return doc;
}

const at = (doc: vscode.TextDocument, needle: string, within = 1): vscode.Position => {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  return doc.positionAt(offset + within);
};

describe('Mailzone tools in VS Code', () => {
  let doc: vscode.TextDocument;
  let mailzone: Api;

  before(async () => {
    mailzone = await api();
    doc = await untitled(ZONE);
    await eventually('the zone analysed', () => (mailzoneDiagnostics(doc.uri).some((d) => d.code === 'spf-pass-all') ? true : undefined));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const d of opened.reverse()) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('shows the zone in the language status item: origin, records, findings, and whether it is analysing', async () => {
    await vscode.window.showTextDocument(doc);
    const status = await eventually('a ready status', () => {
      const s = mailzone.statusOf(doc.uri);
      return s?.state === 'ready' ? s : undefined;
    });
    assert.equal(status.origin, 'example.org.');
    assert.equal(status.records, 9);
    assert.deepEqual(status.findings, { error: 0, warning: 1, info: 0 });
    const shown = await eventually('the item to show the zone', () => (mailzone.shownStatus().text.includes('example.org.') ? mailzone.shownStatus() : undefined));
    assert.equal(shown.text, '$(mail) example.org. · 9 records');
    assert.match(shown.detail ?? '', /^0 errors, 1 warning, 0 infos; analysed in \d+ ms$/);
    assert.equal(shown.severity, vscode.LanguageStatusSeverity.Warning);
    assert.equal(shown.busy, false);
  });

  it('logs the server start, its configuration and each analysis with its time in the "Mailzone" output', async () => {
    const file = vscode.Uri.joinPath(mailzone.logUri, 'Mailzone.log');
    const log = await eventually('the analysis in the log', async () => {
      const text = await Promise.resolve(vscode.workspace.fs.readFile(file)).then((b) => new TextDecoder().decode(b), () => '');
      return /Analysed Untitled-\d+ \(version \d+\): 9 records, 0 errors, 1 warning, 0 infos in \d+\.\d ms/.test(text) ? text : undefined;
    });
    assert.match(log, /Mailzone language server \S+ started \(Node v\d+/);
    assert.match(log, /Configuration: DMARC rfc9989, live DNS/);
  });

  it('goes to the definition of an include, finds the references of a host and highlights it', async () => {
    const definitions = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, at(doc, 'include:_spf', 10));
    assert.deepEqual(definitions.map((l) => [l.uri.toString(), l.range.start.line]), [[doc.uri.toString(), at(doc, '_spf  IN TXT').line]]);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at(doc, 'mail  IN A'));
    assert.deepEqual(references.map((l) => l.range.start.line).sort((a, b) => a - b), [at(doc, '10 mail').line, at(doc, 'a:mail').line, at(doc, 'mail  IN A').line]);
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, at(doc, '10 mail', 4));
    assert.deepEqual(
      highlights.map((h) => [h.range.start.line, h.kind]),
      [
        [at(doc, '10 mail').line, vscode.DocumentHighlightKind.Read],
        [at(doc, 'a:mail').line, vscode.DocumentHighlightKind.Read],
        [at(doc, 'mail  IN A').line, vscode.DocumentHighlightKind.Write],
      ],
    );
  });

  it('hovers an include short first, with the details folded', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'include:_spf', 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const [short, folded] = text.split('<details><summary>Details</summary>');
    assert.ok(folded, text);
    assert.match(short, /^\*\*include:\\_spf\.example\.org\*\* — when the SPF record of `_spf\.example\.org` gives pass for the client, the result is \*\*pass\*\*/);
    assert.match(short, /costs \*\*2\*\* of this record's \*\*3\/10 DNS lookups\*\*/);
    assert.match(folded, /```text\ninclude:_spf\.example\.org — 2 lookups/);
  });

  it('hovers a DMARC report address short first too: where the reports go, the tag’s reference folded', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'mailto:dmarc', 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const [short, folded] = text.split('<details><summary>Details</summary>');
    assert.ok(folded, text);
    assert.match(short, /^\*\*rua=\*\* — aggregate reports go to `dmarc@example\.org`\.\n\n\[RFC 9989 §4\.7\]/);
    assert.match(folded, /Where to send aggregate reports/);
  });

  it('shows the SPF lookup tree in its view, and a node jumps to the records it reads', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('mailzone.showSpfTree', { uri: doc.uri.toString(), position: at(doc, '"v=spf1 mx') });
    const tree = mailzone.spfTree;
    const [root] = await eventually('the tree', async () => {
      const roots = (await tree.getChildren()) ?? [];
      return roots.length > 0 ? roots : undefined;
    });
    const rootItem = await tree.getTreeItem(root);
    assert.equal(rootItem.label, 'example.org');
    // The test workspace leaves live DNS to its default; every name here is in the zone either way.
    assert.match(String(rootItem.description), /^3\/10 DNS lookups · 0\/2 void( · live DNS off)?$/);
    const nodes = (await tree.getChildren(root)) ?? [];
    const items = await Promise.all(nodes.map((n) => tree.getTreeItem(n)));
    assert.deepEqual(
      items.map((i) => [i.label, String(i.description).split(' — ')[0]]),
      [
        ['mx (example.org)', '#1 · 1 lookup'],
        ['include:_spf.example.org', '#2 · 2 lookups'],
      ],
    );
    const include = items[1];
    assert.ok(include.command);
    await vscode.commands.executeCommand(include.command.command, ...(include.command.arguments ?? []));
    await waitFor(
      'the editor at the included record',
      () => (vscode.window.activeTextEditor?.selection.start.line === at(doc, '_spf  IN TXT').line ? true : undefined),
      () => `line ${vscode.window.activeTextEditor?.selection.start.line}`,
    );
  });

  it('opens a diagnostic’s rule page, bundled with the extension, as a Markdown preview', async () => {
    const finding = mailzoneDiagnostics(doc.uri).find((d) => d.code === 'spf-pass-all');
    assert.ok(finding?.target, 'the finding links its rule');
    assert.equal(finding.target, 'mailzone-rule:/spf-pass-all.md');
    // What a click on the link does: VS Code's opener opens the URI.
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(finding.target));
    const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const preview = await eventually('the rule page preview', () =>
      tabs().find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview') && t.label.includes('spf-pass-all')),
    );
    assert.ok(preview);
    await eventually('the link’s text editor to be replaced', () => (tabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'mailzone-rule') ? undefined : true));
  });

  it('groups the settings by category, each rule under its family', async () => {
    const extension = vscode.extensions.getExtension('mailzone.mailzone')!;
    const categories = extension.packageJSON.contributes.configuration as { title: string; properties: Record<string, unknown> }[];
    assert.ok(Array.isArray(categories));
    const spf = categories.find((c) => c.title === 'Rules: SPF (RFC 7208)');
    assert.ok(spf && 'mailzone.rules.spf-pass-all' in spf.properties);
    // VS Code reads the categories: the defaults are known and a change takes effect.
    assert.equal(vscode.workspace.getConfiguration('mailzone').inspect('rules.spf-pass-all')?.defaultValue, 'warning');
    assert.equal(vscode.workspace.getConfiguration('mailzone').inspect('dns.timeoutMs')?.defaultValue, 2000);
  });
});
