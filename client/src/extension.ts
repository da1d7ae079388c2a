// The VS Code side of Mailzone: it starts the bundled language server and
// relays settings and workspace trust to it. All analysis lives in the server.
//
// Activation forks the server before anything else, so the server boots in
// its own process while the extension host, given back its turn first,
// loads the protocol client (languageClient.ts, its own bundle: most of the
// extension's code) and connects it. This module stays small: VS Code loads
// it whole before it can call activate().
import * as vscode from 'vscode';
import type * as Protocol from './languageClient';
import { ServerProcesses } from './serverProcess';

type Client = ReturnType<typeof Protocol.createClient>['client'];

/** The client once it has started (or failed to); undefined before activation and after deactivation. */
let session: Promise<Client> | undefined;

export function activate(context: vscode.ExtensionContext): Promise<Protocol.MailzoneApi> {
  const outputChannel = vscode.window.createOutputChannel('Mailzone', { log: true });
  context.subscriptions.push(outputChannel);
  const servers = new ServerProcesses(context.asAbsolutePath('dist/server.js'), outputChannel);
  context.subscriptions.push(servers);
  servers.start();
  const started = connect(context, outputChannel, servers);
  session = started.then((s) => s.client);
  return started.then((s) => s.api);
}

export async function deactivate(): Promise<void> {
  const running = session;
  session = undefined;
  // An activation that failed has no client to stop; VS Code has reported the failure already.
  const client = await running?.catch(() => undefined);
  await client?.stop();
}

async function connect(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  servers: ServerProcesses,
): Promise<{ client: Client; api: Protocol.MailzoneApi }> {
  // The server needs far longer to boot than this takes: the extension host first gets on with its other work.
  await new Promise((resolve) => setImmediate(resolve));
  let client: Client;
  let api: Protocol.MailzoneApi;
  try {
    const { createClient } = require('./languageClient') as typeof Protocol;
    ({ client, api } = createClient(context, outputChannel, servers));
  } catch (error) {
    // No client will ever speak to the server forked above: it goes, and the activation fails visibly.
    servers.dispose();
    throw error;
  }
  try {
    await client.start();
  } catch (error) {
    // languageclient has already shown that the server could not start; keep the detail.
    outputChannel.error(`Mailzone language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { client, api };
}
