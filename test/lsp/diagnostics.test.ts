/**
 * The bundled server, driven over its real stdio: diagnostics on open and on
 * change, with the rule id as code, the docs link, the source, the severity
 * and the exact range that the fixture's annotations state.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { byShape, expectedShapes, fixturePath, LspClient, messageOf, publishedShapes, uriOf } from './lspClient';
import { MAIL_TYPED, randomEdit } from '../support/randomEdits';
import { seededRandom } from '../support/random';

const DOCS = 'https://github.com/mailzone/mailzone/blob/main/docs/rules/';

describe('diagnostics', () => {
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start();
  });
  afterEach(async () => {
    assert.equal(await client.stop(), 0, `server exit code; stderr: ${client.stderr}`);
  });

  it('announces its capabilities and version', () => {
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(capabilities.textDocumentSync, 2, 'incremental document sync');
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite'] });
    assert.equal(serverInfo?.name, 'mailzone');
    assert.equal(serverInfo?.version, JSON.parse(fs.readFileSync(fixturePath('../../../package.json'), 'utf8')).version);
  });

  it('publishes the fixture diagnostics on open, with codes, severities, exact ranges, source and docs links', async () => {
    const file = fixturePath('db.example.com');
    const text = fs.readFileSync(file, 'utf8');
    const expected = expectedShapes(text).sort(byShape);
    const codes = new Set(expected.map((e) => e.code));
    const mark = client.diagnostics.mark();
    const uri = await client.open(file, text);
    const published = await client.nextDiagnostics(uri, () => true, mark);
    assert.deepEqual(publishedShapes(published, codes), expected);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'mailzone');
      assert.equal(d.codeDescription?.href, `${DOCS}${d.code}.md`);
      assert.equal(typeof d.message, 'string');
      assert.ok(messageOf(d).length > 0);
    }
    const messages = published.diagnostics.filter((d) => d.code === 'zone-syntax').map(messageOf);
    assert.ok(messages.some((m) => m.includes("'abc' is not a TTL")), messages.join(' | '));
  });

  it('re-publishes after a change, for the latest version only', async () => {
    const file = fixturePath('db.example.com');
    const text = fs.readFileSync(file, 'utf8');
    let mark = client.diagnostics.mark();
    const uri = await client.open(file, text);
    const first = await client.nextDiagnostics(uri, () => true, mark);
    assert.ok(first.diagnostics.some((d) => d.code === 'zone-syntax'));

    // Several quick edits: the last one fixes the TTL and drops the broken string.
    mark = client.diagnostics.mark();
    await client.change(uri, text.replace('$TTL abc', '$TTL 1h'), 2);
    await client.change(uri, text.replace('$TTL abc', '$TTL 1h').replace(/^note.*$/m, ''), 3);
    const fixed = await client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'zone-syntax'), mark);
    assert.deepEqual(fixed.diagnostics.filter((d) => d.code === 'zone-syntax'), []);

    // Breaking it again shows the new error at its new place.
    mark = client.diagnostics.mark();
    await client.change(uri, '$TTL 1h\n@ IN SOA ns1 hostmaster 1 2 3 4 5\nwww IN A 300.1.1.1\n', 4);
    const broken = await client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, mark);
    assert.deepEqual(publishedShapes(broken, new Set(['zone-syntax'])), [{ code: 'zone-syntax', severity: 1, range: '2:9-2:18' }]);
  });

  it('applies incremental changes: a keystroke sends a range, and the findings follow the edited text', async () => {
    const uri = 'untitled:Incremental-1';
    let mark = client.diagnostics.mark();
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dns-zone', version: 1, text: '$ORIGIN example.com.\n$TTL 1h\nwww IN A 192.0.2.1\n' },
    });
    assert.deepEqual(publishedShapes(await client.nextDiagnostics(uri, () => true, mark), new Set(['zone-syntax'])), []);
    // Replace "192" on line 2 with "300": only the range and the new text travel.
    mark = client.diagnostics.mark();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 12 } }, text: '300' }],
    });
    const broken = await client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, mark);
    assert.deepEqual(publishedShapes(broken, new Set(['zone-syntax'])), [{ code: 'zone-syntax', severity: 1, range: '2:9-2:18' }]);
    // Two changes in one notification apply in order: insert a line above, then fix the address on its new line.
    mark = client.diagnostics.mark();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [
        { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'mail IN A 192.0.2.2\n' },
        { range: { start: { line: 3, character: 9 }, end: { line: 3, character: 12 } }, text: '198' },
      ],
    });
    const fixed = await client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0, mark);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('after a series of one-range edits inside records, publishes what a fresh open of the same text publishes', async () => {
    const base = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '  IN NS ns1', '  IN MX 10 mail', 'ns1 IN A 192.0.2.53', 'mail IN A 192.0.2.25'];
    const spf = '@ IN TXT "v=spf1 mx -all"';
    const dmarc = '_dmarc IN TXT ( "v=DMARC1; p=reject; "\n                "rua=mailto:d@example.com" )';
    let text = `${[...base, spf, dmarc, 'www IN A 192.0.2.80'].join('\n')}\n`;
    const uri = 'untitled:Edited-1';
    let mark = client.diagnostics.mark();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dns-zone', version: 1, text } });
    await client.nextDiagnostics(uri, () => true, mark);
    // Each edit: [needle, replacement] inside one record — the SPF policy, the DMARC policy and tags, an address,
    // and a DMARC string split in two across a new line (the lines after it move).
    const steps: [string, string][] = [
      ['-all', '+all'],
      ['p=reject', 'p=none'],
      ['mx +all', 'mx a +all'],
      ['192.0.2.80', '192.0.2.8'],
      ['d@example.com', 'dmarc@example.com'],
      ['v=DMARC1; ', 'v=DMARC1; "\n                "'],
      ['+all', '?all'],
    ];
    let version = 1;
    for (const [needle, replacement] of steps) {
      const at = text.indexOf(needle);
      const start = TextDocument.create(uri, 'dns-zone', 1, text).positionAt(at);
      const end = TextDocument.create(uri, 'dns-zone', 1, text).positionAt(at + needle.length);
      text = text.slice(0, at) + replacement + text.slice(at + needle.length);
      mark = client.diagnostics.mark();
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start, end }, text: replacement }] });
      await client.nextDiagnostics(uri, () => true, mark);
    }
    // The publish for the last version: its SPF finding speaks of the ?all the last edit wrote.
    const edited = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => String(d.message).includes("'?all'")), mark);
    const fresh = 'untitled:Fresh-1';
    mark = client.diagnostics.mark();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'dns-zone', version: 1, text } });
    const opened = await client.nextDiagnostics(fresh, () => true, mark);
    const shapes = (p: typeof opened) => p.diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.message)}`).sort();
    assert.ok(shapes(opened).some((s) => s.startsWith('dmarc-p-none')), shapes(opened).join('\n'));
    assert.deepEqual(shapes(edited), shapes(opened));
  });

  it('after random edits in mail records, sent as ranges, publishes what a fresh open of the same text publishes', async () => {
    const shapes = (p: { diagnostics: { code?: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: unknown; severity?: unknown }[] }) =>
      p.diagnostics.map((d) => `${String(d.code)} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.message)}`).sort();
    for (const [n, name] of ['spf.zone', 'dkim-dmarc.zone', 'mail-services.zone'].entries()) {
      let text = fs.readFileSync(fixturePath(`../clean/${name}`), 'utf8');
      const uri = `untitled:Random-${n}`;
      let mark = client.diagnostics.mark();
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dns-zone', version: 1, text } });
      await client.nextDiagnostics(uri, () => true, mark);
      const next = seededRandom(31 * (n + 1));
      for (let k = 0; k < 24; k++) {
        // Inside a TXT record's text: where an incremental analysis has the most to get right.
        const quotes = [...text.matchAll(/"[^"\n]*"/g)];
        const quote = quotes[Math.floor(next() * quotes.length)];
        const at = quote.index! + 1 + Math.floor(next() * (quote[0].length - 1));
        const edited = randomEdit(text, at, next, MAIL_TYPED);
        const before = TextDocument.create(uri, 'dns-zone', 1, text);
        const range = { start: before.positionAt(edited.change.start), end: before.positionAt(edited.change.end) };
        text = edited.text;
        mark = client.diagnostics.mark();
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: k + 2 }, contentChanges: [{ range, text: edited.change.text }] });
        const published = await client.nextDiagnostics(uri, () => true, mark);
        if (k % 8 !== 7) continue;
        const fresh = `untitled:Fresh-${n}-${k}`;
        mark = client.diagnostics.mark();
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'dns-zone', version: 1, text } });
        const opened = await client.nextDiagnostics(fresh, () => true, mark);
        assert.deepEqual(shapes(published), shapes(opened), `${name} after edit ${k}`);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fresh } });
      }
    }
  });

  it('clears a document’s diagnostics when it closes', async () => {
    const file = fixturePath('db.example.com');
    let mark = client.diagnostics.mark();
    const uri = await client.open(file, fs.readFileSync(file, 'utf8'));
    await client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0, mark);
    mark = client.diagnostics.mark();
    await client.close(uri);
    await client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0, mark);
  });

  it('analyses documents that have no file, such as untitled ones', async () => {
    const uri = 'untitled:Untitled-1';
    const mark = client.diagnostics.mark();
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dns-zone', version: 1, text: '$ORIGIN example.com.\n$TTL 1x\n' },
    });
    const published = await client.nextDiagnostics(uri, () => true, mark);
    assert.deepEqual(publishedShapes(published, new Set(['zone-syntax'])), [{ code: 'zone-syntax', severity: 1, range: '1:5-1:7' }]);
  });
});

describe('$INCLUDE', () => {
  it('publishes findings inside an included file to that file, and clears them when the include goes', async () => {
    const client = await LspClient.start({ workspaceFolders: [fixturePath('include')] });
    try {
      const main = fixturePath('include', 'db.example.org');
      const text = fs.readFileSync(main, 'utf8');
      const included = uriOf(fixturePath('include', 'hosts.inc'));
      let mark = client.diagnostics.mark();
      const uri = await client.open(main, text);
      const own = await client.nextDiagnostics(uri, () => true, mark);
      const inside = await client.nextDiagnostics(included, () => true, mark);
      assert.deepEqual(publishedShapes(inside, new Set(['zone-syntax'])), [{ code: 'zone-syntax', severity: 1, range: '1:16-1:30' }]);
      assert.match(messageOf(inside.diagnostics[0]), /not-an-address/);

      // The include outside the workspace folder is refused, on its $INCLUDE line.
      const refused = own.diagnostics.filter((d) => /outside the workspace/.test(messageOf(d)));
      assert.equal(refused.length, 1, JSON.stringify(own.diagnostics));
      assert.equal(refused[0].range.start.line, 4);

      mark = client.diagnostics.mark();
      await client.change(uri, text.replace('$INCLUDE hosts.inc\n', ''), 2);
      await client.nextDiagnostics(included, (p) => p.diagnostics.length === 0, mark);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
