// Waiting without fixed sleeps: a condition is re-checked until it holds or a
// deadline passes, so a fast machine finishes quickly and a slow one still passes.

/**
 * Calls `probe` until it returns a value other than `undefined`, and returns that value.
 * Past the deadline it throws, naming what was awaited and what was last observed.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  observed: () => string,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last observed: ${observed()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
