/**
 * Which diagnostics each URI shows. A document's findings can point into the
 * files it `$INCLUDE`s, and one file may be included by several open zones
 * (and be open itself), so each URI's list is the union of what every open
 * document contributes to it. A contribution that disappears is cleared.
 */
import type { Diagnostic } from 'vscode-languageserver/node';

export class DiagnosticStore {
  /** target URI → (contributing document URI → its diagnostics there). */
  private readonly byTarget = new Map<string, Map<string, Diagnostic[]>>();
  /** What was last sent for a URI that other documents contribute to (see {@link set}). */
  private readonly sent = new Map<string, readonly Diagnostic[]>();
  /** The version and list last sent for each document's own URI. */
  private readonly sentOwn = new Map<string, { readonly version: number; readonly list: readonly Diagnostic[] }>();

  /**
   * Replaces everything `source` contributes, from the analysis of its
   * `version`. Returns the URIs whose lists changed, each with its new union,
   * ready to publish.
   */
  set(source: string, contributions: ReadonlyMap<string, Diagnostic[]>, version?: number): Map<string, Diagnostic[]> {
    const touched = new Set<string>(contributions.keys());
    for (const [target, sources] of this.byTarget) {
      if (sources.has(source) && !contributions.has(target)) {
        sources.delete(source);
        touched.add(target);
      }
    }
    for (const [target, diagnostics] of contributions) {
      let sources = this.byTarget.get(target);
      if (!sources) this.byTarget.set(target, (sources = new Map()));
      sources.set(source, diagnostics);
    }
    const updates = new Map<string, Diagnostic[]>();
    for (const target of touched) {
      const list = this.union(target);
      if (this.byTarget.get(target)?.size === 0) this.byTarget.delete(target);
      if (target === source) {
        // The document's own list is sent once for each analysed version, and again only when it changes: a
        // settings notification re-analyses every open document, and most of the time nothing changes.
        this.sent.delete(target);
        const last = this.sentOwn.get(target);
        if (version !== undefined && last?.version === version && sameList(last.list, list)) continue;
        if (version === undefined) this.sentOwn.delete(target);
        else this.sentOwn.set(target, { version, list });
      } else {
        // An included file's list, unchanged by an edit of the including zone, is not sent again (on a large zone
        // with many included files every message is work for both ends).
        const last = this.sent.get(target);
        if (last && sameList(last, list)) continue;
        this.sent.set(target, list);
      }
      updates.set(target, list);
    }
    return updates;
  }

  /** Drops `source` entirely (its document closed). */
  remove(source: string): Map<string, Diagnostic[]> {
    return this.set(source, new Map());
  }

  /** A file's own diagnostics and those found through an includer are the same finding once. */
  private union(target: string): Diagnostic[] {
    const sources = this.byTarget.get(target);
    // One contributor: nothing to merge.
    if (sources?.size === 1) return sources.values().next().value!;
    const seen = new Set<string>();
    const all: Diagnostic[] = [];
    for (const diagnostics of this.byTarget.get(target)?.values() ?? []) {
      for (const d of diagnostics) {
        const key = keyOf(d);
        if (seen.has(key)) continue;
        seen.add(key);
        all.push(d);
      }
    }
    return all;
  }
}

/** What makes two diagnostics the same finding. */
function keyOf(d: Diagnostic): string {
  return `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
}

/**
 * Whether two lists would show the same. The server reuses the diagnostic
 * of a finding that did not change (diagnosticCache.ts), so most entries
 * are the same object and only the others are compared by content.
 */
function sameList(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && (a[i].severity !== b[i].severity || keyOf(a[i]) !== keyOf(b[i]))) return false;
  }
  return true;
}
