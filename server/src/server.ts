/**
 * The language server: LSP in, the analysis core, LSP out. It owns document
 * state, settings, scheduling and publishing; what a diagnostic means is the
 * core's business, and how offsets become positions is `convert.ts`'s.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type DidChangeConfigurationParams,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentChangeEvent,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisView, SOURCE, pathToUri, uriToPath } from './convert';
import { noFiles, type FileReader } from './core/io';
import { analyzeDocument } from './core/service';
import { DiagnosticStore } from './diagnosticStore';
import { NodeFileReader } from './node/fileReader';
import { guessOrigin } from './node/origin';
import { runSafe, runSafeNotification } from './runner';
import { SECTION, analyzeSettings, defaultSettings, parseSettings, withTrust, type ServerSettings } from './settings';
import { version } from './version';

/** Edits arrive per keystroke; analysing after a pause keeps typing smooth. */
export const CHANGE_DEBOUNCE_MS = 200;

/**
 * Languages the client may open that are not zone files. MTA-STS policy files
 * have a grammar of their own; analysing them as zones would only produce
 * nonsense syntax errors.
 */
const NOT_ZONE_LANGUAGES = new Set(['mta-sts-policy']);

/** What the client tells the server at start-up. */
interface InitializationOptions {
  /** VS Code's workspace trust: live DNS only in trusted workspaces. */
  readonly trusted?: boolean;
}

interface CachedAnalysis {
  readonly view: AnalysisView;
  /** The settings generation the analysis was computed under. */
  readonly generation: number;
}

