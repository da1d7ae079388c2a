/**
 * How a host stops a parse or an analysis that has run too long. Every loop
 * of the core is bounded by its input, but a bound in records is not a
 * bound in time: an editor wants its answer within a budget whatever the
 * document holds, and a check that is merely slow must not hold the
 * language server's thread. So the parser asks once per entry and per
 * generated record, and the analysis once per rule pass and per record a
 * rule checks; the host's signal throws {@link AnalysisStopped} when its
 * budget is spent, and the host reports that instead of findings. The core
 * reads no clock itself: the host passes one (core/io.ts's rule for I/O).
 */

export interface StopSignal {
  /** Throws {@link AnalysisStopped} once the host wants the work to stop; otherwise returns at once. */
  check(): void;
}

export class AnalysisStopped extends Error {
  constructor(
    /** The budget that ran out, in milliseconds. */
    readonly budgetMs: number,
  ) {
    super(`analysis stopped after ${budgetMs} ms`);
  }
}

/**
 * Checks the clock only every this many calls: a check is a counter
 * increment, and one clock read per few hundred entries or rule units keeps
 * the overrun after the deadline under a millisecond for any bounded step.
 */
const CLOCK_EVERY = 256;

/**
 * A signal that stops the work `budgetMs` milliseconds after it was made,
 * reading time from `now` (milliseconds, monotonic: `performance.now`).
 */
export function deadline(budgetMs: number, now: () => number): StopSignal {
  const end = now() + budgetMs;
  let calls = 0;
  return {
    check() {
      if (++calls % CLOCK_EVERY === 0 && now() > end) throw new AnalysisStopped(budgetMs);
    },
  };
}
