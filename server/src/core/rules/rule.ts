import type { Span } from '../text/span';

export type Severity = 'error' | 'warning' | 'info';
/** What a user may set per rule in `mailzone.rules.<id>`. */
export type SeveritySetting = Severity | 'off';

/** A change to one file's text. `file` undefined is the analysed document. */
export interface TextEdit {
  readonly file?: string;
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one fix that is clearly right; editors may apply it with one key. */
  readonly preferred?: boolean;
}

/** Another place a finding is about: one finding per cause, with each place it shows still reachable. */
export interface RelatedPlace {
  readonly file?: string;
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly span: Span;
  readonly fixes?: readonly Fix[];
  /** The other places of the one cause (each name a per-zone finding lists), for LSP relatedInformation. */
  readonly related?: readonly RelatedPlace[];
}

export interface ReportOptions {
  /** For rules whose severity depends on the case (dkim-key-size: E under 1024 bits, W below 2048). */
  readonly severity?: Severity;
  readonly fixes?: readonly Fix[];
  /** The file the span points into, when not the analysed document. */
  readonly file?: string;
  readonly related?: readonly RelatedPlace[];
}

export type Report = (span: Span, message: string, options?: ReportOptions) => void;

/**
 * A rule is data plus one small function. The id is a contract: editors,
 * CI configurations and users' settings key on it, so it never changes.
 */
export interface RuleMeta {
  readonly id: string;
  /** Default severity; `ReportOptions.severity` and user settings override it. */
  readonly severity: Severity;
  /** One sentence: what the rule finds. Used for docs, settings and SARIF. */
  readonly summary: string;
  /** The section the rule rests on, e.g. `RFC 7208 §4.6.4`. */
  readonly rfc: string;
}

export interface Rule<T> extends RuleMeta {
  check(target: T, report: Report): void;
}

export const DOCS_BASE = 'https://github.com/mailzone/mailzone/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
