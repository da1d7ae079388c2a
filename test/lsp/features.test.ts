/**
 * The editor features over the bundled server's stdio: hover, completion,
 * outline, folding, links, formatting (behind its setting), SPF lookup
 * lenses, refactorings, and the commands, which edit through
 * `workspace/applyEdit` like any client would see them. Live DNS is off:
 * every name the fixture needs is in the zone.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ApplyWorkspaceEditRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type ShowMessageParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { fixturePath, LspClient, uriOf } from './lspClient';

const dir = fixturePath('features');
const file = `${dir}/db.example.net`;
const text = fs.readFileSync(file, 'utf8');
const SETTINGS = { dns: { enabled: false } };

/** The LSP position of the first occurrence of `needle` (plus `delta` characters). */
function positionOf(source: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = source.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return TextDocument.create('x', 'dns-zone', 1, source).positionAt(offset + delta);
}

function applied(source: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'dns-zone', 1, source), edits);
}

describe('editor features over LSP', () => {
  let client: LspClient;
  let uri: string;
  const edits: ApplyWorkspaceEditParams[] = [];
  const messages: ShowMessageParams[] = [];

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [dir] });
    client.settings = SETTINGS;
    // An editor applies the server's edits and says so; this one records them.
    client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      edits.push(params);
      return { applied: true };
    });
    client.connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      messages.push(params);
    });
    const mark = client.diagnostics.mark();
    uri = await client.open(file, text);
    await client.nextDiagnostics(uri, () => true, mark);
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  const request = <R>(method: string, params: object): Promise<R> => client.connection.sendRequest(method, { textDocument: { uri }, ...params });
  const command = <R>(name: string, args: object): Promise<R> => client.connection.sendRequest('workspace/executeCommand', { command: name, arguments: [args] });

  it('announces every feature and its commands', () => {
    const c = client.initializeResult.capabilities;
    assert.equal(c.hoverProvider, true);
    assert.deepEqual(c.completionProvider?.triggerCharacters, [':', '=', ' ', '$', '"']);
    assert.equal(c.documentSymbolProvider, true);
    assert.equal(c.foldingRangeProvider, true);
    assert.ok(c.documentLinkProvider);
    assert.equal(c.documentFormattingProvider, true);
    assert.ok(c.codeLensProvider);
    assert.deepEqual(c.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite'] });
    assert.deepEqual(c.executeCommandProvider?.commands, [
      'mailzone.testSpf',
      'mailzone.showSpfTree',
      'mailzone.insertDmarc',
      'mailzone.insertDkim',
      'mailzone.insertMtaSts',
      'mailzone.insertBimi',
      'mailzone.bumpSerial',
      'mailzone.flattenInclude',
      'mailzone.probe',
    ]);
  });

  it('hovers a TTL with its value in words, as Markdown over the TTL’s range', async () => {
    const hover = await request<Hover>('textDocument/hover', { position: positionOf(text, '$TTL 3600', 6) });
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.match((hover.contents as { value: string }).value, /^\*\*TTL 3600\*\* — 1 hour\./);
    assert.deepEqual(hover.range, { start: positionOf(text, '3600'), end: positionOf(text, '3600', 4) });
    assert.equal(await request('textDocument/hover', { position: positionOf(text, '; Editor', 3) }), null);
  });

  it('completes types after an owner and the version tag in an empty DMARC string, with edits over the typed word', async () => {
    const other = uriOf(`${dir}/completion.zone`);
    const source = '$ORIGIN example.net.\nwww IN T\n_dmarc.sub IN TXT ""\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'dns-zone', version: 1, text: source } });
    const types = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: other }, position: positionOf(source, 'IN T', 4) });
    const txt = types.find((i) => i.label === 'TXT');
    assert.ok(txt, JSON.stringify(types.map((i) => i.label)));
    assert.equal(txt.kind, 14, 'Keyword');
    assert.equal(types[0].label, 'TXT', 'the commonest type first');
    assert.deepEqual(txt.textEdit, { range: { start: positionOf(source, 'T\n'), end: positionOf(source, 'T\n', 1) }, newText: 'TXT' });
    assert.equal((txt.documentation as { kind: string }).kind, 'markdown');
    assert.ok(types.every((i, n) => n === 0 || (types[n - 1].sortText ?? '') <= (i.sortText ?? '')), 'sorted by sortText');

    const version = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: other }, position: positionOf(source, '""', 1) });
    assert.deepEqual(version.map((i) => [i.label, i.textEdit?.newText, i.insertTextFormat]), [
      ['DMARC record', 'v=DMARC1; p=${1|none,quarantine,reject|}; rua=mailto:${2:dmarc-reports@sub.example.net}', 2],
      ['v=DMARC1;', 'v=DMARC1; ', 1],
    ]);
    await client.close(other);
  });

  it('answers a bounded list of a large zone\'s names as incomplete, so the editor asks again as the user types', async () => {
    const other = uriOf(`${dir}/many-names.zone`);
    const names = Array.from({ length: 300 }, (_, i) => `host${i} IN TXT "v=spf1 -all"\n`).join('');
    const source = `$ORIGIN example.net.\n$TTL 300\n${names}@ IN TXT "v=spf1 include:"\n`;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'dns-zone', version: 1, text: source } });
    const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: other }, position: positionOf(source, 'include:"', 8) });
    assert.equal(list.isIncomplete, true);
    const offered = list.items.filter((i) => /^host\d+\.example\.net$/.test(i.label));
    assert.ok(offered.length > 0 && offered.length < 300, `${offered.length} names`);
    await client.close(other);
  });

  it('outlines owners with their records and mail kinds', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', {});
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, (s.children ?? []).map((c) => c.name)]),
      [
        ['$ORIGIN', 20, []],
        ['$TTL', 20, []],
        // The included file's records are not this document's; the $INCLUDE between two records of one owner
        // ends the owner's symbol, so no symbol overlaps another.
        ['example.net.', 3, ['SOA', 'NS', 'MX']],
        ['$INCLUDE', 20, []],
        ['example.net.', 3, ['TXT · SPF']],
        ['_spf.example.net.', 3, ['TXT · SPF']],
        ['_dmarc.example.net.', 3, ['TXT · DMARC']],
      ],
    );
    const dmarc = symbols[6];
    assert.deepEqual(dmarc.range.start, positionOf(text, '_dmarc'));
    assert.deepEqual(dmarc.selectionRange, { start: positionOf(text, '_dmarc'), end: positionOf(text, '_dmarc', 6) });
  });

  it('folds the record written over two lines', async () => {
    const ranges = await request<FoldingRange[]>('textDocument/foldingRange', {});
    assert.deepEqual(ranges, [{ startLine: positionOf(text, '_dmarc').line, endLine: positionOf(text, '"rua=').line }]);
  });

  it('links the included file as a file URI and the report address as written', async () => {
    const links = await request<DocumentLink[]>('textDocument/documentLink', {});
    assert.deepEqual(
      links.map((l) => [l.target, l.range.start]),
      [
        [uriOf(`${dir}/hosts.inc`), positionOf(text, 'hosts.inc')],
        ['mailto:dmarc@example.net', positionOf(text, 'mailto:')],
      ],
    );
  });

  it('formats only when mailzone.format.enable is on, aligning columns without touching rdata', async () => {
    const messy = '$ORIGIN example.org.\n@ IN SOA ns1 h 1 2 3 4 5\nwww   300   IN A 192.0.2.1\nlongername TXT "a  b"\n';
    const other = uriOf(`${dir}/format.zone`);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'dns-zone', version: 1, text: messy } });
    const format = (): Promise<TextEdit[]> => client.connection.sendRequest('textDocument/formatting', { textDocument: { uri: other }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(await format(), []);
    client.settings = { ...SETTINGS, format: { enable: true } };
    await client.changeConfiguration({});
    try {
      assert.equal(applied(messy, await format()), '$ORIGIN example.org.\n@          IN     SOA ns1 h 1 2 3 4 5\nwww        300 IN A   192.0.2.1\nlongername        TXT \"a  b\"\n');
    } finally {
      client.settings = SETTINGS;
      await client.changeConfiguration({});
      await client.close(other);
    }
  });

  it('shows the DNS lookup count above each SPF record, opening the tree when clicked', async () => {
    const lenses = await request<CodeLens[]>('textDocument/codeLens', {});
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [positionOf(text, '@         IN TXT').line, '2/10 DNS lookups · 0/2 void', 'mailzone.showSpfTree'],
        [positionOf(text, '_spf ').line, '0/10 DNS lookups · 0/2 void', 'mailzone.showSpfTree'],
      ],
    );
    const tree = await command<{ text: string; count: number }>('mailzone.showSpfTree', lenses[0].command!.arguments![0] as object);
    assert.equal(tree.count, 2);
    assert.match(tree.text, /^ {2}#1 include:_spf\.example\.net → "v=spf1 ip4:198\.51\.100\.0\/24 ip6:2001:db8:1::\/48 -all"\n {2}#2 mx \(example\.net\) → 1 MX host$/m);
    assert.match(tree.text, /Total: 2\/10 DNS lookups, 0\/2 void lookups/);
  });

  it('gives the tree as nodes for a tree view, each with its lookup number and the place of the records it reads', async () => {
    type Node = { label: string; lookup?: number; count: number; status: string; location?: { uri: string; range: { start: { line: number } } }; children: Node[] };
    const at = positionOf(text, '@         IN TXT');
    const tree = await command<{ record: { text: string; location: { uri: string; range: { start: { line: number } } } }; outline: Node[] }>('mailzone.showSpfTree', { uri, position: at });
    assert.equal(tree.record.location.uri, uri);
    assert.equal(tree.record.location.range.start.line, at.line);
    assert.deepEqual(
      tree.outline.map((n) => [n.label, n.lookup, n.count, n.status, n.location?.uri === uri ? n.location.range.start.line : n.location?.uri]),
      [
        ['include:_spf.example.net', 1, 1, 'ok', positionOf(text, '_spf ').line],
        ['mx (example.net)', 2, 1, 'ok', positionOf(text, 'IN MX').line],
      ],
    );
  });

  it('offers refactorings at the cursor and none when only quick fixes are asked for', async () => {
    const at = positionOf(text, 'include:_spf', 3);
    const actions = await request<CodeAction[]>('textDocument/codeAction', { range: { start: at, end: at }, context: { diagnostics: [] } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
      ['Sort SPF terms (ip first, all last)', 'refactor.rewrite'],
      ['Flatten this include', 'refactor.rewrite'],
    ]);
    assert.equal(
      applied(text, actions[0].edit!.changes![uri]),
      text.replace('"v=spf1 include:_spf.example.net mx ip4:192.0.2.0/24 -all"', '"v=spf1 ip4:192.0.2.0/24 include:_spf.example.net mx -all"'),
    );
    assert.deepEqual(await request('textDocument/codeAction', { range: { start: at, end: at }, context: { diagnostics: [], only: ['quickfix'] } }), []);
    assert.equal((await request<CodeAction[]>('textDocument/codeAction', { range: { start: at, end: at }, context: { diagnostics: [], only: ['refactor'] } })).length, 2);
  });

  it('flattens an include through its command: resolve, edit through workspace/applyEdit, warn that it goes stale', async () => {
    const at = positionOf(text, 'include:_spf', 3);
    const actions = await request<CodeAction[]>('textDocument/codeAction', { range: { start: at, end: at }, context: { diagnostics: [] } });
    const flatten = actions.find((a) => a.title === 'Flatten this include')!;
    const before = edits.length;
    const result = await client.connection.sendRequest<{ applied: boolean; networks: string[] }>('workspace/executeCommand', flatten.command);
    assert.deepEqual(result.networks, ['ip4:198.51.100.0/24', 'ip6:2001:db8:1::/48']);
    assert.equal(edits.length, before + 1);
    const date = new Date().toISOString().slice(0, 10);
    const after = applied(text, edits[before].edit.changes![uri]);
    const today = (d: string): string =>
      text.replace(
        '@         IN TXT  "v=spf1 include:_spf.example.net mx ip4:192.0.2.0/24 -all"\n',
        `; ${d}: include:_spf.example.net flattened into the addresses it authorized that day.\n` +
          '; They go stale when _spf.example.net changes its servers; re-flatten or restore the entry as it was:\n' +
          '; @         IN TXT  "v=spf1 include:_spf.example.net mx ip4:192.0.2.0/24 -all"\n' +
          '@         IN TXT  "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:1::/48 mx ip4:192.0.2.0/24 -all"\n',
      );
    // The date is the server's today; a run across midnight sees either day.
    assert.ok(after === today(date) || after === today(new Date().toISOString().slice(0, 10)), after);
    const warning = messages.find((m) => m.type === 2 && m.message.includes('go stale'));
    assert.ok(warning, JSON.stringify(messages));
  });

  it('tests an IP against the zone’s SPF policy and names the matching term', async () => {
    const pass = await command<{ result: string; headline: string; matched: { term: string; domain: string }; live: boolean; text: string }>('mailzone.testSpf', {
      uri,
      ip: '198.51.100.7',
      sender: 'user@example.net',
    });
    assert.equal(pass.result, 'pass');
    assert.deepEqual(pass.matched, { term: 'include:_spf.example.net', domain: 'example.net', record: 'v=spf1 include:_spf.example.net mx ip4:192.0.2.0/24 -all' });
    assert.equal(pass.live, false);
    assert.match(pass.headline, /^pass: 198\.51\.100\.7 is authorized to send mail as user@example\.net/);
    assert.match(pass.text, /ip4:198\.51\.100\.0\/24: match/);
    const mx = await command<{ result: string; matched: { term: string } }>('mailzone.testSpf', { uri, ip: '192.0.2.25', sender: 'user@example.net' });
    assert.deepEqual([mx.result, mx.matched.term], ['pass', 'mx']);
    const fail = await command<{ result: string }>('mailzone.testSpf', { uri, ip: '203.0.113.1', sender: '', helo: 'example.net' });
    assert.equal(fail.result, 'fail');
  });

  it('bumps the SOA serial to today through workspace/applyEdit', async () => {
    const before = edits.length;
    const day = (): string => new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const first = day();
    const result = await command<{ applied: boolean; text: string; previous: string }>('mailzone.bumpSerial', { uri });
    assert.equal(result.applied, true);
    assert.equal(result.previous, '2024060101');
    assert.ok(result.text === `${first}00` || result.text === `${day()}00`, result.text);
    assert.equal(applied(text, edits[before].edit.changes![uri]), text.replace('2024060101', result.text));
  });

  it('inserts a DMARC record only where there is none, and says why otherwise', async () => {
    await assert.rejects(command('mailzone.insertDmarc', { uri, policy: 'none' }), /already has a DMARC record/);
    const other = uriOf(`${dir}/insert.zone`);
    const source = '$ORIGIN example.org.\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'dns-zone', version: 1, text: source } });
    const before = edits.length;
    const result = await command<{ applied: boolean; text: string }>('mailzone.insertDmarc', { uri: other, policy: 'quarantine', rua: 'dmarc@example.org', position: { line: 1, character: 0 } });
    assert.deepEqual(result, { applied: true, text: '_dmarc IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org"' });
    assert.equal(
      applied(source, edits[before].edit.changes![other]),
      '$ORIGIN example.org.\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\n_dmarc IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org"\n',
    );
    await client.close(other);
  });

  it('inserts a DKIM record from a PEM public key, split into strings of at most 255 octets', async () => {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const value = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const before = edits.length;
    const result = await command<{ applied: boolean; text: string; key: string }>('mailzone.insertDkim', { uri, selector: 'mail2026', key: pem, position: positionOf(text, '_spf ') });
    assert.equal(result.applied, true);
    assert.equal(result.key, '2048-bit RSA (SubjectPublicKeyInfo)');
    const entry = `mail2026._domainkey IN TXT ( "${value.slice(0, 255)}"\n${' '.repeat(29)}"${value.slice(255)}" )\n`;
    assert.equal(applied(text, edits[before].edit.changes![uri]), text.replace('_dmarc ', `${entry}_dmarc `));
  });

  it('answers bad arguments and unknown commands with an error that says what is wrong', async () => {
    await assert.rejects(command('mailzone.testSpf', { uri }), /needs \{ "ip"/);
    await assert.rejects(command('mailzone.insertDkim', { uri, selector: 's1', key: 'nonsense!' }), /not valid base64/);
    await assert.rejects(command('mailzone.bumpSerial', { uri: uriOf(`${dir}/not-open.zone`) }), /not an open zone file/);
    await assert.rejects(command('mailzone.nothing', {}), /unknown command/);
    // Live network access is off in these tests, and the probe connects to the MX hosts: it refuses, sending nothing.
    await assert.rejects(command('mailzone.probe', { uri }), /live network access is off/);
  });
});
