/**
 * The CI pass of the property-based fuzzer: every property of
 * properties.ts, 20,000+ cases in all, from one seed. The seed is printed;
 * set MAILZONE_FUZZ_SEED to replay a run, or use `npm run fuzz -- --seed N`
 * for a longer one. A failure prints the shrunk counterexample and the
 * seed and path that reproduce it.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { describeFailure, fuzzProperties, largeProperty } from './properties';

/** A fixed seed by default, so CI runs the same cases every time; any other is a replay or an exploration. */
const SEED = process.env.MAILZONE_FUZZ_SEED ? Number(process.env.MAILZONE_FUZZ_SEED) : 20240607;
/** Cases over all properties; shared out by the properties' weights. */
const TOTAL_CASES = Number(process.env.MAILZONE_FUZZ_CASES ?? 20_000);
const LARGE_CASES = 12;

/** Only a hang gets near this: the cases take a few seconds per thousand. */
const HANG = { timeout: 600_000 };

function run(name: string, property: fc.IProperty<unknown[]>, numRuns: number): void {
  const details = fc.check(property, { seed: SEED, numRuns });
  if (details.failed) assert.fail(`${describeFailure(name, details)}\n  (MAILZONE_FUZZ_SEED=${SEED} runs this pass again)`);
  assert.equal(details.numRuns, numRuns);
}

describe(`fuzz (seed ${SEED})`, () => {
  const properties = fuzzProperties();
  const weights = properties.reduce((n, p) => n + p.weight, 0);
  let total = 0;
  for (const { name, weight, property } of properties) {
    const runs = Math.ceil((TOTAL_CASES * weight) / weights);
    total += runs;
    it(`${name}: ${runs} cases`, HANG, () => run(name, property, runs));
  }

  it(`100 KB inputs finish within the hang bound: ${LARGE_CASES} cases`, HANG, () => run('100 KB inputs', largeProperty(), LARGE_CASES));

  it(`ran at least 20,000 cases (${total})`, () => {
    console.log(`fuzz: seed ${SEED}, ${total + LARGE_CASES} cases`);
    assert.ok(total >= TOTAL_CASES);
  });
});
