/**
 * "Did you mean" for misspelt mechanism and modifier names: the nearest
 * known name within a small edit distance.
 */

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The candidate nearest to `name`, if close enough to be a typo (1 edit for short names, 2 otherwise). */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // Lengths further apart than the allowed distance cannot match; this also keeps huge names cheap.
    if (Math.abs(name.length - c.length) > 2) continue;
    const d = editDistance(name, c);
    if (d < bestDistance && d <= (c.length > 3 ? 2 : 1)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
