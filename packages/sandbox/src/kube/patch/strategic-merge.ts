/**
 * Strategic merge patch, as kubectl's client-side apply and `kubectl patch` send it: maps merge,
 * null deletes, lists with a merge key merge element by element, and the `$patch`,
 * `$setElementOrder`, `$retainKeys` and `$deleteFromPrimitiveList` directives are honoured.
 */
import { isObject } from '../types.js';
import { mergeKeyFor, SET_LISTS } from './merge-keys.js';

const ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

export function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => !(isObject(v) && v.$patch !== undefined && Object.keys(v).length === 1)).map(stripDirectives);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    out[k] = stripDirectives(v);
  }
  return out;
}

/** Returns the patched value; `undefined` means "delete this". */
export function applyStrategicMergePatch(original: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, unknown> = isObject(original) ? { ...original } : {};
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(result)) if (!keep.has(k)) delete result[k];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith(ORDER)) continue;
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value)) result[field] = current.filter((x) => !value.includes(x));
      continue;
    }
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(result[key], value, key);
    else if (isObject(value)) {
      const merged = applyStrategicMergePatch(result[key], value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else result[key] = value;
  }
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(ORDER) || !Array.isArray(order)) continue;
    const field = key.slice(ORDER.length);
    const list = result[field];
    if (Array.isArray(list)) result[field] = reorder(list, order, field);
  }
  return result;
}

function mergeList(original: unknown, patch: unknown[], field: string): unknown[] {
  if (patch.some((e) => isObject(e) && e.$patch === 'replace')) return stripDirectives(patch) as unknown[];
  const key = mergeKeyFor(field, patch.length > 0 ? patch : Array.isArray(original) ? original : []);
  const base = Array.isArray(original) ? [...original] : [];
  if (!key) {
    if (SET_LISTS.has(field)) return [...new Set([...base, ...patch])];
    return stripDirectives(patch) as unknown[];
  }
  for (const element of patch) {
    if (!isObject(element)) continue;
    const index = base.findIndex((b) => isObject(b) && b[key] === element[key]);
    if (element.$patch === 'delete') {
      if (index >= 0) base.splice(index, 1);
    } else if (index >= 0) base[index] = applyStrategicMergePatch(base[index], element);
    else base.push(stripDirectives(element));
  }
  return base;
}

function reorder(list: unknown[], order: unknown[], field: string): unknown[] {
  const key = mergeKeyFor(field, list);
  const identity = (v: unknown) => (key && isObject(v) ? JSON.stringify(v[key]) : JSON.stringify(v));
  const rank = new Map(order.map((o, i) => [identity(o), i]));
  return [...list].sort((a, b) => (rank.get(identity(a)) ?? Infinity) - (rank.get(identity(b)) ?? Infinity));
}
