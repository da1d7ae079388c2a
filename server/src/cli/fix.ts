/**
 * `mailzone check --fix`: the preferred quick fix of each finding, the same
 * edits the editor offers on the light bulb and applies with Auto Fix. The
 * fixes come from the core's findings; this module only chooses which can be
 * applied together and applies them to the text.
 */
import type { Finding, Fix, TextEdit } from '../core/rules/rule';

/** One fix chosen for a finding of the file being fixed. */
export interface PlannedFix {
  readonly finding: Finding;
  readonly fix: Fix;
}

/** At most this many rounds of analyse-and-fix per file: a fix that uncovers another is applied in the next round. */
export const MAX_FIX_PASSES = 10;

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one offset also clash: their order would be a guess.
  if (a.span.start === b.span.start) return true;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/**
 * The preferred fix of each finding whose edits all fall in the analysed
 * file itself (not in an `$INCLUDE`d file or another zone), skipping any fix
 * that touches text an earlier chosen fix already changes.
 */
export function chooseFixes(findings: readonly Finding[]): PlannedFix[] {
  const chosen: PlannedFix[] = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    if (finding.file !== undefined) continue;
    const fix = finding.fixes?.find((f) => f.preferred);
    if (!fix || fix.edits.length === 0 || fix.edits.some((e) => e.file !== undefined)) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push({ finding, fix });
    taken.push(...fix.edits);
  }
  return chosen;
}

/** The text with the edits applied; the edits must not overlap (chooseFixes ensures it). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    result += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return result + text.slice(at);
}
