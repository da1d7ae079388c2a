/**
 * The server speaks to each editor in what it declared in `initialize`:
 * one client declares what VS Code does (Markdown, snippets, symbol trees,
 * docs links, every kind), the other what Emacs 28's eglot 1.9 does without
 * markdown-mode and yasnippet (plain text, no snippets, flat symbols, LSP 1's
 * kinds). Each capability is checked against both, over the real server's
 * stdio, so each test fails if the server ignores the declaration either way.
 */
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, MarkupContent, PublishDiagnosticsParams, SymbolInformation } from 'vscode-languageserver/node';
import { LspClient, RICH_TEXT_DOCUMENT, type StartOptions } from './lspClient';

/** What eglot 1.9 declares for the features the server uses (read from its `eglot-client-capabilities`). */
const PLAIN_TEXT_DOCUMENT: StartOptions['textDocument'] = {
  publishDiagnostics: { relatedInformation: false },
  codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } },
  hover: { contentFormat: ['plaintext'] },
  completion: { completionItem: { snippetSupport: false } },
  documentSymbol: { hierarchicalDocumentSymbolSupport: false },
};

const ZONE = [
  '$ORIGIN example.net.',
  '$TTL 3600',
  '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600',
  '@ IN NS ns1',
  'ns1 IN A 192.0.2.1',
  '@ IN TXT "v=spf1 include:_spf.example.net +all"',
  '_spf IN TXT "v=spf1 ip4:192.0.2.0/24 -all"',
  '_dmarc.sub IN TXT ""',
  'www ',
  '',
].join('\n');
const FILE = '/tmp/mailzone-capabilities/example.net.zone';

