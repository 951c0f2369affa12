import type { Logger } from '@eks-kit/core';
import type { Kubectl } from './kubectl.js';
import { DEPLOY_LABEL, labelValue } from './manifests/tracking.js';
import type { LiveObject } from './verify/live.js';

/** Kinds a deploy may have created and a later one may remove (never Namespaces, never CRDs). One
 * unknown resource type fails the whole `kubectl get`, so only kinds every cluster serves. */
const PRUNABLE: Record<string, string> = {
  Deployment: 'deployments.apps', StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps', Job: 'jobs.batch',
  Service: 'services', ConfigMap: 'configmaps', Secret: 'secrets', ServiceAccount: 'serviceaccounts', Ingress: 'ingresses.networking.k8s.io',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers.autoscaling', PodDisruptionBudget: 'poddisruptionbudgets.policy',
};

export interface Pruned {
  kind: string;
  name: string;
  namespace: string;
}

/**
 * Deletes what an earlier deploy with the same id labelled and this one no longer ships, in the
 * namespaces this deploy touched. The label, not kubectl's --prune allow-list, decides.
 */
export async function pruneObjects(kubectl: Pick<Kubectl, 'run' | 'getJson'>, options: { deployId: string; namespaces: readonly string[]; keep: Set<string>; dryRun?: boolean; logger: Logger }): Promise<Pruned[]> {
  const pruned: Pruned[] = [];
  for (const namespace of options.namespaces) {
    const list = await kubectl.getJson<{ items: LiveObject[] }>([Object.values(PRUNABLE).join(','), '-n', namespace, '-l', `${DEPLOY_LABEL}=${labelValue(options.deployId)}`]);
    for (const item of list.items) {
      // Owned objects (a Job's pods, a Deployment's ReplicaSets) go with their owner.
      if ((item.metadata.ownerReferences ?? []).length > 0) continue;
      if (options.keep.has(`${item.kind}/${namespace}/${item.metadata.name}`)) continue;
      const ref = `${item.kind}/${item.metadata.name}`;
      if (!options.dryRun) {
        await kubectl.run(['delete', `${PRUNABLE[item.kind] ?? item.kind.toLowerCase()}/${item.metadata.name}`, '-n', namespace, '--wait=false']);
      }
      options.logger.info(`${options.dryRun ? 'Would prune' : 'Pruned'} ${ref} (${namespace}): the previous deploy created it and this one does not ship it`);
      pruned.push({ kind: item.kind, name: item.metadata.name, namespace });
    }
  }
  return pruned;
}
