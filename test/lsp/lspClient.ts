/**
 * A minimal LSP client for the language-server tests: it starts the bundled
 * server as its own process over stdio, answers the server's requests the way
 * an editor would, and lets a test await the notifications it expects
 * instead of sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CompletionItemKind,
  type SymbolKind,
  type ConfigurationItem,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { readExpectations } from '../support/fixture';

export const root = path.resolve(__dirname, '../../..');
export const serverPath = path.join(root, 'dist/server.js');

export function fixturePath(...parts: string[]): string {
  return path.join(root, 'test/fixtures/lsp', ...parts);
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** How long a test waits for something the server must do before it fails; far longer than the work takes. */
const PATIENCE_MS = 15_000;

/** What VS Code declares for the features the server uses: Markdown, snippets, symbol trees, docs links, every kind. */
export const RICH_TEXT_DOCUMENT: NonNullable<ClientCapabilities['textDocument']> = {
  publishDiagnostics: { relatedInformation: false, codeDescriptionSupport: true },
  codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
  hover: { contentFormat: ['markdown', 'plaintext'] },
  completion: {
    completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
    completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => (i + 1) as CompletionItemKind) },
  },
  documentSymbol: { hierarchicalDocumentSymbolSupport: true, symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => (i + 1) as SymbolKind) } },
};

export interface StartOptions {
  /** The client's `textDocument` capabilities; default RICH_TEXT_DOCUMENT. */
  readonly textDocument?: ClientCapabilities['textDocument'];
  /** Answer `workspace/configuration`: the client "supports" pulled settings. Default true. */
  readonly pullConfiguration?: boolean;
  readonly initializationOptions?: unknown;
  readonly workspaceFolders?: readonly string[];
}

interface Waiter<T> {
  readonly test: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

/** A stream of values a test can wait on: each wait sees only values that arrive after `mark()`. */
class Inbox<T> {
  readonly all: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(value: T): void {
    this.all.push(value);
    const ready = this.waiters.filter((w) => w.test(value));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(value);
  }

  mark(): number {
    return this.all.length;
  }

  /** The first value from index `from` on that passes `test`, now or when it arrives. */
  wait(test: (value: T) => boolean, from: number, what: string, patienceMs = PATIENCE_MS): Promise<T> {
    const seen = this.all.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.all.slice(from)).slice(0, 2000)}`));
      }, patienceMs);
      const done = (value: T): void => {
        clearTimeout(timer);
        resolve(value);
      };
      this.waiters.push({ test, resolve: done });
    });
  }
}

export class LspClient {
  readonly diagnostics = new Inbox<PublishDiagnosticsParams>();
  readonly logs = new Inbox<LogMessageParams>();
  readonly configurationRequests = new Inbox<ConfigurationItem>();
  readonly registrations: string[] = [];
  /** The `mailzone` section the client hands out when asked. */
  settings: unknown = {};
  initializeResult!: InitializeResult;
  stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    // A process group of its own, so the test can always stop it and everything it started.
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => client.diagnostics.push(p));
    connection.onNotification(LogMessageNotification.type, (p) => client.logs.push(p));
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        client.configurationRequests.push(item);
        // Live DNS is off unless a test says otherwise: the tests speak to 127.0.0.1 only, never to the system resolver.
        return item.section === 'mailzone' ? { dns: { enabled: false }, ...(client.settings as object) } : null;
      }),
    );
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations.map((r) => r.method));
    });
    connection.listen();

    const pull = options.pullConfiguration ?? true;
    const capabilities: ClientCapabilities = {
      workspace: { configuration: pull, didChangeConfiguration: { dynamicRegistration: pull }, workspaceFolders: true },
      textDocument: options.textDocument ?? RICH_TEXT_DOCUMENT,
    };
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders.length > 0 ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(file: string, text: string, version = 1, languageId = 'dns-zone'): Promise<string> {
    const uri = uriOf(file);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  async change(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** The next diagnostics published for `uri` from now on that satisfy `test`; a test of deliberately long work waits longer than usual. */
  nextDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, from = this.diagnostics.mark(), patienceMs = PATIENCE_MS): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.wait((p) => p.uri === uri && test(p), from, `diagnostics for ${uri}`, patienceMs);
  }

  /** Shuts the server down as an editor does, and waits for the process to exit. Returns its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
      const guard = setTimeout(() => this.kill(), PATIENCE_MS);
      const code = await exited;
      clearTimeout(guard);
      return code;
    } finally {
      this.connection.dispose();
      this.kill();
    }
  }

  /** Ends the process group if anything of it is still alive. */
  kill(): void {
    if (this.process.pid === undefined) return;
    try {
      process.kill(-this.process.pid, 'SIGKILL');
    } catch {
      // Already gone: the normal case after a clean exit.
    }
  }
}

const SEVERITY_NUMBERS: Record<string, number> = { error: 1, warning: 2, info: 3 };

/** A diagnostic reduced to what the fixtures state: code, severity and exact range. */
export interface DiagnosticShape {
  code: string;
  severity?: number;
  range: string;
}

export function rangeText(r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The diagnostics a fixture's caret annotations announce (all single-line). */
export function expectedShapes(text: string): DiagnosticShape[] {
  return readExpectations(text).map((e) => ({
    code: e.rule,
    ...(e.severity ? { severity: SEVERITY_NUMBERS[e.severity] } : {}),
    range: `${e.line}:${e.start}-${e.line}:${e.end}`,
  }));
}

/** Published diagnostics in the same shape, for the codes `codes` (sorted, for comparison). */
export function publishedShapes(p: PublishDiagnosticsParams, codes: ReadonlySet<string>, withSeverity = true): DiagnosticShape[] {
  return p.diagnostics
    .filter((d) => codes.has(String(d.code)))
    .map((d) => ({ code: String(d.code), ...(withSeverity ? { severity: d.severity } : {}), range: rangeText(d.range) }))
    .sort(byShape);
}

export function byShape(a: DiagnosticShape, b: DiagnosticShape): number {
  return a.range.localeCompare(b.range, 'en', { numeric: true }) || a.code.localeCompare(b.code);
}

/** LSP 3.18 allows markup in diagnostic messages; the server sends plain strings. */
export function messageOf(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
