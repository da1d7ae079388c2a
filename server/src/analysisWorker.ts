/**
 * The analysis worker thread: it keeps a copy of every open document, parses
 * and checks one on request, and answers with the findings. It runs the
 * rules off the language server's main thread, which meanwhile answers
 * hover, completion and other documents; a newer version of the document
 * stops the work mid-way through the shared cancellation array, which the
 * core's stop signal reads once per entry and per record a rule checks.
 *
 * The worker runs the server's own entry point (dist/server.js, or
 * out/server/src/main.js), which calls {@link serveAnalyses} when it is not
 * the main thread: one bundle holds both sides, so the package does not
 * carry the core twice.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CANCEL_SLOTS, type AnalyseRequest, type AnalyseResult, type ToWorker, type WorkerData } from './analysisProtocol';
import { noFiles } from './core/io';
import { analyzeParsed, parseDocument, type Analysis } from './core/service';
import { AnalysisStopped, deadline, type StopSignal } from './core/stop';
import { noteEdit, ZoneDocument, type PendingEdit } from './document';
import { pathToUri, uriToPath } from './uris';
import { IncludeReader } from './node/includeReader';
import { WorkspaceZones, withWorkspace, type OpenZone } from './node/workspaceZones';

/** Thrown by the stop signal when the main thread has asked for the request to stop. */
class Superseded extends Error {}

/** The shared cancellation flags (see analysisThread.ts), set when the thread starts serving. */
let cancel: Int32Array<ArrayBufferLike> = new Int32Array(0);
const documents = new Map<string, ZoneDocument>();
/** The edit each document has had since the worker last parsed it (see document.ts). */
const edits = new Map<string, PendingEdit>();
/** The last finished analysis per document: the next edit is analysed from it, and other zones' checks read it. */
const analyses = new Map<string, { readonly version: number; readonly analysis: Analysis; readonly crossZone: boolean }>();
let workspaceZones = new WorkspaceZones([]);
const includes = new IncludeReader([], (file) => documents.get(pathToUri(file))?.getText());

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'open':
      documents.set(message.uri, ZoneDocument.create(message.uri, message.languageId, message.version, message.text));
      analyses.delete(message.uri);
      edits.delete(message.uri);
      return;
    case 'change': {
      const document = documents.get(message.uri);
      if (!document) return;
      noteEdit(edits, document, message.changes);
      ZoneDocument.update(document, message.changes, message.version);
      return;
    }
    case 'close':
      documents.delete(message.uri);
      analyses.delete(message.uri);
      edits.delete(message.uri);
      return;
    case 'roots':
      includes.setRoots(message.roots);
      workspaceZones = new WorkspaceZones(message.roots);
      return;
    case 'analyse':
      parentPort!.postMessage(analyse(message));
  }
}

function analyse(request: AnalyseRequest): AnalyseResult {
  const id = request.id;
  const document = documents.get(request.uri);
  // The main thread sends a change before it asks for its version, so a mismatch means a newer one is on its way.
  if (!document || document.version !== request.version) return { type: 'superseded', id };
  const budget = deadline(request.timeoutMs, () => performance.now());
  const slot = id % CANCEL_SLOTS;
  const stop: StopSignal = {
    check() {
      // One atomic read: cheap enough for every entry and record, and the main thread's word takes effect at once.
      if (Atomics.load(cancel, slot) === id) throw new Superseded();
      budget.check();
    },
  };
  const edit = edits.get(request.uri);
  edits.delete(request.uri);
  const previous = analyses.get(request.uri);
  const since = edit && edit !== 'many' && previous && previous.version === edit.fromVersion ? { zone: previous.analysis.zone, change: edit.change } : undefined;
  let stage: 'reading' | 'checking' = 'reading';
  try {
    const file = request.file;
    const parsed = parseDocument({ text: document.getText(), file, origin: request.origin, reader: file === undefined ? noFiles : includes.for(file), stop }, since);
    stage = 'checking';
    const options = withWorkspace({ ...request.settings, stop }, uriToPath(request.uri), () => otherOpenZones(request.uri), workspaceZones);
    const analysis = analyzeParsed(parsed, options.settings, previous?.analysis ?? 'none');
    // Findings kept from the last analysis may have been judged from other zones.
    const crossZone = options.consulted() || (parsed.edit !== undefined && previous?.crossZone === true);
    analyses.set(request.uri, { version: request.version, analysis, crossZone });
    return { type: 'done', id, findings: analysis.findings, incremental: analysis.incremental === true, crossZone };
  } catch (error) {
    // What the document holds now is known only partly: its next analysis starts afresh.
    analyses.delete(request.uri);
    if (error instanceof Superseded) return { type: 'superseded', id };
    if (error instanceof AnalysisStopped) return { type: 'stopped', id, budgetMs: error.budgetMs, stage };
    return { type: 'failed', id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    Atomics.store(cancel, slot, 0);
  }
}

/** The other open documents as this thread last analysed them, for the cross-zone checks of `uri`'s analysis. */
function* otherOpenZones(uri: string): Iterable<OpenZone> {
  for (const [other, kept] of analyses) {
    const file = uriToPath(other);
    if (other !== uri && file !== undefined) yield { file, zone: kept.analysis.zone };
  }
}

/**
 * Serves analyses on this worker thread. The server's entry point (main.ts)
 * calls it when it finds itself started as a worker, so the worker is the
 * server's own file and the package carries the analysis code once.
 */
export function serveAnalyses(): void {
  cancel = new Int32Array((workerData as WorkerData).cancel);
  parentPort!.on('message', handle);
}
