/** The API collection of each kind deploy watches, and label selectors in their query form. */

const COLLECTIONS: Record<string, { prefix: string; plural: string }> = {
  Pod: { prefix: '/api/v1', plural: 'pods' },
  Service: { prefix: '/api/v1', plural: 'services' },
  Event: { prefix: '/api/v1', plural: 'events' },
  Deployment: { prefix: '/apis/apps/v1', plural: 'deployments' },
  ReplicaSet: { prefix: '/apis/apps/v1', plural: 'replicasets' },
  StatefulSet: { prefix: '/apis/apps/v1', plural: 'statefulsets' },
  DaemonSet: { prefix: '/apis/apps/v1', plural: 'daemonsets' },
  ControllerRevision: { prefix: '/apis/apps/v1', plural: 'controllerrevisions' },
  Job: { prefix: '/apis/batch/v1', plural: 'jobs' },
  HorizontalPodAutoscaler: { prefix: '/apis/autoscaling/v2', plural: 'horizontalpodautoscalers' },
  Node: { prefix: '/api/v1', plural: 'nodes' },
  PersistentVolumeClaim: { prefix: '/api/v1', plural: 'persistentvolumeclaims' },
  StorageClass: { prefix: '/apis/storage.k8s.io/v1', plural: 'storageclasses' },
  CustomResourceDefinition: { prefix: '/apis/apiextensions.k8s.io/v1', plural: 'customresourcedefinitions' },
};

const CLUSTER_SCOPED = new Set(['Node', 'CustomResourceDefinition', 'StorageClass']);

export function isWatchable(kind: string): boolean {
  return kind in COLLECTIONS;
}

/** `/apis/apps/v1/namespaces/shop/deployments` */
export function collectionPath(kind: string, namespace: string): string {
  const c = COLLECTIONS[kind];
  if (!c) throw new Error(`no API collection known for ${kind}`);
  if (CLUSTER_SCOPED.has(kind)) return `${c.prefix}/${c.plural}`;
  return `${c.prefix}/namespaces/${encodeURIComponent(namespace)}/${c.plural}`;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A LabelSelector as the `labelSelector` query parameter (`app=web,tier in (a,b),!legacy`). */
export function selectorQuery(selector: LabelSelector | Record<string, string>): string {
  const s: LabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector ? (selector as LabelSelector) : { matchLabels: selector as Record<string, string> };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

/** True when every object `narrow` selects is also selected by `wide` (both as matchLabels). */
export function impliedBy(narrow: Record<string, string>, wide: Record<string, string>): boolean {
  return Object.entries(wide).every(([k, v]) => narrow[k] === v);
}
