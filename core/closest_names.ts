/**
 * "Did you mean …?": the names closest to a misspelt one, by case-insensitive edit distance. Used for a missing
 * column (the closest headers) and an unknown command-line flag (the closest flag).
 *
 * @module
 */

/** Levenshtein distance between `a` and `b` (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * Up to `n` names of `candidates` closest to `name` (case-insensitive edit distance, ties in name order), only
 * those at most `maxDistance` away.
 */
export function closestNames(
  name: string,
  candidates: readonly string[],
  n = 3,
  maxDistance = Infinity,
): string[] {
  return candidates
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= maxDistance)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, n)
    .map((x) => x.c);
}
