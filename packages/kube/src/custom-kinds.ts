/**
 * Which applied objects are custom resources, and where to watch them: the kinds the deploy's own
 * CRDs define, then (only if some remain) those of the cluster's CRDs, read once. A CRD's
 * `eks-kit.dev/rollout-conditions` annotation sets the conditions for all of its kind.
 */
import type { Logger } from '@eks-kit/core';
import type { KubectlLike } from './bounded.js';
import type { KubeObject, Manifest } from './manifests/types.js';
import { parseRolloutConditions, ROLLOUT_CONDITIONS_ANNOTATION, type RolloutConditions } from './verify/custom-resource.js';

export interface CustomKind {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  conditions?: RolloutConditions;
}

/** Groups Kubernetes serves itself: their kinds are never a CRD's. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io',
  'node.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'coordination.k8s.io',
  'discovery.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'resource.k8s.io',
]);

function groupOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** The annotation's conditions, or undefined (with a warning naming the object when it is not valid). */
export function rolloutConditionsOf(object: KubeObject, logger: Logger): RolloutConditions | undefined {
  const value = object.metadata.annotations?.[ROLLOUT_CONDITIONS_ANNOTATION];
  if (value === undefined) return undefined;
  const parsed = parseRolloutConditions(value);
  if ('error' in parsed) {
    logger.warning(`${object.kind}/${object.metadata.name}: ${parsed.error}; using Ready/Available`);
    return undefined;
  }
  return parsed.conditions;
}

interface CrdObject extends KubeObject {
  spec: { group: string; scope?: string; names: { kind: string; plural: string }; versions?: { name: string; served?: boolean }[] };
}

function kindsOf(crd: CrdObject, logger: Logger): [string, CustomKind][] {
  const conditions = rolloutConditionsOf(crd, logger);
  return (crd.spec.versions ?? []).filter((v) => v.served !== false).map((v) => [
    kindKey(`${crd.spec.group}/${v.name}`, crd.spec.names.kind),
    { group: crd.spec.group, version: v.name, plural: crd.spec.names.plural, namespaced: crd.spec.scope !== 'Cluster', ...(conditions ? { conditions } : {}) },
  ]);
}

export async function resolveCustomKinds(kubectl: KubectlLike, manifests: readonly Manifest[], logger: Logger): Promise<Map<string, CustomKind>> {
  const kinds = new Map<string, CustomKind>();
  for (const m of manifests) if (m.object.kind === 'CustomResourceDefinition') for (const [k, v] of kindsOf(m.object as CrdObject, logger)) kinds.set(k, v);
  const missing = manifests.filter((m) => !BUILT_IN_GROUPS.has(groupOf(m.object.apiVersion).group) && !kinds.has(kindKey(m.object.apiVersion, m.object.kind)));
  if (missing.length === 0) return kinds;
  try {
    const crds = await kubectl.getJson<{ items: CrdObject[] }>(['customresourcedefinitions']);
    for (const crd of crds.items) for (const [k, v] of kindsOf(crd, logger)) if (!kinds.has(k)) kinds.set(k, v);
  } catch (error) {
    logger.warning(`Could not read the cluster's CustomResourceDefinitions (${(error as Error).message.split('\n')[0] ?? ''}); ${missing.map((m) => `${m.object.kind}/${m.object.metadata.name}`).join(', ')} count as applied`);
  }
  return kinds;
}

/** `/apis/example.com/v1/namespaces/shop/widgets` */
export function customCollectionPath(kind: CustomKind, namespace: string): string {
  return `/apis/${kind.group}/${kind.version}${kind.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${kind.plural}`;
}
