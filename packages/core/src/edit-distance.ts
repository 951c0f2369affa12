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
  if (limit !== Number.POSITIVE_INFINITY && bagDistance(a, b) >= limit) return limit;
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

// Counts of each character of one string, by code below 128 (names are ASCII); all zero between calls.
const counts = new Int32Array(128);

/**
 * A lower bound of the edit distance, one pass over each string and no table: each character of
 * one string that the other lacks (repeats counted) takes an edit. Most of the names a miss is
 * compared with are nothing like it, and this says so for a fraction of the table's cost.
 */
function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) {
    const code = a.charCodeAt(i);
    if (code >= 128) {
      for (let j = 0; j < i; j++) counts[a.charCodeAt(j)] = 0;
      return 0;
    }
    counts[code]!++;
  }
  let onlyInB = 0;
  for (let i = 0; i < b.length; i++) {
    const code = b.charCodeAt(i);
    if (code < 128 && counts[code]! > 0) counts[code]!--;
    else onlyInB++;
  }
  let onlyInA = 0;
  for (let i = 0; i < a.length; i++) {
    const code = a.charCodeAt(i);
    onlyInA += counts[code]!;
    counts[code] = 0;
  }
  return Math.max(onlyInA, onlyInB);
}
