/**
 * The language server as an editor sees it: `node dist/server.js --stdio`,
 * spoken to over LSP. didOpen → first publishDiagnostics, one-character
 * edits inside a TXT record → publishDiagnostics (sent as the server asks:
 * the changed range under incremental sync, as VS Code sends it, else the
 * whole text),
 * hover and completion round trips at random positions — sent right after
 * each edit, while the server analyses it, and again with the server idle —
 * and the server's resident memory and CPU time from /proc.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD, ROOT, log, percentile, procCpuMs, procMemory, round, seededRandom, startProcess, stopProcess } from './util.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const protocol = require('vscode-languageserver-protocol/node');

/** Nothing the server does for these zones takes this long; past it the benchmark reports a failure. */
const PATIENCE_MS = 300_000;

class Session {
  constructor(child, connection) {
    this.child = child;
    this.connection = connection;
    this.published = [];
    this.waiters = [];
    this.stderr = '';
  }

  static async start(workspace) {
    const child = startProcess(process.execPath, [path.join(BUILD, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = protocol.createProtocolConnection(new protocol.StreamMessageReader(child.stdout), new protocol.StreamMessageWriter(child.stdin));
    const session = new Session(child, connection);
    child.stderr.on('data', (chunk) => (session.stderr += chunk.toString()));
    // A server that dies (out of memory, a crash) fails whatever waits on it at once.
    child.once('exit', (code, signal) => {
      const error = new Error(`the language server exited (${signal ?? code}) ${session.stderr.slice(-1500)}`);
      for (const w of session.waiters) w.reject(error);
      session.waiters = [];
    });
    connection.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => session.arrived(params));
    connection.onRequest(protocol.ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    connection.onRequest(protocol.RegistrationRequest.type, () => undefined);
    connection.onNotification(protocol.LogMessageNotification.type, () => undefined);
    connection.listen();
    const folder = pathToFileURL(workspace).href;
    session.initializeResult = await connection.sendRequest(protocol.InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: path.basename(workspace) }],
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
        },
        workspace: { configuration: false, workspaceFolders: true },
      },
      // An untrusted workspace: no live DNS, so the server sends no packet anywhere.
      initializationOptions: { trusted: false },
    });
    await connection.sendNotification(protocol.InitializedNotification.type, {});
    return session;
  }

  arrived(params) {
    const at = performance.now();
    this.published.push({ params, at });
    const ready = this.waiters.filter((w) => w.uri === params.uri);
    this.waiters = this.waiters.filter((w) => w.uri !== params.uri);
    for (const w of ready) w.resolve({ params, at });
  }

  /** The next publishDiagnostics for `uri` after this call. */
  nextDiagnostics(uri) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no publishDiagnostics for ${uri} within ${PATIENCE_MS} ms; server stderr:\n${this.stderr.slice(-2000)}`)), PATIENCE_MS);
      this.waiters.push({
        uri,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  memory() {
    return procMemory(this.child.pid);
  }

  async stop() {
    try {
      await Promise.race([
        (async () => {
          await this.connection.sendRequest(protocol.ShutdownRequest.type);
          await this.connection.sendNotification(protocol.ExitNotification.type);
        })(),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ]);
    } catch {
      // The process is stopped below either way.
    }
    this.connection.dispose();
    await stopProcess(this.child);
  }
}

/** Opens the zone and waits for its diagnostics: the open latency, the diagnostics count and memory after it. */
async function open(session, zone) {
  const text = fs.readFileSync(zone.file, 'utf8');
  const uri = pathToFileURL(zone.file).href;
  const published = session.nextDiagnostics(uri);
  const cpuBefore = procCpuMs(session.child.pid);
  const sent = performance.now();
  await session.connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dns-zone', version: 1, text } });
  const { params, at } = await published;
  // The server's CPU time over the open, read at once: it includes the server's other threads, if it has any.
  const cpuMs = procCpuMs(session.child.pid) - cpuBefore;
  // A stopped or failed analysis publishes one diagnostic early: the time would then not be an analysis's.
  const unfinished = params.diagnostics.find((d) => d.code === 'analysis-stopped' || d.code === 'analysis-failed')?.code;
  return { uri, text, openMs: at - sent, openCpuMs: cpuMs, diagnostics: params.diagnostics.length, unfinished, memory: session.memory() };
}

/**
 * The TXT record edited: an SPF record near the middle of the document,
 * whose `-all` the edits turn into `~all` and back — a one-character change
 * inside the record's string, as a person tightening a policy makes it.
 */
function editTarget(text) {
  const from = Math.floor(text.length / 2);
  const at = text.indexOf(' -all"', from);
  if (at < 0) throw new Error('no SPF record with -all in the second half of the document');
  return at + 1;
}

function positionOf(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** A random position of the document, for hover and completion requests. */
function randomPosition(random, lines) {
  const line = Math.floor(random() * lines.length);
  return { line, character: Math.floor(random() * (lines[line].length + 1)) };
}

/**
 * `count` edits, each sent once the diagnostics of the one before have
 * arrived and `pauseMs` have passed: the server analyses an edit after a
 * pause at once and holds back the rest of a burst of typing (its
 * debounce), so without the pause every other edit would wait out the
 * debounce and the figure would measure the timer, not the server.
 *
 * Right behind each edit go one hover and one completion request at random
 * places, as an editor sends them while the user moves on: they arrive
 * while the server analyses the edit, and what they wait is what a user
 * waits for an answer then. Each notes whether it was answered before the
 * edit's diagnostics came, that is during the analysis.
 */
async function edits(session, opened, count, capMs, pauseMs, served) {
  const at = editTarget(opened.text);
  const position = positionOf(opened.text, at);
  let text = opened.text;
  const sync = session.initializeResult.capabilities.textDocumentSync;
  const incremental = (typeof sync === 'object' ? sync.change : sync) === protocol.TextDocumentSyncKind.Incremental;
  const latencies = [];
  const random = seededRandom(13);
  const lines = opened.text.split('\n');
  /** Per request kind: latencies of the requests sent right behind an edit, and how many were answered before its diagnostics. */
  const during = { hover: { latenciesMs: [], beforeDiagnostics: 0 }, completion: { latenciesMs: [], beforeDiagnostics: 0 } };
  const methods = [
    ['hover', 'textDocument/hover', served.hover],
    ['completion', 'textDocument/completion', served.completion],
  ].filter(([, , offered]) => offered);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (performance.now() - started > capMs) break;
    const next = text[at] === '-' ? '~' : '-';
    text = text.slice(0, at) + next + text.slice(at + 1);
    let diagnosticsAt;
    const published = session.nextDiagnostics(opened.uri).then((value) => {
      diagnosticsAt = value.at;
      return value;
    });
    const sent = performance.now();
    await session.connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: opened.uri, version: i + 2 },
      contentChanges: [incremental ? { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: next } : { text }],
    });
    const asked = methods.map(async ([name, method]) => {
      const requestSent = performance.now();
      await session.connection.sendRequest(method, { textDocument: { uri: opened.uri }, position: randomPosition(random, lines) });
      const answered = performance.now();
      during[name].latenciesMs.push(answered - requestSent);
      if (diagnosticsAt === undefined || answered < diagnosticsAt) during[name].beforeDiagnostics++;
    });
    const [{ at: arrived }] = await Promise.all([published, ...asked]);
    latencies.push(arrived - sent);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return { requested: count, measured: latencies.length, position, incremental, latenciesMs: latencies, during };
}

async function requests(session, opened, method, count, seed, capMs) {
  const random = seededRandom(seed);
  const lines = opened.text.split('\n');
  const latencies = [];
  let answered = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (performance.now() - started > capMs) break;
    const position = randomPosition(random, lines);
    const sent = performance.now();
    const result = await session.connection.sendRequest(method, { textDocument: { uri: opened.uri }, position });
    latencies.push(performance.now() - sent);
    if (result && (!Array.isArray(result) || result.length > 0) && (!result.items || result.items.length > 0)) answered++;
  }
  return { requested: count, measured: latencies.length, withResult: answered, latenciesMs: latencies };
}

const summarize = (values) => ({
  p50: round(percentile(values, 50), 2),
  p95: round(percentile(values, 95), 2),
  p99: round(percentile(values, 99), 2),
  max: round(Math.max(...values), 2),
});

/**
 * The whole language-server scenario on one zone. `editCount` and
 * `requestCount` are the counts; `editCapMs` and `requestCapMs` bound each
 * phase, because a slow server would otherwise stretch the run far past its
 * budget (the results say how many were measured).
 */
export async function measureLsp(zone, { editCount, requestCount, editCapMs, requestCapMs, pauseMs }) {
  const session = await Session.start(zone.dir);
  try {
    const capabilities = session.initializeResult.capabilities;
    const served = { hover: Boolean(capabilities.hoverProvider), completion: Boolean(capabilities.completionProvider) };
    const opened = await open(session, zone);
    log(`  didOpen → diagnostics ${round(opened.openMs, 0)} ms (CPU ${round(opened.openCpuMs, 0)} ms, ${opened.diagnostics} diagnostics), RSS ${round(opened.memory.rssKb / 1024, 0)} MB`);
    const edit = await edits(session, opened, editCount, editCapMs, pauseMs, served);
    const afterEdits = session.memory();
    log(`  ${edit.measured} edits: p50 ${round(percentile(edit.latenciesMs, 50), 0)} ms, p95 ${round(percentile(edit.latenciesMs, 95), 0)} ms; RSS after them ${round(afterEdits.rssKb / 1024, 0)} MB`);
    const duringEdits = {};
    for (const [name, d] of Object.entries(edit.during)) {
      if (d.latenciesMs.length === 0) continue;
      duringEdits[name] = { measured: d.latenciesMs.length, beforeDiagnostics: d.beforeDiagnostics, ...summarize(d.latenciesMs) };
      log(`  ${name} right after an edit: p50 ${duringEdits[name].p50} ms, p99 ${duringEdits[name].p99} ms (${d.beforeDiagnostics} of ${d.latenciesMs.length} answered before the edit's diagnostics)`);
    }
    const result = {
      openMs: round(opened.openMs, 1),
      openCpuMs: round(opened.openCpuMs, 0),
      diagnosticsAfterOpen: opened.diagnostics,
      unfinishedOpen: opened.unfinished,
      rssAfterOpenMB: round(opened.memory.rssKb / 1024, 1),
      peakRssAfterOpenMB: round(opened.memory.hwmKb / 1024, 1),
      edits: { requested: edit.requested, measured: edit.measured, line: edit.position.line + 1, incremental: edit.incremental, pauseMs, ...summarize(edit.latenciesMs) },
      rssAfterEditsMB: round(afterEdits.rssKb / 1024, 1),
      peakRssAfterEditsMB: round(afterEdits.hwmKb / 1024, 1),
      duringEdits,
      serverCapabilities: served,
    };
    for (const [name, method, seed, served] of [
      ['hover', 'textDocument/hover', 11, capabilities.hoverProvider],
      ['completion', 'textDocument/completion', 12, capabilities.completionProvider],
    ]) {
      if (!served) {
        result[name] = { served: false };
        log(`  ${name}: the server does not offer it (no ${name}Provider capability)`);
        continue;
      }
      const r = await requests(session, opened, method, requestCount, seed, requestCapMs);
      result[name] = { served: true, requested: r.requested, measured: r.measured, withResult: r.withResult, ...summarize(r.latenciesMs) };
      log(`  ${name}: p50 ${result[name].p50} ms, p99 ${result[name].p99} ms`);
    }
    result.rssAtEndMB = round(session.memory().rssKb / 1024, 1);
    return result;
  } finally {
    await session.stop();
  }
}

