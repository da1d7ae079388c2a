/**
 * The diagnostics of one open document's last conversion, reused by the
 * next: after an edit most findings are the ones found before (the worker
 * analyses incrementally), and a finding whose text, rule, severity and
 * offsets are the same, in a part of the document whose line breaks the
 * edits did not move, converts to the same diagnostic. Reusing it saves the
 * conversion, and lets the diagnostic store see an unchanged list by
 * comparing objects.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from './core/rules/rule';
import type { TextChange } from './core/zone/parser';

export class DiagnosticCache {
  /** The last conversion's diagnostics by {@link keyOf}. */
  private entries = new Map<string, Diagnostic>();
  /** The texts of the included files the entries were converted with: an edited one invalidates its entries. */
  private texts = new Map<string, string>();
  /** Offsets of the document from here on may have moved to other lines since the last conversion. */
  private firstMoved = Infinity;

  /**
   * Notes an edit of the document (undefined: the whole text replaced).
   * Positions before the edit keep their line and column; positions after
   * it keep theirs only when the edit kept the text's length and line breaks.
   */
  edited(change: TextChange | undefined, removed: string | undefined): void {
    if (!change || change.text === undefined || removed === undefined) {
      this.firstMoved = 0;
      return;
    }
    const same = change.newLength === change.end - change.start && !/[\r\n]/.test(change.text) && !/[\r\n]/.test(removed);
    // A line break just before the edit may pair with one the edit adds (CR then LF), so its line is suspect too.
    if (!same) this.firstMoved = Math.min(this.firstMoved, Math.max(0, change.start - 1));
  }

  /**
   * One conversion: `convert` for each finding that has no valid diagnostic
   * from the last one. `fileText` gives an included file's text as this
   * analysis read it. Only the diagnostics this conversion used are kept.
   */
  convert(findings: readonly Finding[], fileText: (file: string) => string | undefined, convert: (finding: Finding) => Diagnostic): Diagnostic[] {
    for (const [file, text] of this.texts) if (fileText(file) !== text) this.texts.delete(file);
    const next = new Map<string, Diagnostic>();
    const result: Diagnostic[] = [];
    for (const finding of findings) {
      const key = keyOf(finding);
      let diagnostic = next.get(key) ?? this.entries.get(key);
      if (!diagnostic || !this.valid(finding)) {
        diagnostic = convert(finding);
        for (const file of filesOf(finding)) {
          const text = fileText(file);
          if (text !== undefined) this.texts.set(file, text);
        }
      }
      next.set(key, diagnostic);
      result.push(diagnostic);
    }
    this.entries = next;
    this.firstMoved = Infinity;
    return result;
  }

  /** Whether the diagnostic converted before for a finding like this one still has its range. */
  private valid(finding: Finding): boolean {
    const places = [{ file: finding.file, span: finding.span }, ...(finding.related ?? [])];
    return places.every((place) => (place.file === undefined ? place.span.end < this.firstMoved : this.texts.has(place.file)));
  }
}

/** What makes two findings convert alike, given the same line indexes. */
function keyOf(finding: Finding): string {
  let key = `${finding.rule}\u0000${finding.severity}\u0000${finding.file ?? ''}\u0000${finding.span.start}\u0000${finding.span.end}\u0000${finding.message}`;
  for (const place of finding.related ?? []) key += `\u0001${place.file ?? ''}\u0000${place.span.start}\u0000${place.span.end}\u0000${place.message}`;
  return key;
}

function* filesOf(finding: Finding): Iterable<string> {
  if (finding.file !== undefined) yield finding.file;
  for (const place of finding.related ?? []) if (place.file !== undefined) yield place.file;
}
