/**
 * Edit distances for "did you mean" suggestions: lint's UndefinedVar asks on every miss (so the
 * rows are reused and the walk stops at `limit`), the CLI on an unknown flag.
 */

// Two rows reused across calls: UndefinedVar asks for a suggestion on every miss, and fresh
// arrays per row were most of a large file's garbage.
let previousRow = new Int32Array(32);
let currentRow = new Int32Array(32);

/** Levenshtein distance of `a` and `b`, or `limit` once it cannot be under it. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ch = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ch === b.charCodeAt(j - 1) ? 0 : 1));
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // Every later row is at least this row's least value.
    if (rowMin >= limit) return limit;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, limit);
}