export function startServer(connection: Connection): void {
  const log = connection.console;
  const documents = new TextDocuments(TextDocument);
  const store = new DiagnosticStore();
  const analyses = new Map<string, CachedAnalysis>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsByUri = new Map<string, Promise<ServerSettings>>();

  let pullConfiguration = false;
  let folderEvents = false;
  let trusted = true;
  /** Settings pushed by didChangeConfiguration, for clients that cannot be asked. */
  let pushedSettings: ServerSettings = defaultSettings;
  /** Bumped whenever settings may have changed; analyses from older generations are stale. */
  let generation = 0;
  let roots: string[] = [];
  let disk = new NodeFileReader();

  /**
   * `$INCLUDE` reads an open document's current text rather than the saved
   * file, so fixing an included file shows up in its includers at once. The
   * workspace check applies either way.
   */
  const reader: FileReader = {
    resolve: (from, target) => disk.resolve(from, target),
    read: (file) => {
      if (!disk.allows(file)) return { error: `${file}: outside the workspace` };
      const open = documents.get(pathToUri(file));
      return open ? { text: open.getText() } : disk.read(file);
    },
  };

  function initialize(params: InitializeParams): InitializeResult {
    const workspace = params.capabilities.workspace;
    pullConfiguration = workspace?.configuration === true;
    folderEvents = workspace?.workspaceFolders === true;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.trusted === 'boolean') trusted = options.trusted;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    setRoots(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Full,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: folderEvents ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: 'mailzone', version },
    };
  }

  function initialized(): void {
    if (pullConfiguration) {
      // A client that is asked for settings must still be told to announce changes.
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(runSafeNotification(log, 'workspace/didChangeWorkspaceFolders', changeWorkspaceFolders));
    }
  }

  function setRoots(uris: readonly string[]): void {
    roots = uris.map(uriToPath).filter((p): p is string => p !== undefined);
    disk = new NodeFileReader({ roots });
  }

  function changeWorkspaceFolders(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
    const kept = roots.filter((root) => !removed.has(root)).map(pathToUri);
    setRoots([...kept, ...event.added.map((f) => f.uri)]);
    settingsChanged();
  }

  function changeConfiguration(params: DidChangeConfigurationParams): void {
    const pushed = (params.settings ?? {}) as Record<string, unknown>;
    // The VS Code client adds `trusted` when the user grants workspace trust.
    if (typeof pushed.trusted === 'boolean') trusted = pushed.trusted;
    if (!pullConfiguration) pushedSettings = parseSettings(pushed[SECTION]);
    settingsChanged();
  }

  function settingsChanged(): void {
    generation++;
    settingsByUri.clear();
    for (const document of documents.all()) schedule(document.uri, 0);
  }

  function settingsFor(uri: string): Promise<ServerSettings> {
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = pullConfiguration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(parseSettings, (error: unknown) => {
            log.error(`Could not read the ${SECTION} settings: ${String(error)}`);
            return defaultSettings;
          })
        : Promise.resolve(pushedSettings);
      settingsByUri.set(uri, settings);
    }
    return settings.then((s) => withTrust(s, trusted));
  }

  function isZoneDocument(document: TextDocument): boolean {
    return !NOT_ZONE_LANGUAGES.has(document.languageId);
  }

  /** The analysis of the document's current version, computed at most once per version and settings. */
  async function analysisOf(document: TextDocument): Promise<AnalysisView> {
    const cached = analyses.get(document.uri);
    if (cached && cached.view.version === document.version && cached.generation === generation) return cached.view;
    const started = generation;
    const settings = await settingsFor(document.uri);
    // Settings arrive asynchronously; analyse whatever text is current by then.
    const current = documents.get(document.uri) ?? document;
    const again = analyses.get(current.uri);
    if (again && again.view.version === current.version && again.generation === started) return again.view;
    const file = uriToPath(current.uri);
    const text = current.getText();
    const analysis = analyzeDocument(
      { text, file, origin: guessOrigin(file ?? uriName(current.uri)), reader: file === undefined ? noFiles : reader },
      analyzeSettings(settings),
    );
    const view = new AnalysisView(current.uri, current.version, analysis, text);
    if (documents.get(current.uri)) analyses.set(current.uri, { view, generation: started });
    return view;
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document || !isZoneDocument(document)) return;
    const view = await analysisOf(document);
    // A newer version (or a close) superseded this run while it waited for settings.
    if (documents.get(uri)?.version !== view.version) return;
    publish(store.set(uri, view.diagnostics()));
  }

  function publish(updates: Map<string, Diagnostic[]>): void {
    for (const [uri, diagnostics] of updates) void connection.sendDiagnostics({ uri, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(uri).catch((error: unknown) => log.error(`Analysis of ${uri} failed: ${String(error instanceof Error ? error.stack : error)}`));
      }, delay),
    );
  }

  const opened = new Set<string>();

  function contentChanged(event: TextDocumentChangeEvent<TextDocument>): void {
    const uri = event.document.uri;
    // The first content is the open: analyse it at once; edits wait for a pause.
    schedule(uri, opened.has(uri) ? CHANGE_DEBOUNCE_MS : 0);
    opened.add(uri);
    // Open zones that include this file see its new text.
    const file = uriToPath(uri);
    if (file === undefined) return;
    for (const [other, cached] of analyses) {
      if (other !== uri && cached.view.analysis.zone.files.has(file)) {
        analyses.delete(other);
        schedule(other, CHANGE_DEBOUNCE_MS);
      }
    }
  }

  function closed(event: TextDocumentChangeEvent<TextDocument>): void {
    const uri = event.document.uri;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    opened.delete(uri);
    analyses.delete(uri);
    settingsByUri.delete(uri);
    publish(store.remove(uri));
  }

  async function codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context.only;
    if (only && !only.some((kind) => kind === '' || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) {
      return [];
    }
    const wanted = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    if (wanted.length === 0) return [];
    const uri = params.textDocument.uri;
    // The findings on this URI come from its own analysis and from open zones that include it.
    const views: AnalysisView[] = [];
    const own = documents.get(uri);
    if (own && isZoneDocument(own)) views.push(await analysisOf(own));
    for (const [other, cached] of analyses) if (other !== uri) views.push(cached.view);
    const actions: CodeAction[] = [];
    for (const diagnostic of wanted) {
      for (const view of views) {
        const finding = view.findingFor(uri, diagnostic);
        if (!finding) continue;
        for (const fix of finding.fixes ?? []) actions.push(view.toCodeAction(fix, diagnostic));
        break;
      }
    }
    return actions;
  }

  // The handler table: every LSP method the server answers, each wrapped so an exception is logged and answered empty.
  connection.onInitialize(runSafe<InitializeParams, InitializeResult>(log, 'initialize', initialize, () => ({ capabilities: {} })));
  connection.onInitialized(runSafeNotification(log, 'initialized', initialized));
  connection.onDidChangeConfiguration(runSafeNotification(log, 'workspace/didChangeConfiguration', changeConfiguration));
  connection.onCodeAction(runSafe(log, 'textDocument/codeAction', codeActions, () => []));
  documents.onDidChangeContent(runSafeNotification(log, 'textDocument/didChange', contentChanged));
  documents.onDidClose(runSafeNotification(log, 'textDocument/didClose', closed));

  documents.listen(connection);
  connection.listen();
}

/** The last path segment of a URI without a file path (`untitled:db.example.com`). */
function uriName(uri: string): string {
  const name = uri.slice(Math.max(uri.lastIndexOf('/'), uri.indexOf(':')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
