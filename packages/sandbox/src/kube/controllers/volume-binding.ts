/**
 * How claims, volumes and classes fit together, as the PV controller and the scheduler's
 * VolumeBinding plugin see it: which class a claim uses, which volume can bind it, the writes
 * that bind the two, and whether a pod's claims let it be scheduled. Writes carry the field
 * manager of the component that makes them.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import type { ResourceType } from '../resources.js';
import { typeOf } from '../store.js';
import { parseQuantity } from '../quantity.js';
import { recordUpdate } from '../patch/managed-fields.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export const BINDER = 'kube-controller-manager';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** A class whose volumes an administrator makes by hand: nothing provisions for it. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export const claimType = (): ResourceType => typeOf('PersistentVolumeClaim', 'v1');
export const volumeType = (): ResourceType => typeOf('PersistentVolume', 'v1');
export const classType = (): ResourceType => typeOf('StorageClass', 'storage.k8s.io/v1');

/** A write as a named component makes it: managedFields record the manager, as on a real server. */
export function writeAs(cluster: Cluster, manager: string, type: ResourceType, namespace: string | undefined, name: string, change: (o: KubeObject) => void, subresource?: 'status'): KubeObject | undefined {
  const before = cluster.store.get(type, namespace, name);
  if (!before) return undefined;
  const after = cluster.store.get(type, namespace, name)!;
  change(after);
  recordUpdate(before, after, manager, subresource);
  return cluster.store.update(type, after, subresource ? { subresource } : {});
}

export function createAs(cluster: Cluster, manager: string, type: ResourceType, object: KubeObject): KubeObject {
  recordUpdate(undefined, object, manager);
  return cluster.store.create(type, object);
}

export function defaultClass(cluster: Cluster): KubeObject | undefined {
  return cluster.store.scan(classType()).find((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
}

/** The claim's class: named, none (`''` or unset with no default), or one that does not exist. */
export function classOf(cluster: Cluster, claim: KubeObject): { name: string; storageClass?: KubeObject } {
  const name: string = claim.spec?.storageClassName ?? '';
  if (!name) return { name };
  const storageClass = cluster.store.peek(classType(), undefined, name);
  return storageClass ? { name, storageClass } : { name };
}

export function waitsForFirstConsumer(cluster: Cluster, claim: KubeObject): boolean {
  return classOf(cluster, claim).storageClass?.volumeBindingMode === 'WaitForFirstConsumer';
}

export function isBound(claim: KubeObject): boolean {
  return claim.status?.phase === 'Bound';
}

/** An Available volume of the claim's class with room and access modes enough (or one pre-bound to it). */
export function matchingVolume(cluster: Cluster, claim: KubeObject): KubeObject | undefined {
  const want = parseQuantity(claim.spec?.resources?.requests?.storage);
  const modes: string[] = claim.spec?.accessModes ?? [];
  const className: string = claim.spec?.storageClassName ?? '';
  const candidates = cluster.store.scan(volumeType()).filter((pv) => {
    const ref = pv.spec?.claimRef;
    if (ref && !(ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace && (!ref.uid || ref.uid === claim.metadata.uid))) return false;
    if (!ref && pv.status?.phase !== 'Available') return false;
    if (claim.spec?.volumeName && claim.spec.volumeName !== pv.metadata.name) return false;
    if ((pv.spec?.storageClassName ?? '') !== className) return false;
    if (parseQuantity(pv.spec?.capacity?.storage) < want) return false;
    return modes.every((m) => (pv.spec?.accessModes ?? []).includes(m));
  });
  // Pre-bound first, then the smallest that fits, as the binder picks.
  return candidates.sort((a, b) => Number(!a.spec?.claimRef) - Number(!b.spec?.claimRef) || parseQuantity(a.spec?.capacity?.storage) - parseQuantity(b.spec?.capacity?.storage))[0];
}

/** Both halves of a bind: the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
export function bind(cluster: Cluster, claim: KubeObject, pv: KubeObject): void {
  const claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion };
  const byController = !pv.spec?.claimRef;
  writeAs(cluster, BINDER, volumeType(), undefined, pv.metadata.name!, (o) => {
    o.spec.claimRef = { ...claimRef, ...(o.spec.claimRef?.resourceVersion ? { resourceVersion: o.spec.claimRef.resourceVersion } : {}) };
    if (byController) o.metadata.annotations = { ...o.metadata.annotations, [BOUND_BY_CONTROLLER]: 'yes' };
  });
  writeAs(cluster, BINDER, volumeType(), undefined, pv.metadata.name!, (o) => (o.status = { phase: 'Bound', lastPhaseTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }), 'status');
  writeAs(cluster, BINDER, claimType(), claim.metadata.namespace, claim.metadata.name!, (o) => {
    o.spec.volumeName = pv.metadata.name;
    o.metadata.annotations = { ...o.metadata.annotations, [BIND_COMPLETED]: 'yes', ...(claim.spec?.volumeName ? {} : { [BOUND_BY_CONTROLLER]: 'yes' }) };
  });
  writeAs(cluster, BINDER, claimType(), claim.metadata.namespace, claim.metadata.name!, (o) => {
    o.status = { phase: 'Bound', accessModes: pv.spec?.accessModes ?? [], capacity: pv.spec?.capacity ?? {} };
  }, 'status');
}

/** The volume a CSI driver would create for the claim (EBS: a vol- id, the zone of the selected node). */
export function provisionedVolume(claim: KubeObject, storageClass: KubeObject, zone: string | undefined): KubeObject {
  const provisioner = String(storageClass.provisioner);
  const parameters = (storageClass.parameters ?? {}) as Record<string, string>;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: `pvc-${claim.metadata.uid}`, annotations: { [PROVISIONED_BY]: provisioner, 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' } },
    spec: {
      accessModes: claim.spec?.accessModes ?? [],
      capacity: { storage: claim.spec?.resources?.requests?.storage ?? '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion },
      csi: { driver: provisioner, fsType: parameters['csi.storage.k8s.io/fstype'] ?? 'ext4', volumeHandle: `vol-${randomBytes(9).toString('hex').slice(0, 17)}`, volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': `sandbox-${provisioner}` } },
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: storageClass.metadata.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(zone ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] }] }] } } } : {}),
    },
  };
}

