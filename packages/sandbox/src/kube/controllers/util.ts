/** Helpers the workload controllers share: ownership, pod readiness, template hashing. */
import { randomInt } from 'node:crypto';
import type { KubeObject, OwnerReference } from '../types.js';
import { clone, isObject } from '../types.js';
import type { Cluster } from '../cluster.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const HASH_LABEL = 'pod-template-hash';
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid);
}

export function podIsReady(pod: KubeObject): boolean {
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Ready for at least minReadySeconds of simulated time. */
export function podIsAvailable(cluster: Cluster, pod: KubeObject, minReadySeconds: number): boolean {
  if (!podIsReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = cluster.pods.get(pod.metadata.uid!)?.readySinceSim;
  return since !== undefined && cluster.due(since + minReadySeconds * 1000);
}

export function podIsActive(pod: KubeObject): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export function randomName(prefix: string, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += SAFE[randomInt(SAFE.length)];
  return `${prefix}-${s}`;
}

/** Drops what the API treats as absent (null, {}, []) so templates compare as the server would. */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const n = normalize(v);
    if (n === null || n === undefined) continue;
    if (isObject(n) && Object.keys(n).length === 0) continue;
    if (Array.isArray(n) && n.length === 0) continue;
    out[k] = n;
  }
  return out;
}

/** A pod template without the labels controllers add, normalised, for equality checks. */
export function templateKey(template: unknown, dropLabels: string[] = [HASH_LABEL]): string {
  const t = clone((template ?? {}) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  if (t.metadata?.labels) for (const l of dropLabels) delete t.metadata.labels[l];
  if (t.metadata) delete t.metadata.creationTimestamp;
  return JSON.stringify(sortKeys(normalize(t)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** FNV-1a of the normalised template, spelled with the safe alphabet, like pod-template-hash. */
export function templateHash(template: unknown, collisionCount = 0): string {
  let h = 0x811c9dc5;
  const text = templateKey(template) + (collisionCount ? String(collisionCount) : '');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map((d) => SAFE[d.charCodeAt(0) % SAFE.length]).join('');
}

/** "25%" or 2 against a total; surge rounds up, unavailable rounds down, as the controller does. */
export function intOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const x = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

export function setCondition(conditions: Record<string, unknown>[], next: { type: string; status: string; reason: string; message: string }, now: string, touchUpdate = true): Record<string, unknown>[] {
  const existing = conditions.find((c) => c.type === next.type);
  const sameStatus = existing?.status === next.status;
  const same = sameStatus && existing?.reason === next.reason && existing?.message === next.message;
  const entry = {
    type: next.type,
    status: next.status,
    lastUpdateTime: same && !touchUpdate ? existing?.lastUpdateTime : now,
    lastTransitionTime: sameStatus ? existing?.lastTransitionTime : now,
    reason: next.reason,
    message: next.message,
  };
  const index = conditions.findIndex((c) => c.type === next.type);
  return index < 0 ? [...conditions, entry] : conditions.map((c, i) => (i === index ? entry : c));
}
