/**
 * "Did you mean ...?" hints. Plan authors mistype service and node names; naming the nearest
 * known name turns a lookup in the docs into a one-character fix.
 */

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("cnider"). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name nearest to `input`, when it is near enough to be a plausible typo, or when
 * the input is one dash-separated part of it ("conductor" → "nova-conductor").
 */
export function nearest(input: string, known: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // A candidate the input is a prefix of wins ties ("cinder-vol" → cinder-volume, not cinder-api).
    const prefix = candidate.toLowerCase().startsWith(needle) && needle.length >= 3 ? 0.5 : 0;
    const distance = editDistance(needle, candidate.toLowerCase()) - prefix;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(needle.length / 3));
  if (best !== undefined && bestDistance > 0 && bestDistance <= tolerance) return best;
  return known.find((k) => k.toLowerCase().split('-').includes(needle));
}

/** "did you mean X?" or undefined when nothing is near. */
export function didYouMean(input: string, known: readonly string[]): string | undefined {
  const match = nearest(input, known);
  return match === undefined ? undefined : `did you mean ${match}?`;
}

/** "did you mean X?", else the known names when there are few enough to list. */
export function knownHint(input: string, known: readonly string[], noun: string): string | undefined {
  const guess = didYouMean(input, known);
  if (guess) return guess;
  if (known.length === 0) return `no ${noun} is declared`;
  return known.length <= 8 ? `known ${noun}s: ${known.join(', ')}` : undefined;
}

/** A hint for an enum-like field: the nearest value when there is one, always the valid values. */
export function choicesHint(input: string, choices: readonly string[]): string {
  const guess = didYouMean(input, choices);
  const valid = `valid: ${choices.join(', ')}`;
  return guess ? `${guess} (${valid})` : valid;
}

/** How a value appears in a message: strings quoted, other values named by kind. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}
