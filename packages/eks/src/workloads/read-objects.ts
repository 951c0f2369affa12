import type { KubeReader } from './kube-reader.js';
import { workloadOf, type ClusterObjects } from './objects.js';

/** The collections the workload checks read: `list` on each, across namespaces. */
export const WORKLOAD_PATHS = {
  deployments: '/apis/apps/v1/deployments',
  statefulsets: '/apis/apps/v1/statefulsets',
  daemonsets: '/apis/apps/v1/daemonsets',
  pods: '/api/v1/pods',
  podDisruptionBudgets: '/apis/policy/v1/poddisruptionbudgets',
  storageClasses: '/apis/storage.k8s.io/v1/storageclasses',
  persistentVolumes: '/api/v1/persistentvolumes',
} as const;

export async function readClusterObjects(reader: KubeReader): Promise<ClusterObjects> {
  const [deployments, statefulsets, daemonsets, pods, podDisruptionBudgets, storageClasses, persistentVolumes] = await Promise.all(
    [WORKLOAD_PATHS.deployments, WORKLOAD_PATHS.statefulsets, WORKLOAD_PATHS.daemonsets, WORKLOAD_PATHS.pods, WORKLOAD_PATHS.podDisruptionBudgets, WORKLOAD_PATHS.storageClasses, WORKLOAD_PATHS.persistentVolumes].map((p) => reader.list(p)),
  );
  return {
    workloads: [...deployments!.map((o) => workloadOf('Deployment', o)), ...statefulsets!.map((o) => workloadOf('StatefulSet', o)), ...daemonsets!.map((o) => workloadOf('DaemonSet', o))],
    pods: pods!,
    podDisruptionBudgets: podDisruptionBudgets!,
    storageClasses: storageClasses!,
    persistentVolumes: persistentVolumes!,
  };
}
