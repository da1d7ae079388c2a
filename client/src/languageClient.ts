// The protocol side of the client: languageclient speaking to the server
// that activation has already started. Bundled apart from the activation
// code (dist/languageClient.js): it is most of the extension's code, and it
// is loaded while the server boots.
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  IPCMessageReader,
  IPCMessageWriter,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type MessageTransports,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { commandMiddleware } from './commands';
import { foldDetails } from './hoverDetails';
import { LanguageStatus, STATUS_NOTIFICATION, type ZoneStatus } from './languageStatus';
import { RuleDocs } from './ruleDocs';
import * as walkthroughContext from './walkthroughContext';
import type { ServerProcesses } from './serverProcess';

/** The client id: languageclient reads `<id>.trace.server`, hence `mailzone.trace.server`. */
const CLIENT_ID = 'mailzone';
const CONFIG_SECTION = 'mailzone';
const LANGUAGES = ['dns-zone', 'mta-sts-policy'];

/** A server that crashes this many times within the window is not started again. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** What the extension offers other extensions (and its tests): the zone status it shows. */
export interface MailzoneApi {
  /** The latest status the server sent for a zone document. */
  statusOf(uri: vscode.Uri): ZoneStatus | undefined;
  /** The language status item as it is shown now. */
  shownStatus(): ReturnType<LanguageStatus['shown']>;
  /** The SPF lookup tree view's data, as the view reads it. */
  readonly spfTree: vscode.TreeDataProvider<unknown>;
  /** The folder of the "Mailzone" output's log file (`Mailzone.log`). */
  readonly logUri: vscode.Uri;
}

/** The language client over `servers`, with the palette commands, the zone status and the workspace-trust relay registered in `context`. */
export function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, servers: ServerProcesses): { client: LanguageClient; api: MailzoneApi } {
  // languageclient asks for a server whenever it starts: the first time it gets the one activation forked.
  const serverOptions: ServerOptions = async (): Promise<MessageTransports> => {
    const server = servers.take();
    if (server.pid === undefined) throw new Error('the Mailzone language server could not be started (see the "Mailzone" output)');
    return { reader: new IPCMessageReader(server), writer: new IPCMessageWriter(server), detached: false };
  };

  let client: LanguageClient | undefined;
  const commands = commandMiddleware(() => client);
  commands.register(context);
  const ruleDocs = new RuleDocs(context.extensionUri);
  ruleDocs.register(context);
  walkthroughContext.register(context);

  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { configurationSection: CONFIG_SECTION },
    // Live DNS lookups depend on trust, so the server learns it before its first analysis.
    // The server sends each zone's status (mailzone/status) only to clients that show it.
    initializationOptions: { trusted: vscode.workspace.isTrusted, statusNotification: true },
    outputChannel,
    // Only the handler below speaks to the user; everything else goes to the output channel.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crashHandler(),
    // The server's commands are registered by languageclient; from the palette they first ask for their input.
    middleware: {
      executeCommand: commands.executeCommand,
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        return hover ? foldDetails(hover) : hover;
      },
      // Each diagnostic's rule link opens the page bundled with the extension, inside VS Code.
      handleDiagnostics: (uri, diagnostics, next) => {
        for (const diagnostic of diagnostics) {
          if (typeof diagnostic.code === 'object') diagnostic.code = { value: diagnostic.code.value, target: ruleDocs.link(diagnostic.code.target) };
        }
        next(uri, diagnostics);
      },
    },
  };

  client = new LanguageClient(CLIENT_ID, 'Mailzone', serverOptions, clientOptions);
  const status = new LanguageStatus();
  context.subscriptions.push(status, client.onNotification(STATUS_NOTIFICATION, (params: ZoneStatus) => status.update(params)));
  // What languageclient does for the servers it starts itself: one still running a moment after the client
  // stopped it (shut down, or given up after errors) is killed.
  client.onDidChangeState((event) => {
    if (event.newState === State.Stopped) servers.dispose();
  });

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [CONFIG_SECTION]: currentSettings(), trusted: true },
      });
    }),
  );
  return { client, api: { statusOf: (uri) => status.statusOf(uri), shownStatus: () => status.shown(), spfTree: commands.spfTree as vscode.TreeDataProvider<unknown>, logUri: context.logUri } };
}

/**
 * Restarts a crashed server quietly a few times, then stops and tells the user once.
 * Transport errors are logged; the connection is shut down only when they persist.
 */
function crashHandler(): ErrorHandler {
  const crashes: number[] = [];
  return {
    error(_error, _message, count): ErrorHandlerResult {
      if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
      return {
        action: ErrorAction.Shutdown,
        message: 'The Mailzone language server keeps failing to communicate and was stopped. See the "Mailzone" output for details.',
      };
    },
    closed(): CloseHandlerResult {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0] > RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length <= MAX_RESTARTS) return { action: CloseAction.Restart, handled: true };
      return {
        action: CloseAction.DoNotRestart,
        message: `The Mailzone language server crashed ${crashes.length} times in 3 minutes and will not be restarted. See the "Mailzone" output for details; reload the window to try again.`,
      };
    },
  };
}

/** The `mailzone` settings as plain JSON, the shape `synchronize` sends. */
function currentSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(CONFIG_SECTION)));
}
