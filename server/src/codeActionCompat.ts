/**
 * Code actions for clients that take only `Command`s. A client that does not
 * declare `textDocument.codeAction.codeActionLiteralSupport` (LSP before 3.8,
 * and editors that still speak it) shows the title of each answer and, when
 * one is chosen, sends its command back with `workspace/executeCommand`; a
 * `CodeAction` literal with an edit means nothing to it. Such a client gets
 * each action as a `mailzone.applyFix` command whose argument carries the
 * edit, and executing it makes the server send that edit with
 * `workspace/applyEdit`, the request every client since LSP 3.0 answers.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type CodeAction, type Command, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { ClientFeatures } from './clientCapabilities';

export const APPLY_FIX_COMMAND = 'mailzone.applyFix';

/**
 * The commands to announce in `executeCommandProvider` for this client: the
 * fix command only to a client that gets its actions as commands (a client
 * such as VS Code registers each announced command as one of its own).
 */
export function compatCommandIds(client: ClientFeatures): string[] {
  return client.codeActionLiterals ? [] : [APPLY_FIX_COMMAND];
}

/** The argument of `mailzone.applyFix`. */
export interface ApplyFixArguments {
  /** The action's title, shown by editors that label the edit (undo history). */
  readonly label: string;
  readonly edit: WorkspaceEdit;
  /** The version of each open document the edit was computed for: a changed document makes the edit stale. */
  readonly versions: Readonly<Record<string, number>>;
  /** The action's own command, which LSP runs after the action's edit; run in the same order here. */
  readonly then?: Command;
}

/** The version of an open document, or undefined when the URI is not open (an `$INCLUDE`d file on disk). */
export type VersionOf = (uri: string) => number | undefined;

/** The URIs a workspace edit touches, whether it is made of `changes` or `documentChanges`. */
function editedUris(edit: WorkspaceEdit): string[] {
  const uris = Object.keys(edit.changes ?? {});
  for (const change of edit.documentChanges ?? []) if ('textDocument' in change) uris.push(change.textDocument.uri);
  return uris;
}

/**
 * The actions as the client can take them: unchanged for a client that
 * declares code action literals, else one Command per action, in order. An
 * action that only runs a command becomes that command.
 */
export function codeActionsForClient(actions: readonly CodeAction[], client: ClientFeatures, versionOf: VersionOf): (CodeAction | Command)[] {
  if (client.codeActionLiterals) return [...actions];
  const commands: Command[] = [];
  for (const action of actions) {
    if (!action.edit) {
      if (action.command) commands.push(action.command);
      continue;
    }
    const versions: Record<string, number> = {};
    for (const uri of editedUris(action.edit)) {
      const version = versionOf(uri);
      if (version !== undefined) versions[uri] = version;
    }
    const args: ApplyFixArguments = { label: action.title, edit: action.edit, versions, ...(action.command ? { then: action.command } : {}) };
    commands.push({ title: action.title, command: APPLY_FIX_COMMAND, arguments: [args] });
  }
  return commands;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The argument, when it has the shape `codeActionsForClient` gives it; a client may send anything back. */
function parseArguments(value: unknown): ApplyFixArguments | undefined {
  if (!isObject(value) || typeof value.label !== 'string' || !isObject(value.edit) || !isObject(value.versions)) return undefined;
  const edit = value.edit;
  if (edit.changes !== undefined && !isObject(edit.changes)) return undefined;
  if (edit.documentChanges !== undefined && !Array.isArray(edit.documentChanges)) return undefined;
  if (!Object.values(value.versions).every((v) => typeof v === 'number')) return undefined;
  if (value.then !== undefined && !(isObject(value.then) && typeof value.then.command === 'string')) return undefined;
  return value as unknown as ApplyFixArguments;
}

interface ExecuteParams {
  readonly command: string;
  readonly arguments?: unknown[];
}

export interface ApplyFixHost {
  /** Sends `workspace/applyEdit`; resolves to whether the client applied it. */
  applyEdit(label: string, edit: WorkspaceEdit): Promise<boolean>;
  readonly versionOf: VersionOf;
}

/**
 * The server's `workspace/executeCommand` handler, extended with
 * `mailzone.applyFix`: every other command goes to `execute` unchanged. The
 * edit is sent only while each open document it touches is still at the
 * version it was computed for; otherwise the answer is an error that says to
 * ask for the actions again.
 */
export function withApplyFix<R>(
  execute: (params: ExecuteParams, token: CancellationToken) => Promise<R>,
  host: ApplyFixHost,
): (params: ExecuteParams, token: CancellationToken) => Promise<R | { readonly applied: boolean } | ResponseError<void>> {
  return async (params, token) => {
    if (params.command !== APPLY_FIX_COMMAND) return execute(params, token);
    const args = parseArguments(params.arguments?.[0]);
    if (!args) return new ResponseError(ErrorCodes.InvalidParams, `${APPLY_FIX_COMMAND} takes the argument its code action gave: { "label", "edit", "versions" }`);
    for (const [uri, version] of Object.entries(args.versions)) {
      if (host.versionOf(uri) !== version) {
        return new ResponseError(LSPErrorCodes.ContentModified, `${uri} changed since the fix was offered; ask for the code actions again`);
      }
    }
    const applied = await host.applyEdit(args.label, args.edit);
    if (applied && args.then) await execute({ command: args.then.command, arguments: args.then.arguments }, token);
    return { applied };
  };
}
