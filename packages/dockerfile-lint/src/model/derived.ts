/**
 * A value worked out from an object once and kept on that object, under a symbol no one else
 * knows (non-enumerable, so it never shows in output or comparisons). Several rules ask for the
 * same derived value of the same instruction or command; a WeakMap lookup per ask, and the
 * garbage collector's work on weak entries, showed up in profiles.
 */
export function derived<T extends object, V>(owner: T, key: symbol, compute: (owner: T) => V): V {
  const found = (owner as Record<symbol, V | undefined>)[key];
  if (found !== undefined) return found;
  const value = compute(owner);
  Object.defineProperty(owner, key, { value });
  return value;
}
