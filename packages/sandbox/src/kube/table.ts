/** meta.k8s.io/v1 Table for kubectl's human output, with the columns of the common kinds. */
import type { KubeObject } from './types.js';
import type { ResourceType } from './resources.js';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.includes('as=Table');
}

function age(ts: unknown): string {
  if (typeof ts !== 'string') return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  for (const c of (pod.status?.containerStatuses ?? []) as any[]) {
    if (c.state?.waiting?.reason && c.state.waiting.reason !== 'ContainerCreating') return c.state.waiting.reason;
    if (c.state?.terminated?.reason && pod.status?.phase !== 'Succeeded') return c.state.terminated.reason;
  }
  if (pod.status?.phase === 'Succeeded') return 'Completed';
  if (pod.status?.phase === 'Pending' && pod.spec?.nodeName) return 'ContainerCreating';
  return pod.status?.phase ?? 'Pending';
}

type Column = [name: string, type: string, cell: (o: KubeObject) => unknown];

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const modes = (list: unknown) => ((list ?? []) as string[]).map((m) => MODES[m] ?? m).join(',');

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    ['Ready', 'string', (p) => `${((p.status?.containerStatuses ?? []) as any[]).filter((c) => c.ready).length}/${(p.spec?.containers ?? []).length}`],
    ['Status', 'string', podStatus],
    ['Restarts', 'string', (p) => String(((p.status?.containerStatuses ?? []) as any[]).reduce((n, c) => n + (c.restartCount ?? 0), 0))],
  ],
  Deployment: [
    ['Ready', 'string', (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`],
    ['Up-to-date', 'integer', (d) => d.status?.updatedReplicas ?? 0],
    ['Available', 'integer', (d) => d.status?.availableReplicas ?? 0],
  ],
  ReplicaSet: [
    ['Desired', 'integer', (r) => r.spec?.replicas ?? 0],
    ['Current', 'integer', (r) => r.status?.replicas ?? 0],
    ['Ready', 'integer', (r) => r.status?.readyReplicas ?? 0],
  ],
  StatefulSet: [['Ready', 'string', (s) => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`]],
  Job: [
    ['Status', 'string', (j) => (((j.status?.conditions ?? []) as any[]).find((c) => c.status === 'True' && (c.type === 'Complete' || c.type === 'Failed'))?.type ?? 'Running')],
    ['Completions', 'string', (j) => `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`],
  ],
  Service: [
    ['Type', 'string', (s) => s.spec?.type ?? 'ClusterIP'],
    ['Cluster-IP', 'string', (s) => s.spec?.clusterIP ?? '<none>'],
    ['External-IP', 'string', (s) => (s.spec?.type === 'LoadBalancer' ? (s.status?.loadBalancer?.ingress?.[0]?.hostname ?? '<pending>') : '<none>')],
    ['Ports', 'string', (s) => ((s.spec?.ports ?? []) as any[]).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>'],
  ],
  Namespace: [['Status', 'string', (n) => n.status?.phase ?? 'Active']],
  Node: [
    ['Status', 'string', (n) => (((n.status?.conditions ?? []) as any[]).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Ready' : 'NotReady')],
    ['Roles', 'string', () => '<none>'],
    ['Version', 'string', (n) => n.status?.nodeInfo?.kubeletVersion ?? ''],
  ],
  PersistentVolumeClaim: [
    ['Status', 'string', (c) => c.status?.phase ?? 'Pending'],
    ['Volume', 'string', (c) => c.spec?.volumeName ?? ''],
    ['Capacity', 'string', (c) => c.status?.capacity?.storage ?? ''],
    ['Access Modes', 'string', (c) => modes(c.status?.accessModes)],
    ['StorageClass', 'string', (c) => c.spec?.storageClassName ?? '<unset>'],
    ['VolumeAttributesClass', 'string', (c) => c.spec?.volumeAttributesClassName ?? '<unset>'],
  ],
  PersistentVolume: [
    ['Capacity', 'string', (v) => v.spec?.capacity?.storage ?? ''],
    ['Access Modes', 'string', (v) => modes(v.spec?.accessModes)],
    ['Reclaim Policy', 'string', (v) => v.spec?.persistentVolumeReclaimPolicy ?? ''],
    ['Status', 'string', (v) => v.status?.phase ?? ''],
    ['Claim', 'string', (v) => (v.spec?.claimRef ? `${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : '')],
    ['StorageClass', 'string', (v) => v.spec?.storageClassName ?? ''],
    ['VolumeAttributesClass', 'string', (v) => v.spec?.volumeAttributesClassName ?? '<unset>'],
    ['Reason', 'string', (v) => v.status?.reason ?? ''],
  ],
  StorageClass: [
    ['Provisioner', 'string', (c) => c.provisioner ?? ''],
    ['ReclaimPolicy', 'string', (c) => c.reclaimPolicy ?? 'Delete'],
    ['VolumeBindingMode', 'string', (c) => c.volumeBindingMode ?? 'Immediate'],
    ['AllowVolumeExpansion', 'boolean', (c) => c.allowVolumeExpansion === true],
  ],
  DaemonSet: [
    ['Desired', 'integer', (d) => d.status?.desiredNumberScheduled ?? 0],
    ['Current', 'integer', (d) => d.status?.currentNumberScheduled ?? 0],
    ['Ready', 'integer', (d) => d.status?.numberReady ?? 0],
    ['Up-to-date', 'integer', (d) => d.status?.updatedNumberScheduled ?? 0],
    ['Available', 'integer', (d) => d.status?.numberAvailable ?? 0],
  ],
};

export function asTable(type: ResourceType, items: KubeObject[], resourceVersion: string): object {
  if (type.kind === 'Event') {
    const cols: Column[] = [
      ['Last Seen', 'string', (e) => age(e.lastTimestamp ?? e.eventTime)],
      ['Type', 'string', (e) => e.type],
      ['Reason', 'string', (e) => e.reason],
      ['Object', 'string', (e) => `${String((e.involvedObject as any)?.kind ?? '').toLowerCase()}/${(e.involvedObject as any)?.name}`],
      ['Message', 'string', (e) => e.message],
    ];
    return build(cols, items, resourceVersion);
  }
  const cols: Column[] = [['Name', 'string', (o) => o.metadata.name], ...(COLUMNS[type.kind] ?? []), ['Age', 'string', (o) => age(o.metadata.creationTimestamp)]];
  return build(cols, items, resourceVersion);
}

function build(cols: Column[], items: KubeObject[], resourceVersion: string): object {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: cols.map(([name, type]) => ({ name, type, format: name === 'Name' ? 'name' : '', description: name, priority: 0 })),
    rows: items.map((o) => ({
      cells: cols.map(([, , cell]) => cell(o) ?? ''),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
