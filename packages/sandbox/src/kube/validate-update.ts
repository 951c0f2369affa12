/**
 * What the API server keeps from changing once an object is created (ValidatePersistentVolumeClaimUpdate,
 * ValidatePersistentVolumeUpdate, ValidateStorageClassUpdate, ValidateStatefulSetUpdate): a claim's
 * spec but for a bound claim's storage request and the binder setting volumeName once; a volume's
 * source; a class's provisioner, parameters, reclaim policy and binding mode; a StatefulSet's spec
 * but for the fields a rollout changes (its volumeClaimTemplates above all).
 */
import type { KubeObject } from './types.js';
import type { ResourceType } from './resources.js';
import type { StatusCause } from './status.js';
import { errors } from './status.js';
import { parseQuantity } from './quantity.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Key order is not meaning: a merge may write the same fields in another order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));

/** The changed fields, in the shape of the cmp.Diff the real message carries (Go field names). */
function specDiff(before: Record<string, unknown>, after: Record<string, unknown>, type: string): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines = keys.filter((k) => !same(before[k], after[k])).flatMap((k) => {
    const name = k.charAt(0).toUpperCase() + k.slice(1);
    return [...(k in before ? [`-   ${name}: ${JSON.stringify(before[k])},`] : []), ...(k in after ? [`+   ${name}: ${JSON.stringify(after[k])},`] : [])];
  });
  return `\n  core.${type}{\n${lines.join('\n')}\n  }`;
}

function claimCauses(current: KubeObject, next: KubeObject): StatusCause[] {
  const old = { ...(current.spec ?? {}) } as any;
  const now = { ...(next.spec ?? {}) } as any;
  // The binder sets volumeName once; a class may be set on a claim that had none (retroactive default).
  if (!old.volumeName) old.volumeName = now.volumeName;
  if (old.storageClassName === undefined && current.status?.phase !== 'Bound') old.storageClassName = now.storageClassName;
  const causes: StatusCause[] = [];
  const bound = current.status?.phase === 'Bound';
  const requested = (s: any) => s?.resources?.requests?.storage;
  if (bound && now.resources?.requests) {
    if (parseQuantity(requested(now)) < parseQuantity(requested(old))) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: field can not be less than previous value', field: 'spec.resources.requests.storage' });
    now.resources = { ...now.resources, requests: { ...now.resources.requests, storage: requested(old) } };
  }
  old.volumeAttributesClassName = now.volumeAttributesClassName;
  if (!same(old, now)) {
    causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims${specDiff(old, now, 'PersistentVolumeClaimSpec')}`, field: 'spec' });
  }
  return causes;
}

const SOURCE_FIELDS = new Set(['capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName']);

function volumeCauses(current: KubeObject, next: KubeObject): StatusCause[] {
  const source = (o: KubeObject) => Object.fromEntries(Object.entries(o.spec ?? {}).filter(([k]) => !SOURCE_FIELDS.has(k)));
  if (same(source(current), source(next))) return [];
  return [{ reason: 'FieldValueForbidden', message: 'Forbidden: spec.persistentvolumesource is immutable after creation', field: 'spec.persistentvolumesource' }];
}

function classCauses(current: KubeObject, next: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [field, message] of [['provisioner', 'updates to provisioner are forbidden.'], ['parameters', 'updates to parameters are forbidden.'], ['reclaimPolicy', 'updates to reclaimPolicy are forbidden.'], ['volumeBindingMode', 'field is immutable']] as const) {
    if (!same(current[field], next[field])) causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: ${message}`, field });
  }
  return causes;
}

const STATEFULSET_MUTABLE = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']);

function statefulSetCauses(current: KubeObject, next: KubeObject): StatusCause[] {
  const fixed = (o: KubeObject) => Object.fromEntries(Object.entries(o.spec ?? {}).filter(([k]) => !STATEFULSET_MUTABLE.has(k)));
  if (same(fixed(current), fixed(next))) return [];
  return [{ reason: 'FieldValueForbidden', message: "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", field: 'spec' }];
}

/** Throws the 422 a real server answers when an update changes what it keeps. */
export function validateUpdate(type: ResourceType, current: KubeObject, next: KubeObject): void {
  const causes = type.kind === 'PersistentVolumeClaim' ? claimCauses(current, next)
    : type.kind === 'PersistentVolume' ? volumeCauses(current, next)
      : type.kind === 'StorageClass' ? classCauses(current, next)
        : type.kind === 'StatefulSet' ? statefulSetCauses(current, next) : [];
  if (causes.length > 0) throw errors.invalid(type, next.metadata.name ?? '', causes);
}
