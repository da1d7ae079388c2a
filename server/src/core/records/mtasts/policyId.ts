/**
 * New MTA-STS policy ids for quick fixes. The id only has to differ from the
 * previous one (RFC 8461 §3.1); a UTC timestamp, as in the RFC's own example
 * `20160831085700Z`, also says when the policy last changed.
 */

/**
 * Hosts and tests may put a clock in the analysis options; the core reads
 * no clock of its own when one is given, so fixes are reproducible.
 */
export interface ClockOption {
  readonly now?: () => Date;
}

export function nowFrom(options: object): Date {
  const now = (options as ClockOption).now;
  return now ? now() : new Date();
}

/** `20240601T120000Z` → the RFC's form: digits of the UTC date and time, then `Z`. */
export function timestampId(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`;
}

/** RFC 8461 §3.1: `sts-id = %s"id=" 1*32(ALPHA / DIGIT)`. */
export const POLICY_ID = /^[A-Za-z0-9]{1,32}$/;
