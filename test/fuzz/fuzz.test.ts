/**
 * The CI pass of the property-based fuzzer: every property of
 * properties.ts, 20,000+ cases in all, from one seed. The seed is printed;
 * set MAILZONE_FUZZ_SEED to replay a run, or use `npm run fuzz -- --seed N`
 * for a longer one. A failure prints the shrunk counterexample and the
 * seed and path that reproduce it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { fuzzProperties, LARGE_PROPERTY, type WorkerResult, type WorkerTask } from './properties';

/** A fixed seed by default, so CI runs the same cases every time; any other is a replay or an exploration. */
const SEED = process.env.MAILZONE_FUZZ_SEED ? Number(process.env.MAILZONE_FUZZ_SEED) : 20240607;
/** Cases over all properties; shared out by the properties' weights. */
const TOTAL_CASES = Number(process.env.MAILZONE_FUZZ_CASES ?? 20_000);
const LARGE_CASES = 12;

/** Only a hang gets near this: the cases take a few seconds per thousand. MAILZONE_FUZZ_HANG_MS shortens it. */
const HANG_MS = Number(process.env.MAILZONE_FUZZ_HANG_MS ?? 600_000);
/** A batch's heap: far above what the largest input needs, so that a loop that only grows memory fails the test instead of filling the machine. */
const HEAP_MB = 2048;

/**
 * One property's batch in a worker thread: a case that never returns is
 * stopped after {@link HANG_MS} and fails the test with the seed, where a
 * synchronous run would hang the tier; one that outgrows {@link HEAP_MB}
 * ends the worker with an error and fails it too.
 */
function run(name: string, numRuns: number): Promise<void> {
  const task: WorkerTask = { name, seed: SEED, numRuns };
  const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: task, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${name}: a case did not finish within ${HANG_MS / 1000} s (MAILZONE_FUZZ_SEED=${SEED} runs this pass again)`));
    }, HANG_MS);
    worker.once('message', (result: WorkerResult) => {
      clearTimeout(timer);
      void worker.terminate();
      if (result.failure) reject(new Error(`${result.failure}\n  (MAILZONE_FUZZ_SEED=${SEED} runs this pass again)`));
      else if (result.numRuns !== numRuns) reject(new Error(`${name}: ran ${result.numRuns} of ${numRuns} cases`));
      else resolve();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

describe(`fuzz (seed ${SEED})`, () => {
  const properties = fuzzProperties();
  const weights = properties.reduce((n, p) => n + p.weight, 0);
  let total = 0;
  for (const { name, weight } of properties) {
    const runs = Math.ceil((TOTAL_CASES * weight) / weights);
    total += runs;
    it(`${name}: ${runs} cases`, () => run(name, runs));
  }

  it(`100 KB inputs finish within the hang bound: ${LARGE_CASES} cases`, () => run(LARGE_PROPERTY, LARGE_CASES));

  it(`ran at least 20,000 cases (${total})`, () => {
    console.log(`fuzz: seed ${SEED}, ${total + LARGE_CASES} cases`);
    assert.ok(total >= TOTAL_CASES);
  });
});