export type ClaimsForScheduling =
  | { blocked: string }
  /** Claims that bind only once a node is chosen (WaitForFirstConsumer, not bound yet). */
  | { delayed: KubeObject[] };

/** The scheduler's VolumeBinding filter: missing or unbound immediate claims keep a pod off every node. */
export function claimsForScheduling(cluster: Cluster, pod: KubeObject): ClaimsForScheduling {
  const delayed: KubeObject[] = [];
  let unboundImmediate = false;
  for (const v of (pod.spec?.volumes ?? []) as any[]) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const claim = cluster.store.peek(claimType(), pod.metadata.namespace, name);
    if (!claim) return { blocked: `persistentvolumeclaim "${name}" not found` };
    if (claim.spec?.volumeName && !cluster.store.peek(volumeType(), undefined, claim.spec.volumeName)) return { blocked: `${cluster.nodes.length} node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)` };
    if (isBound(claim)) continue;
    if (waitsForFirstConsumer(cluster, claim)) delayed.push(claim);
    else unboundImmediate = true;
  }
  return unboundImmediate ? { blocked: 'pod has unbound immediate PersistentVolumeClaims' } : { delayed };
}

/** The scheduler's message when no node can take the pod for a reason every node shares. */
export function unschedulableOnEveryNode(cluster: Cluster, why: string): string {
  const total = cluster.nodes.length;
  return `0/${total} nodes are available: ${why}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

/** The scheduler's choice for claims that wait for their first consumer, for the provisioner to follow. */
export function selectNode(cluster: Cluster, claims: readonly KubeObject[], node: string): void {
  for (const claim of claims) {
    if (claim.metadata.annotations?.[SELECTED_NODE]) continue;
    writeAs(cluster, 'kube-scheduler', claimType(), claim.metadata.namespace, claim.metadata.name!, (o) => (o.metadata.annotations = { ...o.metadata.annotations, [SELECTED_NODE]: node }));
  }
}
