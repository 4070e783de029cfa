/** "did you mean" suggestions for near-miss flags, values and requirement IDs. */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + cost);
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** The closest candidate within a third of its length (at least 2 edits), or undefined. */
export function suggest(raw: string, candidates: readonly string[]): string | undefined {
  // A prefix is the likeliest intent ("1.0" → "1.0.0"), before edit distance.
  const prefixed = candidates.find((c) => raw.length > 0 && c.toLowerCase().startsWith(raw.toLowerCase()));
  if (prefixed) return prefixed;
  let best: { value: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = distance(raw.toLowerCase(), candidate.toLowerCase());
    if (!best || score < best.score) best = { value: candidate, score };
  }
  if (!best) return undefined;
  return best.score <= Math.max(2, Math.floor(best.value.length / 3)) ? best.value : undefined;
}

/** " (did you mean X?)" or "". */
export function didYouMean(raw: string, candidates: readonly string[]): string {
  const match = suggest(raw, candidates);
  return match ? ` (did you mean ${match}?)` : '';
}
