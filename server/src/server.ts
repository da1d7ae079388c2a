/**
 * The language server: LSP in, the analysis core, LSP out. It owns document
 * state, settings, scheduling and publishing; what a diagnostic means is the
 * core's business, and how offsets become positions is `convert.ts`'s.
 */
import * as path from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  CodeActionKind,
  DidChangeConfigurationNotification,
  ShowMessageNotification,
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
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { clientFeatures, PLAIN_CLIENT, type ClientFeatures } from './clientCapabilities';
import { codeActionsForClient, compatCommandIds, withApplyFix } from './codeActionCompat';
import { COMMAND_IDS, createCommands } from './commands';
import { AnalysisView, SOURCE, diagnosticsForClient, pathToUri, uriToPath } from './convert';
import { CachingResolver } from './core/dns/cache';
import { offlineResolver, type Resolver } from './core/dns/resolver';
import { ZoneResolver, type ZoneSource } from './core/dns/zoneResolver';
import { noFiles, type FileReader } from './core/io';
import { mergeLiveFindings, resolveSpfTrees, sameFindings } from './core/records/spf/liveCheck';
import { checkReportAuthorizations, mergeAuthorizationFindings, unansweredAuthorizations } from './core/records/dmarc/liveCheck';
import { WorkspaceZones, workspaceView } from './node/workspaceZones';
import type { AnalyzeSettings } from './core/analysis/analyze';
import type { WorkspaceZone, WorkspaceZones as OtherZones } from './core/model/workspace';
import type { SpfTree } from './core/records/spf/tree';
import type { ResourceRecord } from './core/zone/ast';
import { zoneApexes } from './core/records/spf/zoneLookup';
import { analyzeDocument, analyzeParsed, parseDocument, type Analysis } from './core/service';
import { AnalysisStopped, deadline } from './core/stop';
import { ZoneDocument } from './document';
import type { TextChange } from './core/zone/parser';
import { analyzePolicy } from './core/mtaStsPolicy/analyze';
import { isPolicyFile, policyDomainFromPath, zoneForPolicy } from './core/mtaStsPolicy/files';
import { DiagnosticStore } from './diagnosticStore';
import { COMPLETION_TRIGGERS, createFeatures, kindWanted, type OtherZone } from './features';
import { LiveResolver, checkSignal } from './node/dnsResolver';
import { NodeFileReader } from './node/fileReader';
import { guessOrigin } from './node/origin';
import { runSafe, runSafeNotification } from './runner';
import { SECTION, analyzeSettings, defaultSettings, parseSettings, withTrust, type ServerSettings } from './settings';
import { STATUS_NOTIFICATION, describeAnalysis, describeSettings, statusParams, type AnalysisState } from './status';
import { version } from './version';

/**
 * Edits arrive per keystroke: the first after a pause is analysed at once,
 * and the ones that follow it within this many milliseconds are analysed
 * together when the typing pauses.
 */
export const CHANGE_DEBOUNCE_MS = 200;

/**
 * MTA-STS policy files have a grammar of their own: they are analysed by the
 * policy rules, never as zones, and the editor features for zones skip them.
 */
const POLICY_LANGUAGE = 'mta-sts-policy';

/**
 * The code of the diagnostic that replaces a document's findings when its
 * analysis ran past `mailzone.analysis.timeoutMs`. It is no rule (nothing in
 * the zone is wrong), but it links to a page like one: docs/rules/analysis-stopped.md.
 */
export const ANALYSIS_STOPPED = 'analysis-stopped';

/** What the client tells the server at start-up. */
interface InitializationOptions {
  /** VS Code's workspace trust: live DNS only in trusted workspaces. */
  readonly trusted?: boolean;
  /** The client shows each zone's status: the server sends `mailzone/status` (status.ts). */
  readonly statusNotification?: boolean;
}

interface CachedAnalysis {
  readonly view: AnalysisView;
  /** The settings generation the analysis was computed under. */
  readonly generation: number;
  /** The analysis read other zones of the workspace (DMARC report destinations): their edits make it stale. */
  readonly crossZone?: boolean;
}

