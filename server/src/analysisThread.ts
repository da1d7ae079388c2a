/**
 * The main thread's side of the analysis worker (analysisWorker.ts): it
 * forwards the open documents' changes, sends analysis requests and settles
 * each with the worker's answer, stops a request that a newer version made
 * stale, and starts a fresh worker when one dies. The worker's script is the
 * server's entry point (main.ts passes its own file), which serves analyses
 * when it finds itself on a worker thread.
 */
import { Worker } from 'node:worker_threads';
import { CANCEL_SLOTS, type AnalyseRequest, type AnalyseResult, type ToWorker, type WorkerData } from './analysisProtocol';

export interface AnalysisThreadHost {
  /** What a fresh worker must be told first: every open document and the workspace roots. */
  replay(): ToWorker[];
  log(message: string): void;
}

interface Pending {
  readonly uri: string;
  readonly version: number;
  readonly settle: (result: AnalyseResult) => void;
}

export class AnalysisThread {
  private worker: Worker | undefined;
  private readonly cancel = new SharedArrayBuffer(CANCEL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  private readonly flags = new Int32Array(this.cancel);
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped = false;
  /** Workers started after the first one, for the log and the tests. */
  restarts = 0;

  constructor(
    private readonly host: AnalysisThreadHost,
    /** The file the worker runs: the server's entry point, which serves analyses off the main thread. */
    private readonly script: string,
  ) {}

  /** Sends a document change, an open or close, or the roots; starts the worker when none runs. */
  post(message: ToWorker): void {
    if (this.stopped) return;
    this.running().postMessage(message);
  }

  /** Analyses the version of `uri` the worker was last sent; settles when the worker answers, stops or dies. */
  analyse(request: Omit<AnalyseRequest, 'type' | 'id'>): Promise<AnalyseResult> {
    // Ids wrap within a safe range; a cancellation slot is reused only after CANCEL_SLOTS further requests.
    const id = this.nextId;
    this.nextId = this.nextId >= 0x3fffffff ? 1 : this.nextId + 1;
    if (this.stopped) return Promise.resolve({ type: 'superseded', id });
    return new Promise((settle) => {
      this.pending.set(id, { uri: request.uri, version: request.version, settle });
      this.post({ type: 'analyse', id, ...request });
    });
  }

  /**
   * Stops the requests for `uri` older than `version` (every one when
   * `version` is undefined: a close or new settings); the worker notices at
   * its next look at the stop signal, mid-parse or mid-rule.
   */
  supersede(uri: string | undefined, version?: number): void {
    for (const [id, request] of this.pending) {
      if ((uri === undefined || request.uri === uri) && (version === undefined || request.version < version)) Atomics.store(this.flags, id % CANCEL_SLOTS, id);
    }
  }

  /** Ends the worker with the server: pending requests settle as superseded. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    this.settleAll((id) => ({ type: 'superseded', id }));
    await worker?.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: { cancel: this.cancel } satisfies WorkerData });
    // The worker never keeps the server alive: the server ends when its connection does, and the thread with it.
    worker.unref();
    worker.on('message', (result: AnalyseResult) => {
      const request = this.pending.get(result.id);
      this.pending.delete(result.id);
      request?.settle(result);
    });
    worker.on('error', (error) => this.died(worker, error instanceof Error ? (error.stack ?? error.message) : String(error)));
    worker.on('exit', (code) => this.died(worker, `the analysis worker exited with code ${code}`));
    this.worker = worker;
    for (const message of this.host.replay()) worker.postMessage(message);
    return worker;
  }

  /**
   * A worker that died (a bug that threw outside an analysis, running out of
   * memory) fails the requests it held, each with the cause, and the next
   * message starts a fresh one that is sent every open document again.
   */
  private died(worker: Worker, cause: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.stopped) return;
    this.restarts++;
    this.host.log(`The analysis worker stopped (${cause}); a new one starts with the next analysis.`);
    this.settleAll((id) => ({ type: 'failed', id, error: cause }));
  }

  private settleAll(result: (id: number) => AnalyseResult): void {
    const all = [...this.pending];
    this.pending.clear();
    for (const [id, request] of all) {
      Atomics.store(this.flags, id % CANCEL_SLOTS, 0);
      request.settle(result(id));
    }
  }
}