function position(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + delta;
  assert.ok(offset >= delta, `'${needle}' in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('client capabilities', () => {
  const clients: LspClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) assert.equal(await client.stop(), 0, `server exit code; stderr: ${client.stderr}`);
  });

  /** A server for a client with these capabilities, the zone open and its first diagnostics in. */
  async function start(textDocument: StartOptions['textDocument'], pullConfiguration = true): Promise<{ client: LspClient; uri: string; first: PublishDiagnosticsParams }> {
    const client = await LspClient.start({ textDocument, pullConfiguration });
    clients.push(client);
    if (!pullConfiguration) await client.changeConfiguration({ mailzone: { dns: { enabled: false } } });
    const mark = client.diagnostics.mark();
    const uri = await client.open(FILE, ZONE, 7);
    const first = await client.nextDiagnostics(uri, () => true, mark);
    return { client, uri, first };
  }

  const request = <T>(client: LspClient, method: string, uri: string, params: object): Promise<T> =>
    client.connection.sendRequest<T>(method, { textDocument: { uri }, ...params });

  it('hover: Markdown when declared, the same text as plain text when only plaintext is', async () => {
    const at = { position: position(ZONE, 'include:', 2) };
    const rich = await start(RICH_TEXT_DOCUMENT);
    const markdown = (await request<Hover>(rich.client, 'textDocument/hover', rich.uri, at)).contents as MarkupContent;
    assert.equal(markdown.kind, 'markdown');
    assert.match(markdown.value, /^\*\*include:\\_spf\.example\.net\*\* — when the SPF record of `_spf\.example\.net` gives pass/);
    assert.match(markdown.value, /\]\(https:\/\/www\.rfc-editor\.org\//);

    const plain = await start(PLAIN_TEXT_DOCUMENT);
    const text = (await request<Hover>(plain.client, 'textDocument/hover', plain.uri, at)).contents as MarkupContent;
    assert.equal(text.kind, 'plaintext');
    assert.match(text.value, /^include:_spf\.example\.net — when the SPF record of _spf\.example\.net gives pass/);
    assert.match(text.value, /\nmechanism: \[qualifier\]include:<domain-spec>\n/);
    assert.match(text.value, /RFC 7208 §5\.2 <https:\/\/www\.rfc-editor\.org\/rfc\/rfc7208#section-5\.2>/);
    assert.doesNotMatch(text.value, /\*\*|`|```|\]\(/, 'no Markdown marks left');
  });

  it('completion: snippets when declared, plain insert text (the first choice, the placeholder text) when not', async () => {
    const at = { position: position(ZONE, '""', 1) };
    const rich = await start(RICH_TEXT_DOCUMENT);
    const snippet = (await request<CompletionItem[]>(rich.client, 'textDocument/completion', rich.uri, at)).find((i) => i.label === 'DMARC record');
    assert.equal(snippet?.insertTextFormat, 2);
    assert.equal(snippet?.textEdit?.newText, 'v=DMARC1; p=${1|none,quarantine,reject|}; rua=mailto:${2:dmarc-reports@sub.example.net}');

    const plain = await start(PLAIN_TEXT_DOCUMENT);
    const items = await request<CompletionItem[]>(plain.client, 'textDocument/completion', plain.uri, at);
    const text = items.find((i) => i.label === 'DMARC record');
    assert.equal(text?.insertTextFormat, 1);
    assert.equal(text?.textEdit?.newText, 'v=DMARC1; p=none; rua=mailto:dmarc-reports@sub.example.net');
    for (const item of items) {
      assert.notEqual(item.insertTextFormat, 2, item.label);
      assert.doesNotMatch(item.textEdit?.newText ?? '', /\$\{?\d/, item.label);
    }
  });

  it('completion: Markdown documentation and kinds beyond LSP 1 only when declared', async () => {
    // After an owner, the classes (IN, CH, HS) are constants: kind 21, which LSP 1 clients do not know.
    const at = { position: position(ZONE, 'www ', 4) };
    const rich = await start(RICH_TEXT_DOCUMENT);
    const richItems = await request<CompletionItem[]>(rich.client, 'textDocument/completion', rich.uri, at);
    const richIn = richItems.find((i) => i.label === 'IN');
    assert.equal(richIn?.kind, 21, 'Constant');
    assert.equal((richIn?.documentation as MarkupContent).kind, 'markdown');

    const plain = await start(PLAIN_TEXT_DOCUMENT);
    const plainItems = await request<CompletionItem[]>(plain.client, 'textDocument/completion', plain.uri, at);
    const plainIn = plainItems.find((i) => i.label === 'IN');
    assert.equal(plainIn?.kind, 12, 'Value, the nearest kind LSP 1 has');
    assert.equal(typeof plainIn?.documentation, 'string');
    for (const item of plainItems) assert.ok((item.kind ?? 1) <= 18, `${item.label}: kind ${item.kind}`);
  });

  it('diagnostics: the docs link and the version only when declared; never related information or tags', async () => {
    const rich = await start({ ...RICH_TEXT_DOCUMENT, publishDiagnostics: { codeDescriptionSupport: true, versionSupport: true } });
    const pass = rich.first.diagnostics.find((d) => d.code === 'spf-pass-all');
    assert.equal(pass?.codeDescription?.href, 'https://github.com/mailzone/mailzone/blob/main/docs/rules/spf-pass-all.md');
    assert.equal(rich.first.version, 7);

    const plain = await start(PLAIN_TEXT_DOCUMENT);
    assert.ok(plain.first.diagnostics.some((d) => d.code === 'spf-pass-all'));
    for (const d of plain.first.diagnostics as Diagnostic[]) {
      assert.equal(d.codeDescription, undefined, String(d.code));
      assert.equal(d.relatedInformation, undefined);
      assert.equal(d.tags, undefined);
    }
    assert.equal(plain.first.version, undefined);
  });

  it('document symbols: a tree when declared, a flat list with containers when not', async () => {
    const rich = await start(RICH_TEXT_DOCUMENT);
    const tree = await request<DocumentSymbol[]>(rich.client, 'textDocument/documentSymbol', rich.uri, {});
    const origin = tree.find((s) => s.name === '$ORIGIN example.net.' || s.name.startsWith('$ORIGIN'));
    assert.equal(origin?.kind, 20, 'Key, for a directive');
    assert.ok(tree.some((s) => (s.children ?? []).length >= 2), JSON.stringify(tree.map((s) => s.name)));

    const plain = await start(PLAIN_TEXT_DOCUMENT);
    const flat = await request<SymbolInformation[]>(plain.client, 'textDocument/documentSymbol', plain.uri, {});
    assert.ok(flat.every((s) => s.location?.uri === plain.uri && !('children' in s)), 'SymbolInformation only');
    assert.ok(flat.every((s) => s.kind <= 18), JSON.stringify(flat.map((s) => s.kind)));
    assert.equal(flat.find((s) => s.name === origin?.name)?.kind, 7, 'Property, the nearest kind LSP 1 has');
    // The same symbols in document order, each record naming its owner as its container.
    const expected = tree.flatMap((s) => [{ name: s.name, container: undefined as string | undefined }, ...(s.children ?? []).map((c) => ({ name: c.name, container: s.name }))]);
    assert.deepEqual(flat.map((s) => ({ name: s.name, container: s.containerName })), expected);
  });

  it('code actions: isPreferred only for a client that declares it', async () => {
    for (const [textDocument, preferred] of [[RICH_TEXT_DOCUMENT, true], [PLAIN_TEXT_DOCUMENT, undefined]] as const) {
      const { client, uri, first } = await start(textDocument);
      const diagnostic = first.diagnostics.find((d) => d.code === 'spf-pass-all')!;
      const actions = await request<CodeAction[]>(client, 'textDocument/codeAction', uri, { range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
      const change = actions.find((a) => a.title === "Change '+all' to '~all'");
      assert.ok(change, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(change.isPreferred, preferred);
    }
  });
});

describe('diagnostics are published once per analysed version', () => {
  for (const pullConfiguration of [false, true]) {
    it(`a settings notification that changes nothing sends nothing again (${pullConfiguration ? 'pulled' : 'pushed'} settings)`, async () => {
      const client = await LspClient.start({ pullConfiguration });
      try {
        if (!pullConfiguration) await client.changeConfiguration({ mailzone: { dns: { enabled: false } } });
        const mark = client.diagnostics.mark();
        const uri = await client.open(FILE, ZONE, 3);
        await client.nextDiagnostics(uri, () => true, mark);
        // Editors send this at start (Neovim's on_init, eglot on connect, VS Code after registering): the server
        // analyses again, and must not publish the same list for the same version a second time.
        await client.changeConfiguration(pullConfiguration ? null : { mailzone: { dns: { enabled: false } } });
        // The hover waits for that analysis, and a duplicate would be sent before its answer is.
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position(ZONE, 'include:', 2) });
        // Then a change that does alter the list: it is published, and is the second publication in all.
        client.settings = { rules: { 'spf-pass-all': 'off' } };
        await client.changeConfiguration(pullConfiguration ? null : { mailzone: { dns: { enabled: false }, rules: { 'spf-pass-all': 'off' } } });
        await client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'spf-pass-all'), mark);
        const published = client.diagnostics.all.slice(mark).filter((p) => p.uri === uri);
        assert.equal(published.length, 2, JSON.stringify(published.map((p) => p.diagnostics.map((d) => d.code))));
      } finally {
        assert.equal(await client.stop(), 0);
      }
    });
  }
});
