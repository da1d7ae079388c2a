/**
 * The shapes of what the editor features answer: hover text, completion
 * items, and the answers a record kind gives about a position inside its
 * value. Record modules (records/<kind>/hover.ts, complete.ts) produce them
 * and features/ assembles them, so they live here, below both.
 */
import type { Span } from './span';

/** Hover content: Markdown, and the source span it explains (highlighted by editors). */
export interface HoverResult {
  readonly span: Span;
  readonly markdown: string;
}

export type CompletionKind = 'keyword' | 'property' | 'value' | 'function' | 'module' | 'snippet' | 'constant' | 'reference';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** A short line beside the label: "2 DNS lookups", "default: r". */
  readonly detail?: string;
  /** Markdown shown in the details pane. */
  readonly documentation?: string;
  /** Text to insert; a snippet with `${1:placeholder}` when `snippet` is true. */
  readonly insertText?: string;
  readonly snippet?: boolean;
  /** Source span the item replaces (the word being typed); the cursor position when absent. */
  readonly replace?: Span;
  /** Lower sorts first. Items of one list are ranked by relevance, not alphabet. */
  readonly sortText?: string;
  readonly filterText?: string;
}

/** What a record kind answers about a position inside its value (offsets in the joined value text). */
export interface ValueHover {
  readonly start: number;
  readonly end: number;
  readonly markdown: string;
}

export interface ValueCompletion {
  /** Value offsets of the partial word the items replace. */
  readonly start: number;
  readonly end: number;
  readonly items: readonly Omit<CompletionItem, 'replace'>[];
  /** The items are a bounded selection: typing more narrows the choice, so the editor should ask again. */
  readonly incomplete?: boolean;
}

/** Links an RFC section to its text on the RFC Editor site, for hovers. */
export function rfcLink(cite: string): string {
  const m = /RFC (\d+)(?: §([\d.]+))?/.exec(cite);
  if (!m) return cite;
  const url = `https://www.rfc-editor.org/rfc/rfc${m[1]}${m[2] ? `#section-${m[2]}` : ''}`;
  return `[${cite}](${url})`;
}
