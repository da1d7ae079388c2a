/**
 * The language server: LSP in, the analysis core, LSP out. It owns document
 * state, settings, scheduling and publishing; what a diagnostic means is the
 * core's business, and how offsets become positions is `convert.ts`'s.
 */
import {
  ApplyWorkspaceEditRequest,
  CodeActionKind,
  type CodeActionParams,
  DidChangeConfigurationNotification,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type DidChangeConfigurationParams,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type TextDocumentChangeEvent,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { clientFeatures, PLAIN_CLIENT, type ClientFeatures } from './clientCapabilities';
import { codeActionsForClient, compatCommandIds, withApplyFix } from './codeActionCompat';
import { COMMAND_IDS, createCommands } from './commands';
import { AnalysisView, diagnosticsForClient, pathToUri, uriToPath } from './convert';
import { CachingResolver } from './core/dns/cache';
import { offlineResolver, type Resolver } from './core/dns/resolver';
import { ZoneResolver, type ZoneSource } from './core/dns/zoneResolver';
import { noFiles } from './core/io';
import { mergeLiveFindings, resolveSpfTrees, sameFindings, spfLeavesDocument } from './core/records/spf/liveCheck';
import { checkReportAuthorizations, mergeAuthorizationFindings, unansweredAuthorizations } from './core/records/dmarc/liveCheck';
import { WorkspaceZones, withWorkspace, type OpenZone } from './node/workspaceZones';
import type { SpfTree } from './core/records/spf/tree';
import type { ResourceRecord } from './core/zone/ast';
import { zoneApexes } from './core/records/spf/zoneLookup';
import { analyzeDocument, modelOf as parsedModel, parseDocument, type Analysis } from './core/service';
import type { Finding } from './core/rules/rule';
import { AnalysisStopped, deadline } from './core/stop';
import { noteEdit, ZoneDocument, type PendingEdit } from './document';
import { answerBefore, editedModel, type EditedModel } from './beforeEdit';
import { documentRecords } from './core/features/locate';
import type { LineIndex } from './core/text/lineIndex';
import type { Span } from './core/text/span';
import { AnalysisThread } from './analysisThread';
import type { ToWorker } from './analysisProtocol';
import { IncludeReader } from './node/includeReader';
import { analyzePolicy } from './core/mtaStsPolicy/analyze';
import { isPolicyFile, policyDomainFromPath, zoneForPolicy } from './core/mtaStsPolicy/files';
import { DiagnosticStore } from './diagnosticStore';
import { DiagnosticCache } from './diagnosticCache';
import { onCodeAction, type CodeActionHost } from './handlers/codeActions';
import { onCodeLens } from './handlers/codeLens';
import { COMPLETION_TRIGGERS, onCompletion } from './handlers/completion';
import { onFormatting } from './handlers/formatting';
import type { OtherZone } from './handlers/host';
import { onHover } from './handlers/hover';
import { onDocumentLinks } from './handlers/links';
import { nameLocator, onDefinition, onDocumentHighlight, onReferences } from './handlers/names';
import { onDocumentSymbol, onFoldingRanges } from './handlers/outline';
import { LiveResolver, checkSignal } from './node/dnsResolver';
import { guessOrigin } from './node/origin';
import { runSafe, runSafeNotification } from './runner';
import { SECTION, analyzeSettings, type ServerSettings } from './settings';
import { Configuration } from './configuration';
import { STATUS_NOTIFICATION, describeAnalysis, statusParams, type AnalysisState } from './status';
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

/**
 * The code of the diagnostic that replaces a document's findings when its
 * analysis threw or the worker thread died under it (docs/rules/analysis-failed.md).
 */
export const ANALYSIS_FAILED = 'analysis-failed';

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

/** `workerScript`: the file the analysis worker runs, the server's entry point (see analysisThread.ts). */
export function startServer(connection: Connection, workerScript: string): void {
  const log = connection.console;
  /** The edit each open document has had since the main thread last parsed it (see document.ts). */
  const edits = new Map<string, PendingEdit>();
  /**
   * The rules run in a worker thread, which keeps its own copy of every open
   * document: each open and change is forwarded as it arrives (a few bytes
   * per keystroke), before the document itself moves on, so that a worker
   * started afresh is sent the text the change applies to.
   */
  const thread = new AnalysisThread({
    replay: () => [{ type: 'roots', roots }, ...documents.all().map((d): ToWorker => ({ type: 'open', uri: d.uri, languageId: d.languageId, version: d.version, text: d.getText() }))],
    log: (message) => log.error(message),
  }, workerScript);
  const documents = new TextDocuments<ZoneDocument>({
    create(uri, languageId, version, content) {
      thread.post({ type: 'open', uri, languageId, version, text: content });
      return ZoneDocument.create(uri, languageId, version, content);
    },
    update(document, changes, version) {
      noteEdit(edits, document, changes);
      const cache = diagnosticCaches.get(document.uri);
      if (cache) {
        // One range at a time: the offsets of each change are in the text the change before it made.
        for (const change of changes) {
          if (!('range' in change)) {
            cache.edited(undefined, undefined);
            continue;
          }
          const [start, end] = [document.offsetAt(change.range.start), document.offsetAt(change.range.end)].sort((a, b) => a - b);
          cache.edited({ start, end, newLength: change.text.length, text: change.text }, changes.length === 1 ? document.getText().slice(start, end) : undefined);
        }
      }
      thread.post({ type: 'change', uri: document.uri, version, changes });
      // The analysis of an older version is wasted work now: the worker drops it at its next look at the signal.
      thread.supersede(document.uri, version);
      return ZoneDocument.update(document, changes, version);
    },
  });
  const store = new DiagnosticStore();
  /** Each open document's last conversion of findings to diagnostics, which the next one reuses. */
  const diagnosticCaches = new Map<string, DiagnosticCache>();
  const cacheOf = (uri: string): DiagnosticCache => {
    let cache = diagnosticCaches.get(uri);
    if (!cache) diagnosticCaches.set(uri, (cache = new DiagnosticCache()));
    return cache;
  };
  const analyses = new Map<string, CachedAnalysis>();
  /** The main thread's parse of each open zone document's latest version asked for, with its settings generation. */
  const models = new Map<string, AnalysisView & { readonly generation: number }>();
  const timers = new Map<string, NodeJS.Timeout>();
  const configuration = new Configuration(connection);
  const settingsFor = (uri: string): Promise<ServerSettings> => configuration.for(uri);

  /** The client re-asks for code lenses when told to (`workspace/codeLens/refresh`). */
  let lensRefresh = false;
  /** The SPF lookup trees of the last live pass per document, for the lookup-count lenses. */
  const liveTrees = new Map<string, ReadonlyMap<ResourceRecord, SpfTree>>();
  let folderEvents = false;
  /** What the editor declared it can show; conversions follow it. */
  let client: ClientFeatures = PLAIN_CLIENT;
  let statusWanted = false;
  /** Bumped whenever settings may have changed; analyses from older generations are stale. */
  let generation = 0;
  let roots: string[] = [];
  /** The workspace's zone files that are not open: they answer includes and redirects too. */
  let workspaceZones = new WorkspaceZones([]);
  /** `$INCLUDE`s read open documents' current text, and nothing outside the workspace. */
  const includes = new IncludeReader([], (file) => documents.get(pathToUri(file))?.getText());

  function initialize(params: InitializeParams): InitializeResult {
    const workspace = params.capabilities.workspace;
    configuration.pull = workspace?.configuration === true;
    lensRefresh = workspace?.codeLens?.refreshSupport === true;
    folderEvents = workspace?.workspaceFolders === true;
    client = clientFeatures(params.capabilities);
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.trusted === 'boolean') configuration.trusted = options.trusted;
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
    if (configuration.pull) {
      // A client that is asked for settings must still be told to announce changes.
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(runSafeNotification(log, 'workspace/didChangeWorkspaceFolders', changeWorkspaceFolders));
    }
  }

  function setRoots(uris: readonly string[]): void {
    roots = uris.map(uriToPath).filter((p): p is string => p !== undefined);
    includes.setRoots(roots);
    workspaceZones = new WorkspaceZones(roots);
    thread.post({ type: 'roots', roots });
  }

  function changeWorkspaceFolders(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
    const kept = roots.filter((root) => !removed.has(root)).map(pathToUri);
    setRoots([...kept, ...event.added.map((f) => f.uri)]);
    settingsChanged();
  }

  function changeConfiguration(params: DidChangeConfigurationParams): void {
    configuration.changed(params.settings);
    settingsChanged();
  }

  function settingsChanged(): void {
    generation++;
    thread.supersede(undefined);
    configuration.forget();
    for (const document of documents.all()) schedule(document.uri, 0);
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
    const run = { version: document.version, generation, view: analyse(document, document.version) };
    inFlight.set(document.uri, run);
    try {
      return await run.view;
    } finally {
      if (inFlight.get(document.uri) === run) inFlight.delete(document.uri);
    }
  }

  async function analyse(document: ZoneDocument, version: number): Promise<AnalysisView> {
    const started = generation;
    const settings = await settingsFor(document.uri);
    // Settings arrive asynchronously, and the document object is updated in place: when the text has moved on
    // meanwhile, the run for the newest version (which a debounced edit may ask for too) is the one to share.
    const current = documents.get(document.uri) ?? document;
    if (current.version !== version) return analysisOf(current);
    const again = analyses.get(current.uri);
    if (again && again.view.version === current.version && again.generation === started) return again.view;
    const file = uriToPath(current.uri);
    const startedAt = performance.now();
    let analysis: Analysis;
    let crossZone = false;
    if (isPolicyDocument(current)) {
      analysis = policyAnalysis(current.getText(), file ?? uriName(current.uri), analyzeSettings(settings));
    } else {
      const request = thread.analyse({
        uri: current.uri,
        version: current.version,
        file,
        origin: guessOrigin(file ?? uriName(current.uri)),
        settings: analyzeSettings(settings),
        timeoutMs: settings.analysis.timeoutMs,
      });
      // This thread parses for itself too: hover, completion and the conversion of the findings read this model,
      // which never crosses the thread boundary. A document without a model yet (just opened, or new settings)
      // is parsed while the worker works, on the other core; after an edit the model is made when the findings
      // arrive, so that meanwhile the requests right behind the edit are answered from the model before it
      // (see beforeEdit.ts), or make it themselves when they must.
      const previous = models.get(current.uri);
      if (!previous || previous.generation !== generation) modelOf(current, settings);
      const result = await request;
      // Findings of a version the document has moved past are of no use: analyse what is current now.
      const now = documents.get(current.uri);
      if (now && now.version !== version) return analysisOf(now);
      const model = modelOf(current, settings).analysis;
      if (result.type === 'superseded') {
        // New settings stopped the work: analyse again. Nothing newer (a server shutting down) leaves the
        // version without findings rather than asking again and again.
        if (now && generation !== started) return analysisOf(now);
        analysis = model;
      } else if (result.type === 'stopped') {
        analysis = { ...model, findings: [stoppedFinding(model.text, result.budgetMs, result.stage)] };
        connection.console.warn(`${current.uri}: ${analysis.findings[0].message}`);
      } else if (result.type === 'failed') {
        log.error(`The analysis of ${current.uri} (version ${current.version}) failed: ${result.error}`);
        analysis = { ...model, findings: [failedFinding(model.text, result.error)] };
      } else {
        analysis = { ...model, findings: result.findings, incremental: result.incremental || undefined };
        crossZone = result.crossZone;
      }
    }
    const view = new AnalysisView(current.uri, current.version, analysis, current.lines);
    if (documents.get(current.uri)) analyses.set(current.uri, { view, generation: started, crossZone });
    durations.set(view, performance.now() - startedAt);
    log.info(describeAnalysis(uriName(current.uri), current.version, analysis, durations.get(view)!));
    return view;
  }

  /**
   * The main thread's model of a zone document's current version: its
   * parse, without findings, made from the last model by re-reading the
   * edited entry when one edit came in between. Hover, completion and the
   * other features answer from it at once, whatever analysis is running.
   */
  function modelOf(document: ZoneDocument, settings: ServerSettings): AnalysisView {
    const cached = models.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === generation) return cached;
    const edit = edits.get(document.uri);
    edits.delete(document.uri);
    const since = edit && edit !== 'many' && cached && cached.version === edit.fromVersion ? { zone: cached.analysis.zone, change: edit.change } : undefined;
    const file = uriToPath(document.uri);
    const text = document.getText();
    const options = withWorkspace(analyzeSettings(settings), uriToPath(document.uri), () => otherOpenZones(document.uri), workspaceZones).settings;
    let analysis: Analysis;
    try {
      // The same budget as the worker's: a file too large to read in time is answered from an empty zone.
      const stop = deadline(settings.analysis.timeoutMs, () => performance.now());
      const parsed = parseDocument({ text, file, origin: guessOrigin(file ?? uriName(document.uri)), reader: file === undefined ? noFiles : includes.for(file), stop }, since);
      analysis = parsedModel(parsed, options, cached?.analysis);
    } catch (error) {
      if (!(error instanceof AnalysisStopped)) throw error;
      analysis = { ...parsedModel(parseDocument({ text: '' }), options), text };
    }
    const model = Object.assign(new AnalysisView(document.uri, document.version, analysis, document.lines), { generation });
    models.set(document.uri, model);
    // The model before this one answers nothing any more: let it go.
    if (lastEdited?.model.uri === document.uri) lastEdited = undefined;
    return model;
  }

  /**
   * What a document whose parse or analysis ran past its budget shows: one
   * warning at its first line and no other finding. Hover and completion
   * answer from the main thread's model as for any version; the next edit
   * analyses afresh.
   */
  function stoppedFinding(text: string, budgetMs: number, stage: 'reading' | 'checking'): Finding {
    const seconds = budgetMs >= 1000 ? `${Number((budgetMs / 1000).toFixed(1))} s` : `${budgetMs} ms`;
    const message =
      `Mailzone stopped ${stage === 'reading' ? 'reading the records of' : 'checking'} this file after ${seconds} (mailzone.analysis.timeoutMs), ` +
      'so no other finding is shown for this version. Hover, completion and other files are still answered; the next edit starts the analysis again.';
    return { rule: ANALYSIS_STOPPED, severity: 'warning', message, span: firstLine(text) };
  }

  /** What a document shows when its analysis threw or the worker died under it; the log has the stack. */
  function failedFinding(text: string, error: string): Finding {
    const cause = error.split('\n', 1)[0];
    const message = `Mailzone could not check this file: its analysis failed (${cause}). This is a bug in Mailzone; the server log has the details, and the next edit starts the analysis again.`;
    return { rule: ANALYSIS_FAILED, severity: 'error', message, span: firstLine(text) };
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
    await publish(store.set(uri, view.diagnostics(cacheOf(uri)), view.version), view);
    sendStatus(uri, view.version, 'ready', view.analysis, durations.get(view));
    // With the diagnostics out, make the edited text one string while the user is between keystrokes (see document.ts),
    // and list the document's own records (a pass over every record), which the next edit's hovers find records in.
    documents.get(uri)?.settle();
    if (isZoneDocument(document)) documentRecords(view.analysis.zone);
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
    // Trees that stay inside the document are the synchronous pass's: walking them again would run every tree
    // rule again on this thread after each edit and find the same (on the 100k zone, most of this thread's work).
    const walkSpf = hasSpf && (live || analyses.size > 1 || roots.length > 0) && spfLeavesDocument(zone);
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
    publish(store.set(uri, merged.diagnostics(cacheOf(uri)), merged.version), merged);
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
        models.delete(other);
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
    models.delete(uri);
    diagnosticCaches.delete(uri);
    if (lastEdited?.model.uri === uri) lastEdited = undefined;
    thread.supersede(uri);
    thread.post({ type: 'close', uri });
    configuration.forget(uri);
    liveTrees.delete(uri);
    publish(store.remove(uri));
  }

  /** The finished analyses whose findings may be on `uri`: its own, waited for, then the open zones that may include it. */
  async function findingViews(uri: string): Promise<AnalysisView[]> {
    const views: AnalysisView[] = [];
    const own = documents.get(uri);
    if (own) views.push(await analysisOf(own));
    for (const [other, cached] of analyses) if (other !== uri) views.push(cached.view);
    return views;
  }

  /** The current analysis of an open zone document, findings and all: waits for the worker. */
  async function openAnalysis(uri: string): Promise<AnalysisView | undefined> {
    const document = documents.get(uri);
    return document && isZoneDocument(document) ? analysisOf(document) : undefined;
  }

  /**
   * The model of an open zone document's current version, for the editor
   * features and commands: its parse, answered without waiting for the
   * rules (the findings are the analysis's, when it has finished for this version).
   */
  async function openModel(uri: string): Promise<AnalysisView | undefined> {
    const document = documents.get(uri);
    if (!document || !isZoneDocument(document)) return undefined;
    const finished = analyses.get(uri);
    if (finished && finished.view.version === document.version && finished.generation === generation) return finished.view;
    const settings = await settingsFor(uri);
    const now = documents.get(uri);
    return now ? modelOf(now, settings) : undefined;
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

  /** The other open documents as last analysed, for the cross-zone checks of `uri`'s analysis. */
  function* otherOpenZones(uri: string): Iterable<OpenZone> {
    for (const [other, cached] of analyses) {
      const file = uriToPath(other);
      if (other !== uri && file !== undefined) yield { file, zone: cached.view.analysis.zone };
    }
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
    const settings = uri === undefined ? await configuration.global() : await settingsFor(uri);
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

  /** The last edited model made (see beforeEdit.ts), for the model and pending edit it was made for. */
  let lastEdited: { readonly model: AnalysisView; readonly edit: PendingEdit; readonly edited: EditedModel | undefined } | undefined;

  /**
   * Answers at once from the main thread's model of the version before the
   * one pending edit, when that edit cannot change the answer; the model of
   * the current version is then made when the worker's findings arrive.
   */
  function beforeEdit<T>(uri: string, position: Position, compute: (analysis: Analysis, offset: number) => T, respan: (value: T, move: (span: Span) => Span) => T): { readonly value: T; readonly lines: LineIndex } | undefined {
    const document = documents.get(uri);
    const model = models.get(uri);
    const edit = edits.get(uri);
    if (!document || !model || !edit || edit === 'many' || edit.fromVersion !== model.version || model.generation !== generation || !isZoneDocument(document)) return undefined;
    if (lastEdited?.model !== model || lastEdited.edit !== edit) lastEdited = { model, edit, edited: editedModel(model.analysis, edit.change) };
    const answer = lastEdited.edited && answerBefore(lastEdited.edited, document.offsetAt(position), compute, respan);
    return answer && { value: answer.value, lines: document.lines };
  }

  const host: CodeActionHost = { analysis: openModel, beforeEdit, settings: settingsFor, liveTrees: (uri) => liveTrees.get(uri), otherZones, client: () => client, findingViews };
  const executeCommand = createCommands({
    analysis: openModel,
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
    locate: nameLocator(host),
  });

  // The handler table: every LSP method the server answers, each wrapped so an exception is logged and answered empty.
  connection.onInitialize(runSafe<InitializeParams, InitializeResult>(log, 'initialize', initialize, () => ({ capabilities: {} })));
  connection.onInitialized(runSafeNotification(log, 'initialized', initialized));
  connection.onDidChangeConfiguration(runSafeNotification(log, 'workspace/didChangeConfiguration', changeConfiguration));
  const codeActions = onCodeAction(host);
  connection.onCodeAction(runSafe(log, 'textDocument/codeAction', async (p: CodeActionParams) => codeActionsForClient(await codeActions(p), client, (uri) => documents.get(uri)?.version), () => []));
  connection.onHover(runSafe(log, 'textDocument/hover', onHover(host), () => null));
  connection.onCompletion(runSafe(log, 'textDocument/completion', onCompletion(host), () => []));
  connection.onDocumentSymbol(runSafe(log, 'textDocument/documentSymbol', onDocumentSymbol(host), () => []));
  connection.onFoldingRanges(runSafe(log, 'textDocument/foldingRange', onFoldingRanges(host), () => []));
  connection.onDocumentLinks(runSafe(log, 'textDocument/documentLink', onDocumentLinks(host), () => []));
  connection.onDocumentFormatting(runSafe(log, 'textDocument/formatting', onFormatting(host), () => []));
  connection.onCodeLens(runSafe(log, 'textDocument/codeLens', onCodeLens(host), () => []));
  connection.onDefinition(runSafe(log, 'textDocument/definition', onDefinition(host), () => []));
  connection.onReferences(runSafe(log, 'textDocument/references', onReferences(host), () => []));
  connection.onDocumentHighlight(runSafe(log, 'textDocument/documentHighlight', onDocumentHighlight(host), () => []));
  connection.onExecuteCommand(runSafe(log, 'workspace/executeCommand', withApplyFix(executeCommand, { applyEdit: async (label, edit) => (await connection.sendRequest(ApplyWorkspaceEditRequest.type, { label, edit })).applied, versionOf: (uri) => documents.get(uri)?.version }), () => null));
  documents.onDidChangeContent(runSafeNotification(log, 'textDocument/didChange', contentChanged));
  documents.onDidClose(runSafeNotification(log, 'textDocument/didClose', closed));

  // The worker ends with the server, whichever way the connection ends.
  connection.onShutdown(() => thread.stop());
  connection.onExit(() => void thread.stop());

  documents.listen(connection);
  connection.listen();
}

/** The span of a text's first line (at most 200 characters), where a diagnostic about the whole file goes. */
function firstLine(text: string): { start: number; end: number } {
  return { start: 0, end: Math.min(text.search(/\r?\n|$/), 200) };
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
