import type { KubeObject, Manifest } from './types.js';

/** Built-in kinds that live outside namespaces. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'APIService', 'Node', 'CSIDriver', 'VolumeSnapshotClass',
]);

export function isClusterScoped(object: KubeObject): boolean {
  return CLUSTER_SCOPED.has(object.kind);
}

/** Puts objects without a namespace into `namespace`; an explicit namespace in a manifest wins. */
export function applyNamespace(manifests: readonly Manifest[], namespace: string): void {
  for (const { object } of manifests) {
    if (isClusterScoped(object) || object.metadata.namespace) continue;
    object.metadata.namespace = namespace;
  }
}

/** Lower goes first: what workloads refer to must exist before they start. */
const APPLY_ORDER: Record<string, number> = {
  Namespace: 0,
  CustomResourceDefinition: 1,
  PriorityClass: 2, StorageClass: 2, ResourceQuota: 3, LimitRange: 3,
  ServiceAccount: 4, ClusterRole: 4, Role: 4, ClusterRoleBinding: 5, RoleBinding: 5,
  // A claim's volume first, so the binder finds it when the claim arrives.
  Secret: 6, ConfigMap: 6, PersistentVolume: 7, PersistentVolumeClaim: 8, NetworkPolicy: 8,
  Service: 9,
};
const WORKLOAD_ORDER = 20;

export function applyRank(object: KubeObject): number {
  return APPLY_ORDER[object.kind] ?? WORKLOAD_ORDER;
}

/** Stable sort by rank, keeping the user's order within a rank. */
export function sortForApply(manifests: readonly Manifest[]): Manifest[] {
  return manifests.map((m, i) => ({ m, i })).sort((a, b) => applyRank(a.m.object) - applyRank(b.m.object) || a.i - b.i).map(({ m }) => m);
}

/** Namespaces and CRDs go in a first apply, so kinds and namespaces exist when the rest is mapped. */
export function isFoundation(object: KubeObject): boolean {
  return object.kind === 'Namespace' || object.kind === 'CustomResourceDefinition';
}

export function duplicates(manifests: readonly Manifest[]): string[] {
  const seen = new Map<string, Manifest>();
  const found: string[] = [];
  for (const m of manifests) {
    const key = `${m.object.apiVersion.split('/')[0]}/${m.object.kind}/${m.object.metadata.namespace ?? ''}/${m.object.metadata.name}`;
    const first = seen.get(key);
    if (first) found.push(`${m.object.kind}/${m.object.metadata.name} at ${m.source.file}:${m.source.line} (also at ${first.source.file}:${first.source.line})`);
    else seen.set(key, m);
  }
  return found;
}
