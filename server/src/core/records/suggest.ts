/**
 * "Did you mean" for misspelt tag names and values: `rue=` for `rua=`,
 * `p=rejct` for `p=reject`. Unknown tags are ignored by receivers, so a
 * typo silently turns a setting off; naming the likely intent helps.
 */

/** Levenshtein distance, ignoring ASCII case. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a slip:
 * one edit for short words, two for words of five letters or more.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d > 0 && d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
