/**
 * codeActionCompat.ts without a connection: which actions become which
 * Commands, which document versions a Command pins, and what executing one
 * does with good, stale and malformed arguments. The stdio test in
 * test/lsp/code-action-commands.test.ts covers the same path through the
 * real server; these cases cover the shapes it does not reach.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource, type CodeAction, type Command, type WorkspaceEdit } from 'vscode-languageserver/node';
import { FULL_CLIENT, PLAIN_CLIENT } from '../../server/src/clientCapabilities';
import { APPLY_FIX_COMMAND, codeActionsForClient, compatCommandIds, withApplyFix, type ApplyFixArguments } from '../../server/src/codeActionCompat';

const A = 'file:///zones/a.zone';
const B = 'file:///zones/b.zone';
const INCLUDED = 'file:///zones/included.zone';
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
const versions: Record<string, number> = { [A]: 3, [B]: 7 };
const versionOf = (uri: string): number | undefined => versions[uri];
const token = new CancellationTokenSource().token;

const edit: WorkspaceEdit = { changes: { [A]: [{ range, newText: '~all' }], [INCLUDED]: [{ range, newText: 'x' }] } };
const flatten: Command = { title: 'Flatten this include', command: 'mailzone.flattenInclude', arguments: [{ uri: A }] };

describe('code actions for clients without literal support', () => {
  it('a literal client gets the actions as they are, and no extra command is announced to it', () => {
    const actions: CodeAction[] = [{ title: 'Fix', kind: 'quickfix', edit }];
    assert.deepEqual(codeActionsForClient(actions, FULL_CLIENT, versionOf), actions);
    assert.deepEqual(compatCommandIds(FULL_CLIENT), []);
    assert.deepEqual(compatCommandIds(PLAIN_CLIENT), [APPLY_FIX_COMMAND]);
  });

  it('an edit becomes mailzone.applyFix pinned to the open documents it touches; a command-only action is its command', () => {
    const withDocumentChanges: WorkspaceEdit = { documentChanges: [{ textDocument: { uri: B, version: 7 }, edits: [{ range, newText: 'y' }] }] };
    const actions: CodeAction[] = [
      { title: 'Fix', kind: 'quickfix', edit },
      { title: 'Flatten this include', kind: 'refactor.rewrite', command: flatten },
      { title: 'Rewrite', kind: 'refactor.rewrite', edit: withDocumentChanges },
      { title: 'Nothing to do', kind: 'quickfix' },
    ];
    const commands = codeActionsForClient(actions, PLAIN_CLIENT, versionOf) as Command[];
    assert.deepEqual(commands, [
      { title: 'Fix', command: APPLY_FIX_COMMAND, arguments: [{ label: 'Fix', edit, versions: { [A]: 3 } }] },
      flatten,
      { title: 'Rewrite', command: APPLY_FIX_COMMAND, arguments: [{ label: 'Rewrite', edit: withDocumentChanges, versions: { [B]: 7 } }] },
    ]);
  });

  it('executing sends the edit, then the action’s own command; other commands pass through', async () => {
    const sent: [string, WorkspaceEdit][] = [];
    const executed: string[] = [];
    const execute = async (params: { command: string }): Promise<string> => {
      executed.push(params.command);
      return `ran ${params.command}`;
    };
    const handler = withApplyFix(execute, { applyEdit: async (label, e) => (sent.push([label, e]), true), versionOf });
    const [command] = codeActionsForClient([{ title: 'Fix and flatten', edit, command: flatten }], PLAIN_CLIENT, versionOf) as Command[];
    assert.equal((command.arguments![0] as ApplyFixArguments).then, flatten);
    assert.deepEqual(await handler({ command: command.command, arguments: command.arguments }, token), { applied: true });
    assert.deepEqual(sent, [['Fix and flatten', edit]]);
    assert.deepEqual(executed, ['mailzone.flattenInclude']);
    assert.equal(await handler({ command: 'mailzone.bumpSerial', arguments: [{ uri: A }] }, token), 'ran mailzone.bumpSerial');
  });

  it('a refused edit runs no follow-up command', async () => {
    const executed: string[] = [];
    const handler = withApplyFix(async (p: { command: string }) => void executed.push(p.command), { applyEdit: async () => false, versionOf });
    const args: ApplyFixArguments = { label: 'Fix', edit, versions: { [A]: 3 }, then: flatten };
    assert.deepEqual(await handler({ command: APPLY_FIX_COMMAND, arguments: [args] }, token), { applied: false });
    assert.deepEqual(executed, []);
  });

  it('a stale or malformed argument is answered with an error and nothing is sent', async () => {
    let sent = 0;
    const handler = withApplyFix(async () => undefined, { applyEdit: async () => (sent++, true), versionOf });
    const stale = await handler({ command: APPLY_FIX_COMMAND, arguments: [{ label: 'Fix', edit, versions: { [A]: 2 } }] }, token);
    assert.match(String((stale as Error).message), /changed since the fix was offered/);
    const closed = await handler({ command: APPLY_FIX_COMMAND, arguments: [{ label: 'Fix', edit, versions: { 'file:///zones/closed.zone': 1 } }] }, token);
    assert.match(String((closed as Error).message), /changed since the fix was offered/);
    for (const bad of [undefined, 'x', {}, { label: 'Fix', edit: 'x', versions: {} }, { label: 'Fix', edit: { changes: [] }, versions: {} }, { label: 'Fix', edit, versions: { [A]: '3' } }, { label: 'Fix', edit, versions: {}, then: { title: 'x' } }]) {
      const answer = await handler({ command: APPLY_FIX_COMMAND, arguments: [bad] }, token);
      assert.match(String((answer as Error).message), /takes the argument its code action gave/, JSON.stringify(bad));
    }
    assert.equal(sent, 0);
  });
});
