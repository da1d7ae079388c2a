/**
 * "Did you mean …?" for mistyped commands and options: the known name
 * nearest to what was typed, when it is near enough to be a typo rather
 * than a different word.
 */

/** Names longer than this are not compared: a typo of a flag is short, and the distance table stays small. */
const MAX_LENGTH = 64;

/**
 * The edit distance between two short strings, counting a swap of two
 * neighbouring characters as one edit (`chekc` → `check`), the commonest typo.
 */
export function editDistance(a: string, b: string): number {
  if (a.length > MAX_LENGTH || b.length > MAX_LENGTH) return Math.max(a.length, b.length);
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/**
 * The candidate nearest to `typed`, or undefined when none is close: at
 * most a third of the typed name may differ (at least one edit), or the
 * typed text is a prefix of exactly one candidate (`--max` → `--max-warnings`).
 */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const prefixed = candidates.filter((c) => lower.length >= 3 && c.startsWith(lower));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(lower.replace(/^-+/, '').length, 1) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** " (did you mean 'x'?)", or nothing when no candidate is near. */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  const near = nearest(typed, candidates);
  return near ? ` (did you mean '${near}'?)` : '';
}
