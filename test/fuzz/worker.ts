/**
 * Runs one fuzz property in a worker thread for fuzz.test.ts, so that a
 * case that never ends (a loop that lost its bound) can be stopped: the test
 * ends the worker after its time limit and fails, instead of the tier
 * hanging on a synchronous loop.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { describeFailure, fuzzProperties, largeProperty, LARGE_PROPERTY, type WorkerResult, type WorkerTask } from './properties';

// The test runner also loads this file on its own, outside a worker: then there is nothing to do.
if (!isMainThread && parentPort) {
  const task = workerData as WorkerTask;
  const property = task.name === LARGE_PROPERTY ? largeProperty() : fuzzProperties().find((p) => p.name === task.name)?.property;
  if (!property) throw new Error(`no fuzz property named '${task.name}'`);
  const details = fc.check(property, { seed: task.seed, numRuns: task.numRuns });
  const result: WorkerResult = { numRuns: details.numRuns, failure: details.failed ? describeFailure(task.name, details) : undefined };
  parentPort.postMessage(result);
}
