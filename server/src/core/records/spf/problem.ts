/**
 * What the SPF parser could not accept. Every kind makes check_host() return
 * permerror (RFC 7208 §4.6), so an evaluator treats them alike; the kinds
 * exist because each is reported by its own rule.
 */
export type SpfErrorKind =
  /** The §12 grammar: the message says what was expected. Reported by `spf-syntax`. */
  | 'syntax'
  /** A character outside US-ASCII (§3.1). Reported by `spf-non-ascii`. */
  | 'non-ascii'
  /** A `c`, `r` or `t` macro outside explanation text (§7.3). Reported by `spf-macro-context`. */
  | 'macro-context'
  /** `redirect` or `exp` given twice (§6). Reported by `spf-duplicate-modifier`. */
  | 'duplicate-modifier';

/** A problem at value offsets [start, end) of the parsed text. */
export interface SpfError {
  readonly kind: SpfErrorKind;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** Text quoted in a message, shortened so a pathological record cannot make a huge message. */
export function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
