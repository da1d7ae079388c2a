/**
 * Hover and completion sent right behind an edit, while the server is still
 * analysing it, answer exactly what they answer once the edit is fully
 * processed: the main thread may answer from its model of the version
 * before the edit (server/src/beforeEdit.ts), and that must never show an
 * old offset or an old record. Each edit is sent as a range, as editors
 * send keystrokes; the requests cover every kind of place (owners, types,
 * TTLs, SPF terms, the include target every SPF record reads, the edited
 * record itself, lines before and after the edit), and are compared with
 * the same requests sent after the edit's diagnostics.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DidChangeTextDocumentNotification, type Position } from 'vscode-languageserver-protocol/node';
import { fixturePath, LspClient } from './lspClient';

/** Longer than any analysis here takes, on a machine that may be busy with other things. */
const PATIENCE_MS = 240_000;

/** Hosts with MX, A and SPF records that include a ring of SPF records, a DMARC and a DKIM record: the rules take a while. */
function zone(): string {
  const lines = [
    '$ORIGIN edit.example.',
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
    '@ IN NS ns1',
    'ns1 IN A 192.0.2.1',
    '@ IN MX 10 mx1',
    'mx1 IN A 192.0.2.2',
    '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:reports@edit.example"',
    'sel._domainkey IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC"',
    '_spf 300 IN TXT "v=spf1 ip4:198.51.100.0/24 -all"',
    // Half-typed: completion after `include:h30` offers the names with SPF records, h302 (edited below) among them.
    'probe IN TXT "v=spf1 include:h30 -all"',
  ];
  for (let i = 0; i < 10; i++) lines.push(`spf${i} IN TXT "v=spf1 ip4:192.0.2.${i} include:spf${(i + 1) % 10}.edit.example include:_spf.edit.example mx ~all"`);
  for (let i = 0; i < 600; i++) lines.push(`h${i} IN MX 10 mx1`, `h${i} 600 IN A 192.0.2.${(i % 200) + 10}`, `h${i} IN TXT "v=spf1 include:spf${i % 10}.edit.example a mx -all"`);
  return `${lines.join('\n')}\n`;
}

/** The edits, applied in turn: each a range of the text at that point and what replaces it. */
interface Edit {
  readonly what: string;
  /** Where in the current text, and how many characters it replaces. */
  readonly at: (text: string) => number;
  readonly remove: number;
  readonly insert: string;
}

const EDITS: Edit[] = [
  { what: "a host's -all becomes ~all", at: (t) => t.indexOf(' -all"', t.indexOf('h300 IN TXT')) + 1, remove: 1, insert: '~' },
  { what: 'a character added to an include target (later offsets move)', at: (t) => t.indexOf('a mx -all', t.indexOf('h301 IN TXT')) - 'edit.example '.length, remove: 0, insert: 'x' },
  { what: 'the record every SPF record includes changes', at: (t) => t.indexOf('/24 -all', t.indexOf('_spf 300')) + 1, remove: 2, insert: '16' },
  { what: "a host's record stops being SPF", at: (t) => t.indexOf('spf1', t.indexOf('h302 IN TXT')) + 3, remove: 1, insert: '2' },
  { what: 'characters taken out of a term (later offsets move back)', at: (t) => t.indexOf('include:spf', t.indexOf('h303 IN TXT')) + 'include:'.length, remove: 3, insert: '' },
  { what: 'a line break added inside a record', at: (t) => t.indexOf(' a mx', t.indexOf('h304 IN TXT')), remove: 0, insert: '\n' },
];

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Places to ask about: every column of a spread of lines, the lines around the edit, and the edited record itself. */
function positions(text: string, edited: number): Position[] {
  const lines = text.split('\n');
  const editedLine = positionOf(text, edited).line;
  const wanted = new Set<number>();
  for (let line = 0; line < lines.length; line += 97) wanted.add(line);
  for (const name of ['_dmarc', 'sel._domainkey', '_spf 300', 'probe ', 'spf3 ', 'h299 ', 'h305 ', 'h599 ']) wanted.add(lines.findIndex((l) => l.startsWith(name)));
  for (let line = editedLine - 4; line <= editedLine + 4; line++) wanted.add(line);
  const result: Position[] = [];
  for (const line of [...wanted].filter((l) => l >= 0 && l < lines.length).sort((a, b) => Math.abs(a - editedLine) - Math.abs(b - editedLine)).reverse()) {
    for (let character = 0; character <= lines[line].length; character += 4) result.push({ line, character });
    // Right after `include:`, where completion offers the names that publish SPF records.
    const include = lines[line].indexOf('include:');
    if (include >= 0) for (const typed of [0, 2, 3]) result.push({ line, character: include + 'include:'.length + typed });
  }
  return result;
}

describe('hover and completion right after an edit', { timeout: 900_000 }, () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
    client.settings = { analysis: { timeoutMs: 600_000 } };
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('answer as they do once the edit is processed, at every place, for every kind of edit', async () => {
    let text = zone();
    let mark = client.diagnostics.mark();
    const uri = await client.open(fixturePath('edit.example.zone'), text);
    await client.nextDiagnostics(uri, () => true, mark, PATIENCE_MS);
    let early = 0;
    let asked = 0;
    for (const [k, edit] of EDITS.entries()) {
      const version = k + 2;
      const at = edit.at(text);
      assert.ok(at > 0, edit.what);
      const range = { start: positionOf(text, at), end: positionOf(text, at + edit.remove) };
      text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
      const places = positions(text, at);
      mark = client.diagnostics.mark();
      let published = false;
      const diagnostics = client.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version, mark, PATIENCE_MS).then(() => (published = true));
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: edit.insert }] });
      // Every request goes out at once behind the edit, as an editor sends them while the user moves on.
      const during = await Promise.all(
        places.map(async (position) => {
          const answers = await ask(client, uri, position);
          if (!published) early++;
          return answers;
        }),
      );
      asked += places.length;
      await diagnostics;
      for (const [i, position] of places.entries()) {
        const settled = await ask(client, uri, position);
        assert.deepEqual(during[i], settled, `${edit.what}: at ${position.line}:${position.character} (${JSON.stringify(text.split('\n')[position.line])})`);
      }
    }
    // The comparison means something only if answers came while an analysis was running (how many depends on
    // how fast the worker is, so only that some did is asserted).
    assert.ok(early > 0, `none of ${asked} answers came before the edit's diagnostics`);
  });
});

async function ask(client: LspClient, uri: string, position: Position): Promise<[unknown, unknown]> {
  const params = { textDocument: { uri }, position };
  return Promise.all([client.connection.sendRequest('textDocument/hover', params), client.connection.sendRequest('textDocument/completion', params)]);
}
