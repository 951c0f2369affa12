/**
 * krane's rule for PersistentVolumeClaims: healthy when Bound, or Pending under a StorageClass
 * that binds WaitForFirstConsumer (it binds only once a pod uses it, so it must come first);
 * Lost fails. The controllers' events say the rest: a class that does not exist, or no class and
 * no default one, fails at once (nothing will change without a new deploy); a provisioning error
 * fails once it has come back PROVISIONING_ATTEMPTS times (a throttled or slow cloud API is
 * retried by the provisioner, and the deploy waits, saying why).
 */
import type { LiveObject, Snapshot } from './live.js';
import type { Verdict } from './kinds.js';

/** How many failed provisioning attempts make an error persistent rather than transient. */
export const PROVISIONING_ATTEMPTS = 3;
/** With no StorageClasses to look at (RBAC), the controller's second identical answer decides. */
const REPEATS_WITHOUT_CLASSES = 2;
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export interface ClaimEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; uid?: string };
  lastTimestamp?: string;
  eventTime?: string;
  metadata?: { name?: string };
}

const at = (e: ClaimEvent) => Date.parse(e.lastTimestamp ?? e.eventTime ?? '') || 0;

/** The claim's events, oldest first (by last occurrence). */
export function eventsOfClaim(claim: LiveObject, events: readonly LiveObject[] | undefined): ClaimEvent[] {
  return ((events ?? []) as unknown as ClaimEvent[])
    .filter((e) => e.involvedObject?.kind === 'PersistentVolumeClaim' && e.involvedObject.name === claim.metadata.name && (!claim.metadata.uid || !e.involvedObject.uid || e.involvedObject.uid === claim.metadata.uid))
    .sort((a, b) => at(a) - at(b));
}

function latest(events: readonly ClaimEvent[], reason: string): ClaimEvent | undefined {
  return events.filter((e) => e.reason === reason).at(-1);
}

function className(claim: LiveObject): string {
  return typeof claim.spec?.storageClassName === 'string' ? claim.spec.storageClassName : '';
}

function classNamed(name: string, classes: readonly LiveObject[] | undefined): LiveObject | undefined {
  return classes?.find((c) => c.metadata.name === name);
}

const said = (e: ClaimEvent) => `${e.reason ?? ''}: ${e.message ?? ''}${e.count && e.count > 1 ? ` (x${e.count})` : ''}`;

export function claimVerdict(claim: LiveObject, snapshot: Pick<Snapshot, 'claimEvents' | 'storageClasses'>): Verdict {
  const status = (claim.status ?? {}) as { phase?: string; capacity?: { storage?: string }; accessModes?: string[] };
  const volume = typeof claim.spec?.volumeName === 'string' ? claim.spec.volumeName : '';
  const events = eventsOfClaim(claim, snapshot.claimEvents);
  const classes = snapshot.storageClasses;
  if (status.phase === 'Bound') return { state: 'succeeded', message: `Bound to ${volume || 'its volume'} (${status.capacity?.storage ?? '?'}${status.accessModes?.length ? `, ${status.accessModes.join(',')}` : ''})`, pods: [] };
  if (status.phase === 'Lost') {
    const lost = latest(events, 'ClaimLost');
    return { state: 'failed', message: `is Lost: its PersistentVolume ${volume || '(unknown)'} no longer exists${lost ? ` (${said(lost)})` : ''}; the data on it is gone, and a new claim is needed`, pods: [] };
  }
  const failure = failureOf(claim, events, classes);
  if (failure) return failure;
  const name = className(claim);
  const storageClass = classNamed(name, classes);
  if ((storageClass as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === 'WaitForFirstConsumer' || (!storageClass && latest(events, 'WaitForFirstConsumer'))) {
    return { state: 'succeeded', message: `Pending until a pod uses it (StorageClass ${name} binds WaitForFirstConsumer)`, pods: [] };
  }
  return { state: 'pending', message: pendingMessage(events, name), pods: [] };
}

/** A final answer in the claim's events, or undefined while there is none (or the last failure is retried). */
function failureOf(claim: LiveObject, events: readonly ClaimEvent[], classes: readonly LiveObject[] | undefined): Verdict | undefined {
  const failed = latest(events, 'ProvisioningFailed');
  const succeeded = latest(events, 'ProvisioningSucceeded');
  const name = className(claim);
  if (failed && !(succeeded && at(succeeded) >= at(failed))) {
    const missing = /^storageclass\.storage\.k8s\.io "([^"]*)" not found/.exec(failed.message ?? '');
    if (missing) {
      const absent = classes ? !classNamed(missing[1] ?? '', classes) : (failed.count ?? 1) >= REPEATS_WITHOUT_CLASSES;
      if (absent) return fail(`StorageClass "${missing[1] ?? name}" does not exist (${said(failed)}); name an existing class in spec.storageClassName`);
      return undefined;
    }
    if ((failed.count ?? 1) >= PROVISIONING_ATTEMPTS) return fail(`provisioning its volume failed ${failed.count ?? 1} times (${said(failed)})`);
    return undefined;
  }
  const unbound = latest(events, 'FailedBinding');
  if (unbound && !name && /no storage class is set/.test(unbound.message ?? '')) {
    const noDefault = classes ? !classes.some((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true') : (unbound.count ?? 1) >= REPEATS_WITHOUT_CLASSES;
    if (noDefault) return fail(`names no StorageClass, the cluster has no default StorageClass, and no PersistentVolume matches it (${said(unbound)}); set spec.storageClassName`);
  }
  return undefined;
}

function fail(message: string): Verdict {
  return { state: 'failed', message, pods: [] };
}

function pendingMessage(events: readonly ClaimEvent[], name: string): string {
  const failed = latest(events, 'ProvisioningFailed');
  const succeeded = latest(events, 'ProvisioningSucceeded');
  if (failed && !(succeeded && at(succeeded) >= at(failed))) return `Pending: provisioning failed (attempt ${failed.count ?? 1} of ${PROVISIONING_ATTEMPTS} before the deploy gives up), the provisioner retries: ${failed.message ?? ''}`;
  if (succeeded) return `Pending: volume provisioned, waiting for it to be bound (${succeeded.message ?? ''})`;
  const provisioning = latest(events, 'ExternalProvisioning') ?? latest(events, 'Provisioning');
  if (provisioning) return `Pending: waiting for its volume to be provisioned${name ? ` (StorageClass ${name})` : ''}`;
  return `Pending${name ? ` (StorageClass ${name})` : ''}: waiting to be bound`;
}

/** The claims the pods of a workload mount: volumes of its pod template, and a StatefulSet's claim templates per ordinal. */
export function mountedClaims(workload: LiveObject): string[] {
  const spec = workload.spec ?? {};
  const podSpec = (workload.kind === 'Pod' ? spec : (spec.template as { spec?: Record<string, unknown> } | undefined)?.spec) as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] } | undefined;
  const names = (podSpec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : []));
  return [...new Set([...names, ...statefulSetClaims(workload)])];
}

/** `<template>-<set>-<ordinal>` for each ordinal the StatefulSet wants. */
export function statefulSetClaims(workload: LiveObject): string[] {
  if (workload.kind !== 'StatefulSet') return [];
  const templates = (workload.spec?.volumeClaimTemplates ?? []) as { metadata?: { name?: string } }[];
  const replicas = typeof workload.spec?.replicas === 'number' ? workload.spec.replicas : 1;
  return templates.flatMap((t) => Array.from({ length: replicas }, (_, i) => `${t.metadata?.name ?? ''}-${workload.metadata.name}-${i}`));
}
