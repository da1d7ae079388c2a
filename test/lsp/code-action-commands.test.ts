/**
 * A client that declares no `codeActionLiteralSupport` (LSP before 3.8) can
 * take only Commands as code actions. Over the real server's stdio, such a
 * client gets each quick fix and refactoring as a Command with the same
 * title, in the same order, as a client that takes literals gets its
 * actions; executing one makes the server send the very edit of the literal
 * action with `workspace/applyEdit`. A command for an older version of the
 * document is refused rather than applied at the wrong place.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ApplyWorkspaceEditRequest, type ApplyWorkspaceEditParams, type CodeAction, type Command, type Diagnostic, type Position } from 'vscode-languageserver-protocol/node';
import { LspClient, type StartOptions } from './lspClient';

/** What an LSP 3.0–3.7 client declares: code actions with no literal support, plain-text hovers. */
const COMMANDS_ONLY: StartOptions['textDocument'] = {
  publishDiagnostics: { relatedInformation: false },
  codeAction: { dynamicRegistration: false },
  hover: { contentFormat: ['plaintext'] },
};

const ZONE = [
  '$ORIGIN example.net.',
  '$TTL 3600',
  '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600',
  '@ IN NS ns1',
  'ns1 IN A 192.0.2.1',
  '@ IN TXT "v=spf1 include:_spf.example.net +all"',
  '_spf IN TXT "v=spf1 ip4:192.0.2.0/24 -all"',
  '_dmarc IN TXT "v=DMARC1; p=reject"',
  '',
].join('\n');
const FILE = '/tmp/mailzone-code-action-commands/example.net.zone';

function positionOf(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return TextDocument.create('x', 'dns-zone', 1, text).positionAt(offset);
}

interface Opened {
  readonly client: LspClient;
  readonly uri: string;
  readonly passAll: Diagnostic;
  readonly applied: ApplyWorkspaceEditParams[];
}

async function open(textDocument: StartOptions['textDocument']): Promise<Opened> {
  const client = await LspClient.start({ textDocument });
  const applied: ApplyWorkspaceEditParams[] = [];
  // An editor applies the server's edits and says so; this one records them.
  client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
    applied.push(params);
    return { applied: true };
  });
  const mark = client.diagnostics.mark();
  const uri = await client.open(FILE, ZONE, 1);
  const published = await client.nextDiagnostics(uri, () => true, mark);
  const passAll = published.diagnostics.find((d) => d.code === 'spf-pass-all');
  assert.ok(passAll, JSON.stringify(published.diagnostics));
  return { client, uri, passAll, applied };
}

describe('code actions as Commands for clients without code action literals', () => {
  let plain: Opened;
  let rich: Opened;
  before(async () => {
    [plain, rich] = await Promise.all([open(COMMANDS_ONLY), open(undefined)]);
  });
  after(async () => {
    for (const { client } of [plain, rich]) assert.equal(await client.stop(), 0, client.stderr);
  });

  const quickFixes = <T>(o: Opened): Promise<T[]> =>
    o.client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: o.uri }, range: o.passAll.range, context: { diagnostics: [o.passAll] } });

  it('announces mailzone.applyFix only to the client that needs it', () => {
    assert.ok(plain.client.initializeResult.capabilities.executeCommandProvider?.commands.includes('mailzone.applyFix'));
    assert.ok(!rich.client.initializeResult.capabilities.executeCommandProvider?.commands.includes('mailzone.applyFix'));
  });

  it('answers quick fixes as Commands with the titles and order of the literal actions', async () => {
    const commands = await quickFixes<Command>(plain);
    const literals = await quickFixes<CodeAction>(rich);
    assert.ok(literals.length >= 2, JSON.stringify(literals));
    assert.deepEqual(commands.map((c) => c.title), literals.map((a) => a.title));
    for (const command of commands) {
      assert.deepEqual(Object.keys(command).sort(), ['arguments', 'command', 'title'], 'a Command, not a CodeAction literal');
      assert.equal(command.command, 'mailzone.applyFix');
    }
    for (const literal of literals) assert.equal(literal.kind, 'quickfix');
  });

  it('executing a Command makes the server send the literal action’s edit with workspace/applyEdit', async () => {
    const [command] = await quickFixes<Command>(plain);
    const [literal] = await quickFixes<CodeAction>(rich);
    const before = plain.applied.length;
    const result = await plain.client.connection.sendRequest<{ applied: boolean }>('workspace/executeCommand', { command: command.command, arguments: command.arguments });
    assert.deepEqual(result, { applied: true });
    assert.equal(plain.applied.length, before + 1, 'one workspace/applyEdit request');
    const sent = plain.applied[before];
    assert.equal(sent.label, literal.title);
    assert.deepEqual(sent.edit, literal.edit);
    const fixed = TextDocument.applyEdits(TextDocument.create(plain.uri, 'dns-zone', 1, ZONE), sent.edit.changes![plain.uri]);
    assert.equal(fixed, ZONE.replace('+all"', '~all"'));
  });

  it('a refactoring that runs a command is that command; one that edits is mailzone.applyFix', async () => {
    const at = positionOf(ZONE, 'include:_spf');
    const ask = <T>(o: Opened): Promise<T[]> =>
      o.client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: o.uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['refactor'] } });
    const commands = await ask<Command>(plain);
    const literals = await ask<CodeAction>(rich);
    assert.deepEqual(commands.map((c) => c.title), literals.map((a) => a.title));
    for (const [i, literal] of literals.entries()) {
      if (literal.edit) assert.equal(commands[i].command, 'mailzone.applyFix', literal.title);
      else assert.deepEqual({ ...commands[i], arguments: undefined }, { ...literal.command, arguments: undefined }, literal.title);
    }
    assert.ok(commands.some((c) => c.command === 'mailzone.flattenInclude'), JSON.stringify(commands));
  });

  it('refuses a Command for an older version of the document, and a malformed argument, without editing', async () => {
    const [command] = await quickFixes<Command>(plain);
    const before = plain.applied.length;
    const mark = plain.client.diagnostics.mark();
    await plain.client.change(plain.uri, ZONE.replace('ns1 IN A', 'ns1  IN A'), 2);
    await plain.client.nextDiagnostics(plain.uri, (p) => p.version === undefined || p.version === 2, mark);
    await assert.rejects(plain.client.connection.sendRequest('workspace/executeCommand', { command: command.command, arguments: command.arguments }), /changed since the fix was offered/);
    await assert.rejects(plain.client.connection.sendRequest('workspace/executeCommand', { command: 'mailzone.applyFix', arguments: [{ edit: 'x' }] }), /takes the argument its code action gave/);
    assert.equal(plain.applied.length, before, 'no workspace/applyEdit was sent');
  });
});
