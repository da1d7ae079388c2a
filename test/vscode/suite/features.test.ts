// The editor features as VS Code shows them: hover, completion, a quick fix
// applied through the code-action API, the outline, and a command run from
// the extension host. Each request goes through VS Code's own provider
// registry, so what is checked is what the user gets.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeAll, mailzoneDiagnostics } from './diagnostics';
import { waitFor } from './poll';

/** Polls an asynchronous probe (a provider that answers only once the server is up) until it returns a value. */
async function eventually<T>(what: string, probe: () => Thenable<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last !== undefined) return last as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Untitled zone documents, one per test, closed without saving when the
 * suite ends. They stay open until then so that no two tests share an
 * untitled URI: VS Code reuses `Untitled-N` once its document is gone, and
 * a reused URI would make the tests depend on how fast the close reaches
 * the server.
 */
const opened: vscode.TextDocument[] = [];

async function untitled(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'dns-zone', content });
  await vscode.window.showTextDocument(doc);
  opened.push(doc);
  return doc;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

const ZONE = '$ORIGIN example.org.\n$TTL 3600\n@ IN SOA ns1 hostmaster 2024060101 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

describe('Mailzone editor features in VS Code', () => {
  after(async () => {
    for (const doc of opened.reverse()) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('shows hover text for a TTL', async () => {
    const doc = await untitled(ZONE);
    const at = doc.positionAt(ZONE.indexOf('3600') + 1);
    const text = await eventually('a Mailzone hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const joined = hoverText(hovers ?? []);
      return joined.includes('TTL 3600') ? joined : undefined;
    });
    assert.match(text, /\*\*TTL 3600\*\* — 1 hour\./);
  });

  it('offers completion items: the types after an owner, with their documentation', async () => {
    const content = `${ZONE}www IN `;
    const doc = await untitled(content);
    const list = await eventually('Mailzone completion items', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(content.length));
      return result?.items.some((i) => i.label === 'TXT') ? result : undefined;
    });
    const txt = list.items.find((i) => i.label === 'TXT')!;
    assert.equal(txt.kind, vscode.CompletionItemKind.Keyword);
    const docs = txt.documentation;
    assert.ok(docs instanceof vscode.MarkdownString && /RFC 1035/.test(docs.value), String(docs && (docs as vscode.MarkdownString).value));
    // The class is written already, so only types are offered.
    assert.ok(list.items.some((i) => i.label === 'MX') && !list.items.some((i) => i.label === 'IN'));
  });

  it('applies a quick fix through executeCodeActionProvider and workspace.applyEdit', async () => {
    const content = `${ZONE}@ IN TXT v=spf1 mx -all\n`;
    const doc = await untitled(content);
    const diagnostic = await waitFor(
      'txt-unquoted on the unquoted SPF record',
      () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'mailzone' && (typeof d.code === 'object' ? d.code.value : d.code) === 'txt-unquoted'),
      () => describeAll(doc.uri),
    );
    // The light bulb asks again as the editor settles: poll, as a user's second look would, rather than trust the first answer.
    let titles: string[] = [];
    const fix = await eventually("the 'Quote as one string' quick fix", async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      titles = actions.map((a) => a.title);
      return actions.find((a) => a.title === 'Quote as one string');
    }, 15_000);
    assert.ok(fix.edit, `quick fixes: ${JSON.stringify(titles)}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    assert.equal(doc.getText(), `${ZONE}@ IN TXT "v=spf1 mx -all"\n`);
    await waitFor('txt-unquoted to go', () => (mailzoneDiagnostics(doc.uri).some((d) => d.code === 'txt-unquoted') ? undefined : true), () => describeAll(doc.uri));
  });

  it('outlines the zone by owner through executeDocumentSymbolProvider', async () => {
    const content = `${ZONE}_dmarc IN TXT ( "v=DMARC1; p=reject; "\n  "rua=mailto:d@example.org" )\n`;
    const doc = await untitled(content);
    const symbols = await eventually('the outline', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return result?.length ? result : undefined;
    });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children.map((c) => c.name)]),
      [
        ['$ORIGIN', []],
        ['$TTL', []],
        ['example.org.', ['SOA', 'NS']],
        ['ns1.example.org.', ['A']],
        ['_dmarc.example.org.', ['TXT · DMARC']],
      ],
    );
    const dmarc = symbols[4];
    assert.equal(dmarc.kind, vscode.SymbolKind.Namespace);
    assert.deepEqual([dmarc.range.start.line, dmarc.range.end.line], [5, 6]);
  });

  it('runs the Bump SOA serial and Test SPF commands', async () => {
    const content = `${ZONE}@ IN TXT "v=spf1 a:ns1.example.org -all"\n`;
    const doc = await untitled(content);
    await eventually('the server commands to be registered', async () => ((await vscode.commands.getCommands(true)).includes('mailzone.bumpSerial') ? true : undefined));
    const bumped = await vscode.commands.executeCommand<{ applied: boolean; previous: string; text: string }>('mailzone.bumpSerial', { uri: doc.uri.toString() });
    assert.equal(bumped?.applied, true, JSON.stringify(bumped));
    assert.equal(bumped.previous, '2024060101');
    assert.match(bumped.text, /^20\d{6}00$/);
    assert.equal(doc.getText(), content.replace('2024060101', bumped.text));

    const tested = await vscode.commands.executeCommand<{ result: string; matched: { term: string } }>('mailzone.testSpf', {
      uri: doc.uri.toString(),
      ip: '192.0.2.1',
      sender: 'someone@example.org',
    });
    assert.equal(tested?.result, 'pass', JSON.stringify(tested));
    assert.equal(tested.matched.term, 'a:ns1.example.org');
  });
});