/** Opens a zone and reports the open latency and the server's memory with it open (the 1M-record target). */
export async function measureLspOpen(zone) {
  const session = await Session.start(zone.dir);
  try {
    let opened;
    try {
      opened = await open(session, zone);
    } catch (error) {
      // Running out of memory or time is this measurement's result, not a crash of the benchmark.
      let memory;
      try {
        memory = session.memory();
      } catch {
        memory = undefined;
      }
      log(`  ${zone.label}: the server did not publish diagnostics: ${error.message.split('\n')[0]}`);
      return { failed: error.message.split('\n')[0], rssAtFailureMB: memory && round(memory.rssKb / 1024, 1), peakRssMB: memory && round(memory.hwmKb / 1024, 1) };
    }
    log(`  ${zone.label}: didOpen → diagnostics ${round(opened.openMs, 0)} ms (CPU ${round(opened.openCpuMs, 0)} ms), RSS ${round(opened.memory.rssKb / 1024, 0)} MB`);
    return {
      openMs: round(opened.openMs, 1),
      openCpuMs: round(opened.openCpuMs, 0),
      diagnosticsAfterOpen: opened.diagnostics,
      unfinishedOpen: opened.unfinished,
      rssAfterOpenMB: round(opened.memory.rssKb / 1024, 1),
      peakRssAfterOpenMB: round(opened.memory.hwmKb / 1024, 1),
    };
  } finally {
    await session.stop();
  }
}
