/**
 * Field ownership for server-side apply. Each manager owns a set of field paths (FieldsV1 form:
 * `f:spec`, `k:{"name":"web"}` for a keyed list element, `.` for the element itself). Paths are
 * tracked at the leaves; a list without a merge key is owned whole, as the real server does.
 */
import type { JsonObject, KubeObject, ManagedFieldsEntry } from '../types.js';
import { isObject } from '../types.js';
import { mergeKeyFor } from './merge-keys.js';
import { timestamp } from '../clock.js';

export type FieldPath = string[];
const SEP = '\u0000';

/** Parts of an object no manager owns. */
const UNTRACKED_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'generateName']);

export function keyOf(path: FieldPath): string {
  return path.join(SEP);
}

export function pathOf(key: string): FieldPath {
  return key.split(SEP);
}

/**
 * Whether a field is still set: a leaf of the object, or a map that was empty and now has keys
 * (`annotations: {}` then `annotations: {x/y: z}` is the same field, filled, not a removed one).
 */
export function isPresent(key: string, fields: ReadonlyMap<string, unknown> | ReadonlySet<string>): boolean {
  if (fields.has(key)) return true;
  const prefix = key + SEP;
  for (const k of fields.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

/** Leaf paths of an object, with each leaf's JSON value (for telling same-value co-ownership from conflicts). */
export function leaves(obj: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status') continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (UNTRACKED_META.has(mk)) continue;
        walk(mv, ['f:metadata', `f:${mk}`], mk, out);
      }
      continue;
    }
    walk(v, [`f:${k}`], k, out);
  }
  return out;
}

function walk(value: unknown, path: FieldPath, field: string, out: Map<string, string>): void {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) walk(v, [...path, `f:${k}`], k, out);
    return;
  }
  if (Array.isArray(value)) {
    const key = mergeKeyFor(field, value);
    if (key && value.every((e) => isObject(e) && e[key] !== undefined)) {
      for (const e of value as Record<string, unknown>[]) {
        const elementPath = [...path, `k:${JSON.stringify({ [key]: e[key] })}`];
        out.set(keyOf([...elementPath, '.']), '');
        for (const [k, v] of Object.entries(e)) walk(v, [...elementPath, `f:${k}`], k, out);
      }
      return;
    }
  }
  out.set(keyOf(path), JSON.stringify(value ?? null));
}

export function toFieldsV1(keys: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const key of keys) {
    let node = root;
    for (const seg of pathOf(key)) {
      node[seg] ??= {};
      node = node[seg] as JsonObject;
    }
  }
  return root;
}

export function fromFieldsV1(fields: JsonObject | undefined, prefix: FieldPath = []): Set<string> {
  const out = new Set<string>();
  if (!fields) return out;
  for (const [seg, child] of Object.entries(fields)) {
    const path = [...prefix, seg];
    const sub = isObject(child) ? (child as JsonObject) : {};
    if (Object.keys(sub).length === 0) out.add(keyOf(path));
    else for (const k of fromFieldsV1(sub, path)) out.add(k);
  }
  return out;
}

/** `.spec.template.spec.containers[name="web"].image`, as the real conflict messages print paths. */
export function describePath(key: string): string {
  let text = '';
  for (const seg of pathOf(key)) {
    if (seg === '.') continue;
    if (seg.startsWith('f:')) text += '.' + seg.slice(2);
    else if (seg.startsWith('k:')) {
      const k = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      text += '[' + Object.entries(k).map(([a, b]) => `${a}=${JSON.stringify(b)}`).join(',') + ']';
    }
  }
  return text;
}

export interface Ownership {
  manager: string;
  operation: 'Apply' | 'Update';
  subresource?: string;
  fields: Set<string>;
  apiVersion: string;
}

export function readOwnership(obj: KubeObject | undefined): Ownership[] {
  return (obj?.metadata.managedFields ?? []).map((m) => ({
    manager: m.manager,
    operation: m.operation,
    ...(m.subresource ? { subresource: m.subresource } : {}),
    fields: fromFieldsV1(m.fieldsV1),
    apiVersion: m.apiVersion,
  }));
}

export function writeOwnership(obj: KubeObject, owners: Ownership[], touched: Set<string>): void {
  const previous = new Map((obj.metadata.managedFields ?? []).map((m) => [`${m.manager}/${m.operation}/${m.subresource ?? ''}`, m]));
  const entries: ManagedFieldsEntry[] = owners
    .filter((o) => o.fields.size > 0)
    .map((o) => {
      const id = `${o.manager}/${o.operation}/${o.subresource ?? ''}`;
      const old = previous.get(id);
      return {
        manager: o.manager,
        operation: o.operation,
        apiVersion: o.apiVersion,
        time: touched.has(id) || !old ? timestamp() : old.time,
        fieldsType: 'FieldsV1',
        fieldsV1: toFieldsV1([...o.fields].sort()),
        ...(o.subresource ? { subresource: o.subresource } : {}),
      };
    });
  if (entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

/** After a non-apply write by `manager`: it owns what it changed; others lose what changed or vanished. */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, manager: string, subresource?: string): void {
  // A client that rewrites managedFields itself (kubectl's client-side to server-side apply
  // migration does) gets what it asked for, as on a real server.
  if (before && after.metadata.managedFields && JSON.stringify(after.metadata.managedFields) !== JSON.stringify(before.metadata.managedFields)) return;
  const owners = readOwnership(before ?? after);
  const old = leaves(before);
  const now = leaves(after);
  const changed = new Set<string>();
  for (const [k, v] of now) if (old.get(k) !== v) changed.add(k);
  for (const o of owners) for (const k of [...o.fields]) if (!isPresent(k, now) || changed.has(k)) o.fields.delete(k);
  const id = { manager, operation: 'Update' as const, ...(subresource ? { subresource } : {}) };
  let mine = owners.find((o) => o.manager === manager && o.operation === 'Update' && o.subresource === subresource);
  if (!mine) {
    mine = { ...id, fields: new Set(), apiVersion: after.apiVersion };
    owners.push(mine);
  }
  for (const k of changed) mine.fields.add(k);
  writeOwnership(after, owners, new Set([`${manager}/Update/${subresource ?? ''}`]));
}
