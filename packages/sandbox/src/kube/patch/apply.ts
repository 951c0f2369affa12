/**
 * Server-side apply: merge the applied configuration into the live object, make the manager the
 * owner of every field it set, report conflicts with other managers unless forced, and remove the
 * fields this manager applied before but no longer does (when nobody else owns them).
 */
import type { KubeObject } from '../types.js';
import { clone, isObject } from '../types.js';
import type { ResourceType } from '../resources.js';
import { errors } from '../status.js';
import { applyStrategicMergePatch } from './strategic-merge.js';
import { mergeKeyFor } from './merge-keys.js';
import type { Ownership } from './managed-fields.js';
import { describePath, isPresent, leaves, pathOf, readOwnership, writeOwnership } from './managed-fields.js';

export interface ApplyResult {
  object: KubeObject;
}

export function serverSideApply(type: ResourceType, live: KubeObject | undefined, applied: KubeObject, manager: string, force: boolean): KubeObject {
  const appliedLeaves = leaves(applied);
  const liveLeaves = leaves(live);
  const owners: Ownership[] = readOwnership(live);
  const conflicts: { manager: string; key: string }[] = [];
  for (const [key, value] of appliedLeaves) {
    for (const o of owners) {
      if (o.manager === manager && o.operation === 'Apply') continue;
      if (!o.fields.has(key)) continue;
      const liveValue = liveLeaves.get(key);
      if (liveValue === undefined || liveValue === value) continue; // same value: shared ownership
      if (force) o.fields.delete(key);
      else conflicts.push({ manager: managerText(o), key });
    }
  }
  if (conflicts.length > 0) {
    throw errors.applyConflict(
      type,
      applied.metadata?.name ?? '',
      conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.manager}`, field: describePath(c.key) })),
    );
  }
  let mine = owners.find((o) => o.manager === manager && o.operation === 'Apply');
  const previouslyApplied = mine ? new Set(mine.fields) : new Set<string>();
  let merged = applyStrategicMergePatch(live ? clone(live) : {}, stripNullsForApply(applied)) as KubeObject;
  for (const key of previouslyApplied) {
    if (isPresent(key, appliedLeaves)) continue;
    if (owners.some((o) => o !== mine && o.fields.has(key))) continue;
    merged = removePath(merged, pathOf(key));
  }
  if (!mine) {
    mine = { manager, operation: 'Apply', fields: new Set(), apiVersion: applied.apiVersion };
    owners.push(mine);
  }
  mine.fields = new Set(appliedLeaves.keys());
  writeOwnership(merged, owners, new Set([`${manager}/Apply/`]));
  return merged;
}

/** In an applied configuration null means "I have no opinion", not "delete". */
function stripNullsForApply(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNullsForApply);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNullsForApply(v);
  return out;
}

function removePath(obj: KubeObject, path: string[]): KubeObject {
  // Returns true when the list it removed from is left empty, so the parent drops the field.
  const removeAt = (node: unknown, segs: string[], field: string): boolean => {
    const [seg, ...rest] = segs;
    if (seg === undefined) return false;
    if (seg.startsWith('f:') && isObject(node)) {
      const name = seg.slice(2);
      if (rest.length === 0) delete node[name];
      else if (removeAt(node[name], rest, name)) delete node[name];
      return false;
    }
    if (seg.startsWith('k:') && Array.isArray(node)) {
      const want = JSON.parse(seg.slice(2)) as Record<string, unknown>;
      const key = mergeKeyFor(field, node) ?? Object.keys(want)[0]!;
      const index = node.findIndex((e) => isObject(e) && e[key] === want[key]);
      if (index < 0) return false;
      if (rest.length === 1 && rest[0] === '.') node.splice(index, 1);
      else removeAt(node[index], rest, field);
      return node.length === 0;
    }
    return false;
  };
  removeAt(obj, path, '');
  return obj;
}

/** How the API server names a manager in a conflict: an Update's with the version it wrote. */
function managerText(o: Ownership): string {
  return o.operation === 'Update' ? `"${o.manager}" using ${o.apiVersion}` : `"${o.manager}"`;
}
