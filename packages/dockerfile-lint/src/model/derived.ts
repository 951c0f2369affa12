const SLOTS = Symbol('derived');
let slotCount = 0;

/** A place for one kind of derived value; made once per kind, at module load. */
export function derivedSlot(): number {
  return slotCount++;
}

/**
 * A value worked out from an object once and kept on that object, in a small array under one
 * symbol no one else knows (non-enumerable, so it never shows in output or comparisons). Several
 * rules ask for the same derived value of the same instruction or command; a WeakMap lookup per
 * ask, and the garbage collector's work on weak entries, showed up in profiles. One array for all
 * kinds keeps each object's shape the same whichever rules asked first.
 */
export function derived<T extends object, V>(owner: T, slot: number, compute: (owner: T) => V): V {
  let values = (owner as { [SLOTS]?: unknown[] })[SLOTS];
  if (values === undefined) {
    values = [];
    Object.defineProperty(owner, SLOTS, { value: values });
  }
  const found = values[slot];
  if (found !== undefined) return found as V;
  const value = compute(owner);
  values[slot] = value;
  return value;
}