export function startServer(connection: Connection): void {
  const log = connection.console;
  /**
   * The edit each open document has had since its last analysis, when it is
   * one range: the next analysis then re-reads only the entry it falls in.
   * `many` after several edits (or a whole-text replacement) in between.
   */
  const edits = new Map<string, { readonly fromVersion: number; readonly change: TextChange } | 'many'>();
  const documents = new TextDocuments<ZoneDocument>({
    create: ZoneDocument.create,
    update(document, changes, version) {
      const one = changes.length === 1 && 'range' in changes[0] ? changes[0] : undefined;
      if (one && !edits.has(document.uri)) {
        const [start, end] = [document.offsetAt(one.range.start), document.offsetAt(one.range.end)].sort((a, b) => a - b);
        edits.set(document.uri, { fromVersion: document.version, change: { start, end, newLength: one.text.length, text: one.text } });
      } else {
        edits.set(document.uri, 'many');
      }
      return ZoneDocument.update(document, changes, version);
    },
  });
  const store = new DiagnosticStore();
  const analyses = new Map<string, CachedAnalysis>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsByUri = new Map<string, Promise<ServerSettings>>();

  let pullConfiguration = false;
  /** The client re-asks for code lenses when told to (`workspace/codeLens/refresh`). */
  let lensRefresh = false;
  /** The SPF lookup trees of the last live pass per document, for the lookup-count lenses. */
  const liveTrees = new Map<string, ReadonlyMap<ResourceRecord, SpfTree>>();
  let folderEvents = false;
  /** What the editor declared it can show; conversions follow it. */
  let client: ClientFeatures = PLAIN_CLIENT;
  let trusted = true;
  let statusWanted = false;
  /** The configuration last written to the log, so that only a change is logged again. */
  let loggedSettings = '';
  /** Settings pushed by didChangeConfiguration, for clients that cannot be asked. */
  let pushedSettings: ServerSettings = defaultSettings;
  /** Bumped whenever settings may have changed; analyses from older generations are stale. */
  let generation = 0;
  let roots: string[] = [];
  /** The workspace's zone files that are not open: they answer includes and redirects too. */
  let workspaceZones = new WorkspaceZones([]);
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

  /**
   * The reader for one document's includes. With no workspace folder open (a
   * single file on its own) there is no workspace to confine them to, so the
   * document's own folder is the boundary: a zone and its includes live
   * together, and opening one file must not make the editor read any file on
   * the machine it names.
   */
  function readerFor(documentFile: string): FileReader {
    if (roots.length > 0) return reader;
    const folder = new NodeFileReader({ roots: [path.dirname(documentFile)] });
    return {
      resolve: reader.resolve,
      read: (file) => (folder.allows(file) ? reader.read(file) : { error: `${file}: outside the folder of ${path.basename(documentFile)} (no workspace folder is open)` }),
    };
  }

  function initialize(params: InitializeParams): InitializeResult {
    const workspace = params.capabilities.workspace;
    pullConfiguration = workspace?.configuration === true;
    lensRefresh = workspace?.codeLens?.refreshSupport === true;
    folderEvents = workspace?.workspaceFolders === true;
    client = clientFeatures(params.capabilities);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.trusted === 'boolean') trusted = options.trusted;
    statusWanted = options.statusNotification === true;
    log.info(`Mailzone language server ${version} started (Node ${process.version}, process ${process.pid}) for ${params.clientInfo?.name ?? 'an unnamed client'}`);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    setRoots(folders);
    log.info(`Workspace folders: ${roots.length > 0 ? roots.join(', ') : 'none'}`);
    return {
      capabilities: {
        // Incremental: a keystroke in a 100k-record zone sends the keystroke, not the whole file.
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        executeCommandProvider: { commands: [...COMMAND_IDS, ...compatCommandIds(client)] },
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
    workspaceZones = new WorkspaceZones(roots);
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
    return settings.then((s) => {
      const described = describeSettings(s, trusted);
      if (described !== loggedSettings) log.info((loggedSettings = described));
      return withTrust(s, trusted);
    });
  }

  function sendStatus(uri: string, version: number, state: AnalysisState, analysis?: Analysis, durationMs?: number): void {
    if (statusWanted) void connection.sendNotification(STATUS_NOTIFICATION, statusParams(uri, version, state, analysis, durationMs)).catch(() => undefined);
  }

  function isZoneDocument(document: TextDocument): boolean {
    return !isPolicyDocument(document);
  }

  function isPolicyDocument(document: TextDocument): boolean {
    return document.languageId === POLICY_LANGUAGE || isPolicyFile(uriName(document.uri));
  }

  /**
   * A policy file's findings, wrapped as an analysis with an empty zone so the
   * shell publishes and fixes them like any other. Its `mx` lines are compared
   * with the open zone of its domain (or the only open zone).
   */
  function policyAnalysis(text: string, path: string, settings: ReturnType<typeof analyzeSettings>): Analysis {
    const zones = [...analyses].filter(([uri]) => !isPolicyFile(uriName(uri))).map(([, cached]) => cached.view.analysis.view);
    const findings = analyzePolicy(text, { zoneView: zoneForPolicy(path, zones), domain: policyDomainFromPath(path), severities: settings.severities });
    return { ...analyzeDocument({ text: '' }, settings), text, findings };
  }

  /** Analyses under way, per document: callers that ask for the same version share one. */
  const inFlight = new Map<string, { readonly version: number; readonly generation: number; readonly view: Promise<AnalysisView> }>();

  /**
   * The analysis of the document's current version, computed at most once
   * per version and settings. When the document changes while it is being
   * analysed, the work on the old text is dropped and the newest text is
   * analysed instead: nobody waits for findings on a version already gone.
   */
  async function analysisOf(document: ZoneDocument): Promise<AnalysisView> {
    const cached = analyses.get(document.uri);
    if (cached && cached.view.version === document.version && cached.generation === generation) return cached.view;
    const pending = inFlight.get(document.uri);
    if (pending && pending.version === document.version && pending.generation === generation) return pending.view;
    const run = { version: document.version, generation, view: analyse(document) };
    inFlight.set(document.uri, run);
    try {
      return await run.view;
    } finally {
      if (inFlight.get(document.uri) === run) inFlight.delete(document.uri);
    }
  }

  async function analyse(document: ZoneDocument): Promise<AnalysisView> {
    const started = generation;
    const settings = await settingsFor(document.uri);
    // Settings arrive asynchronously; analyse whatever text is current by then.
    const current = documents.get(document.uri) ?? document;
    const again = analyses.get(current.uri);
    if (again && again.view.version === current.version && again.generation === started) return again.view;
    const file = uriToPath(current.uri);
    const text = current.getText();
    const startedAt = performance.now();
    let analysis: Analysis;
    // The document's line index is this version's: the analysis view shares it.
    const lines = current.lines;
    let crossZone = false;
    if (isPolicyDocument(current)) {
      analysis = policyAnalysis(text, file ?? uriName(current.uri), analyzeSettings(settings));
    } else {
      // The previous analysis and the one edit since it, if that is what there is: then only the edited entry is re-read.
      const edit = edits.get(current.uri);
      edits.delete(current.uri);
      const previous = analyses.get(current.uri);
      const since = edit && edit !== 'many' && previous && previous.view.version === edit.fromVersion && previous.generation === started ? { zone: previous.view.analysis.zone, change: edit.change } : undefined;
      // One budget for the parse and the analysis of this version: past it the work stops and one diagnostic says so.
      const stop = deadline(settings.analysis.timeoutMs, () => performance.now());
      let stage: 'reading' | 'checking' = 'reading';
      try {
        const parsed = parseDocument({ text, file, origin: guessOrigin(file ?? uriName(current.uri)), reader: file === undefined ? noFiles : readerFor(file), stop }, since);
        // Parsing a large zone takes a while: let queued edits in, and start over on the newest text if there are any.
        if (await supersededAfterYield(current)) return analysisOf(documents.get(current.uri)!);
        stage = 'checking';
        const options = withWorkspace({ ...analyzeSettings(settings), stop }, current.uri);
        // The last analysis keeps what each rule found and read: after a one-record edit only what it touched runs again.
        analysis = analyzeParsed(parsed, options.settings, previous && previous.generation === started ? previous.view.analysis : 'none');
        // Findings kept from the last analysis may have been judged from other zones.
        crossZone = options.consulted() || (parsed.edit !== undefined && previous?.crossZone === true);
      } catch (error) {
        if (!(error instanceof AnalysisStopped)) throw error;
        analysis = stoppedAnalysis(text, error, stage, analyzeSettings(settings));
        connection.console.warn(`${current.uri}: ${analysis.findings[0].message}`);
      }
    }
    const view = new AnalysisView(current.uri, current.version, analysis, lines);
    if (documents.get(current.uri)) analyses.set(current.uri, { view, generation: started, crossZone });
    durations.set(view, performance.now() - startedAt);
    log.info(describeAnalysis(uriName(current.uri), current.version, analysis, durations.get(view)!));
    return view;
  }

  /**
   * What a document whose parse or analysis ran past its budget shows: one
   * warning at its first line and no other finding, over an empty zone, so
   * hover and completion answer at once for this version instead of
   * running the same analysis again. The next edit analyses afresh.
   */
  function stoppedAnalysis(text: string, stopped: AnalysisStopped, stage: 'reading' | 'checking', settings: AnalyzeSettings): Analysis {
    const firstLine = text.search(/\r?\n|$/);
    const seconds = stopped.budgetMs >= 1000 ? `${Number((stopped.budgetMs / 1000).toFixed(1))} s` : `${stopped.budgetMs} ms`;
    const message =
      `Mailzone stopped ${stage === 'reading' ? 'reading the records of' : 'checking'} this file after ${seconds} (mailzone.analysis.timeoutMs), ` +
      'so no other finding is shown for this version. Hover, completion and other files are still answered; the next edit starts the analysis again.';
    return { ...analyzeDocument({ text: '' }, settings), text, findings: [{ rule: ANALYSIS_STOPPED, severity: 'warning', message, span: { start: 0, end: Math.min(firstLine, 200) } }] };
  }

  /** Lets pending messages run, then tells whether the document has changed (and is still open). */
  async function supersededAfterYield(document: TextDocument): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    const now = documents.get(document.uri);
    return now !== undefined && now.version !== document.version;
  }

  /** How long each analysis took, for the status. */
  const durations = new WeakMap<AnalysisView, number>();

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    sendStatus(uri, document.version, 'analysing');
    const view = await analysisOf(document);
    // A newer version (or a close) superseded this run while it waited for settings.
    if (documents.get(uri)?.version !== view.version) return;
    // A large zone's diagnostics are a message of megabytes, which the pipe takes in pieces as the event loop
    // turns: the work that follows waits until it is written, so the diagnostics do not wait for it.
    await publish(store.set(uri, view.diagnostics(), view.version), view);
    sendStatus(uri, view.version, 'ready', view.analysis, durations.get(view));
    // With the diagnostics out, make the edited text one string while the user is between keystrokes (see document.ts).
    documents.get(uri)?.settle();
    // Trees of an older version no longer match this analysis's records.
    if (liveTrees.get(uri) && analyses.get(uri)?.view === view) liveTrees.delete(uri);
    // The document may have changed while the diagnostics were written: its live pass would be dropped anyway.
    if (documents.get(uri)?.version !== view.version) return;
    liveCheck(uri, view).catch((error: unknown) => log.error(`Live DNS pass over ${uri} failed: ${String(error instanceof Error ? error.stack : error)}`));
  }

  /** The live pass in flight per document: a change or a close cancels it. */
  const liveChecks = new Map<string, AbortController>();

  /**
   * After the file's own diagnostics are out, the second, asynchronous pass:
   * the SPF lookup trees again with the other open zones and, when
   * `mailzone.dns.enabled` is on and the workspace is trusted, live DNS; and
   * with live DNS, a TXT query for each DMARC report destination whose zone
   * is not loaded. Its findings replace the synchronous ones of the same
   * rules in a second publication; diagnostics never wait for it.
   */
  async function liveCheck(uri: string, view: AnalysisView): Promise<void> {
    liveChecks.get(uri)?.abort();
    const zone = view.analysis.view;
    const hasSpf = zone.ofKind('spf').length > 0;
    const hasDestinations = unansweredAuthorizations(zone).length > 0;
    if (!hasSpf && !hasDestinations) return;
    const controller = new AbortController();
    liveChecks.set(uri, controller);
    const { resolver, live } = await resolverFor(uri);
    const settings = await settingsFor(uri);
    // Without live DNS only other open zones and the workspace's zone files could answer more than the synchronous pass
    // did; those already answer the DMARC destinations synchronously (options.workspace), so only SPF is walked again.
    const walkSpf = hasSpf && (live || analyses.size > 1 || roots.length > 0);
    const askDmarc = hasDestinations && live;
    if (!walkSpf && !askDmarc) return;
    sendStatus(uri, view.version, 'checking', view.analysis, durations.get(view));
    const signal = checkSignal(controller.signal);
    const severities = analyzeSettings(settings).severities;
    const [spf, dmarc] = await Promise.all([
      walkSpf ? resolveSpfTrees(zone, resolver, signal, { severities }) : undefined,
      askDmarc ? checkReportAuthorizations(zone, resolver, signal, { severities }) : undefined,
    ]);
    if (liveChecks.get(uri) === controller) liveChecks.delete(uri);
    const document = documents.get(uri);
    // A newer version, new settings or a close made this result stale.
    if (spf?.cancelled || dmarc?.cancelled || !document || document.version !== view.version || analyses.get(uri)?.view !== view) return;
    let findings = view.analysis.findings;
    if (spf) {
      // The lenses count with the fuller trees from now on; they are keyed by this analysis's records.
      liveTrees.set(uri, spf.trees);
      if (lensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      findings = mergeLiveFindings(findings, spf.findings);
    }
    if (dmarc) findings = mergeAuthorizationFindings(findings, dmarc.findings);
    // Most records stay inside the zone: then the live pass agrees and nothing is published twice.
    if (sameFindings(findings, view.analysis.findings)) {
      sendStatus(uri, view.version, 'ready', view.analysis, durations.get(view));
      return;
    }
    const merged = new AnalysisView(uri, view.version, { ...view.analysis, findings }, view.indexOf(undefined));
    analyses.set(uri, { view: merged, generation: analyses.get(uri)!.generation });
    publish(store.set(uri, merged.diagnostics(), merged.version), merged);
    sendStatus(uri, view.version, 'ready', merged.analysis, durations.get(view));
  }

  /**
   * Sends the diagnostics, as this client may receive them, with the analysed
   * version on the document's own list when the client takes versions; the
   * promise settles once every message is written (or failed to be).
   */
  function publish(updates: Map<string, Diagnostic[]>, from?: AnalysisView): Promise<unknown> {
    return Promise.allSettled(
      [...updates].map(([uri, diagnostics]) =>
        connection.sendDiagnostics({
          uri,
          diagnostics: diagnosticsForClient(diagnostics, client),
          ...(client.diagnosticVersion && from?.uri === uri ? { version: from.version } : {}),
        }),
      ),
    );
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

  /** When each open document last changed, to tell the first edit after a pause from the rest of a burst. */
  const lastChange = new Map<string, number>();

  function contentChanged(event: TextDocumentChangeEvent<ZoneDocument>): void {
    const uri = event.document.uri;
    liveChecks.get(uri)?.abort();
    // The open, and the first edit after a pause, are analysed at once; the
    // rest of a burst of typing waits until it stops, then is analysed once.
    const now = Date.now();
    const previous = lastChange.get(uri);
    lastChange.set(uri, now);
    schedule(uri, previous === undefined || (now - previous >= CHANGE_DEBOUNCE_MS && !timers.has(uri)) ? 0 : CHANGE_DEBOUNCE_MS);
    // Open zones that include this file see its new text; those that judged report destinations from other zones judge again.
    const file = uriToPath(uri);
    if (file === undefined) return;
    for (const [other, cached] of analyses) {
      if (other !== uri && (cached.view.analysis.zone.files.has(file) || cached.crossZone)) {
        analyses.delete(other);
        schedule(other, CHANGE_DEBOUNCE_MS);
      }
    }
  }

  function closed(event: TextDocumentChangeEvent<ZoneDocument>): void {
    const uri = event.document.uri;
    liveChecks.get(uri)?.abort();
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    lastChange.delete(uri);
    edits.delete(uri);
    analyses.delete(uri);
    settingsByUri.delete(uri);
    liveTrees.delete(uri);
    publish(store.remove(uri));
  }

  async function codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    return [...(await quickFixes(params)), ...(await features.refactorActions(params))];
  }

  async function quickFixes(params: CodeActionParams): Promise<CodeAction[]> {
    if (!kindWanted(params.context.only, CodeActionKind.QuickFix)) return [];
    const wanted = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    if (wanted.length === 0) return [];
    const uri = params.textDocument.uri;
    // The findings on this URI come from its own analysis and from open zones that include it.
    const views: AnalysisView[] = [];
    const own = documents.get(uri);
    if (own) views.push(await analysisOf(own));
    for (const [other, cached] of analyses) if (other !== uri) views.push(cached.view);
    const actions: CodeAction[] = [];
    for (const diagnostic of wanted) {
      for (const view of views) {
        const finding = view.findingFor(uri, diagnostic);
        if (!finding) continue;
        for (const fix of finding.fixes ?? []) actions.push(view.toCodeAction(fix, diagnostic, client));
        break;
      }
    }
    return actions;
  }

  /** The current analysis of an open zone document, for the editor features and commands. */
  async function openAnalysis(uri: string): Promise<AnalysisView | undefined> {
    const document = documents.get(uri);
    return document && isZoneDocument(document) ? analysisOf(document) : undefined;
  }

  /** Settings for a request that names no document (testing an IP against live DNS alone). */
  async function globalSettings(): Promise<ServerSettings> {
    const settings = pullConfiguration ? await connection.workspace.getConfiguration(SECTION).then(parseSettings, () => defaultSettings) : pushedSettings;
    return withTrust(settings, trusted);
  }

  /** One live resolver and its session cache per DNS configuration, so repeated commands reuse answers. */
  let live: { key: string; resolver: Resolver } | undefined;

  function liveResolver(settings: ServerSettings): Resolver | undefined {
    if (!settings.dns.enabled) return undefined;
    const key = JSON.stringify([settings.dns.servers, settings.dns.timeoutMs]);
    if (live?.key !== key) {
      try {
        live = { key, resolver: new CachingResolver(new LiveResolver({ servers: settings.dns.servers, timeoutMs: settings.dns.timeoutMs })) };
      } catch (error) {
        log.error(`Live DNS is unavailable: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }
    return live.resolver;
  }

  /**
   * The settings of a document's analysis with the other zones its
   * cross-zone checks read (`options.workspace`: where a DMARC report
   * destination's `_report._dmarc` authorization lives): the other open zone
   * documents as last analysed, then the workspace's zone files on disk.
   * Gathered when a check first reads them, not before: most documents
   * name no report destination in another zone, and need not pay for the
   * walk of the workspace on every edit.
   */
  function withWorkspace(settings: AnalyzeSettings, uri: string): { readonly settings: AnalyzeSettings; readonly consulted: () => boolean } {
    let zones: OtherZones | undefined;
    const gather = (): OtherZones => {
      const own = uriToPath(uri);
      const open: WorkspaceZone[] = [];
      for (const [other, cached] of analyses) {
        const file = uriToPath(other);
        if (other !== uri && file !== undefined) open.push({ file, view: workspaceView(cached.view.analysis.zone) });
      }
      const exclude = new Set(open.map((z) => z.file));
      if (own !== undefined) exclude.add(own);
      return [...open, ...workspaceZones.views(exclude)];
    };
    return {
      settings: {
        ...settings,
        get workspace(): OtherZones {
          return (zones ??= gather());
        },
      },
      consulted: () => zones !== undefined,
    };
  }

  /** The open zones answer for their names first (the document itself first of all), then live DNS when allowed. */
  async function resolverFor(uri: string | undefined): Promise<{ resolver: Resolver; live: boolean }> {
    const own = uri === undefined ? undefined : await openAnalysis(uri);
    const sources: ZoneSource[] = [];
    if (own) sources.push({ zone: own.analysis.zone, apexes: zoneApexes(own.analysis.view) });
    for (const [other, cached] of analyses) if (other !== uri) sources.push({ zone: cached.view.analysis.zone, file: uriToPath(other) });
    // Open documents answer with their current text; the other zone files of the workspace from disk.
    const open = new Set([...analyses.keys()].map(uriToPath).filter((p): p is string => p !== undefined));
    sources.push(...workspaceZones.sources(open));
    const settings = uri === undefined ? await globalSettings() : await settingsFor(uri);
    const fallback = liveResolver(settings);
    return { resolver: new ZoneResolver(sources, fallback ?? offlineResolver), live: fallback !== undefined };
  }

  /** The zones other than `uri` that names are looked up in: open documents as last analysed, then the workspace's files. */
  function otherZones(uri: string): OtherZone[] {
    const open: OtherZone[] = [];
    for (const [other, cached] of analyses) if (other !== uri) open.push({ uri: other, view: cached.view.analysis.view });
    const exclude = new Set([...analyses.keys()].map(uriToPath).filter((p): p is string => p !== undefined));
    return [...open, ...workspaceZones.views(exclude).map((z) => ({ uri: pathToUri(z.file), view: z.view }))];
  }

  const features = createFeatures({ analysis: openAnalysis, settings: settingsFor, liveTrees: (uri) => liveTrees.get(uri), otherZones, client: () => client });
  const executeCommand = createCommands({
    analysis: openAnalysis,
    resolver: resolverFor,
    applyEdit: async (label, view, edits) => {
      const result = await connection.sendRequest(ApplyWorkspaceEditRequest.type, { label, edit: view.toWorkspaceEdit(edits) });
      return result.applied;
    },
    showMessage: (type, message) => void connection.sendNotification(ShowMessageNotification.type, { type, message }),
    now: () => new Date(),
    probeNetwork: async (uri) => {
      const settings = await settingsFor(uri);
      return settings.dns.enabled ? { dns: settings.dns.servers } : undefined;
    },
    locate: features.locateName,
  });

  // The handler table: every LSP method the server answers, each wrapped so an exception is logged and answered empty.
  connection.onInitialize(runSafe<InitializeParams, InitializeResult>(log, 'initialize', initialize, () => ({ capabilities: {} })));
  connection.onInitialized(runSafeNotification(log, 'initialized', initialized));
  connection.onDidChangeConfiguration(runSafeNotification(log, 'workspace/didChangeConfiguration', changeConfiguration));
  connection.onCodeAction(runSafe(log, 'textDocument/codeAction', async (p: CodeActionParams) => codeActionsForClient(await codeActions(p), client, (uri) => documents.get(uri)?.version), () => []));
  connection.onHover(runSafe(log, 'textDocument/hover', features.hover, () => null));
  connection.onCompletion(runSafe(log, 'textDocument/completion', features.completion, () => []));
  connection.onDocumentSymbol(runSafe(log, 'textDocument/documentSymbol', features.documentSymbols, () => []));
  connection.onFoldingRanges(runSafe(log, 'textDocument/foldingRange', features.foldingRanges, () => []));
  connection.onDocumentLinks(runSafe(log, 'textDocument/documentLink', features.documentLinks, () => []));
  connection.onDocumentFormatting(runSafe(log, 'textDocument/formatting', features.formatting, () => []));
  connection.onCodeLens(runSafe(log, 'textDocument/codeLens', features.codeLenses, () => []));
  connection.onDefinition(runSafe(log, 'textDocument/definition', features.definition, () => []));
  connection.onReferences(runSafe(log, 'textDocument/references', features.references, () => []));
  connection.onDocumentHighlight(runSafe(log, 'textDocument/documentHighlight', features.documentHighlights, () => []));
  connection.onExecuteCommand(runSafe(log, 'workspace/executeCommand', withApplyFix(executeCommand, { applyEdit: async (label, edit) => (await connection.sendRequest(ApplyWorkspaceEditRequest.type, { label, edit })).applied, versionOf: (uri) => documents.get(uri)?.version }), () => null));
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
