import type { KubeReader } from './kube-reader.js';
import { workloadOf, type ClusterObjects } from './objects.js';

/** The collections the workload checks read: `list` on each, across namespaces. */
export const WORKLOAD_PATHS = {
  deployments: '/apis/apps/v1/deployments',
  statefulsets: '/apis/apps/v1/statefulsets',
  daemonsets: '/apis/apps/v1/daemonsets',
  jobs: '/apis/batch/v1/jobs',
  cronjobs: '/apis/batch/v1/cronjobs',
  pods: '/api/v1/pods',
  podDisruptionBudgets: '/apis/policy/v1/poddisruptionbudgets',
  storageClasses: '/apis/storage.k8s.io/v1/storageclasses',
  persistentVolumes: '/api/v1/persistentvolumes',
} as const;

export async function readClusterObjects(reader: KubeReader): Promise<ClusterObjects> {
  const [deployments, statefulsets, daemonsets, jobs, cronjobs, pods, podDisruptionBudgets, storageClasses, persistentVolumes] = await Promise.all(
    [WORKLOAD_PATHS.deployments, WORKLOAD_PATHS.statefulsets, WORKLOAD_PATHS.daemonsets, WORKLOAD_PATHS.jobs, WORKLOAD_PATHS.cronjobs, WORKLOAD_PATHS.pods, WORKLOAD_PATHS.podDisruptionBudgets, WORKLOAD_PATHS.storageClasses, WORKLOAD_PATHS.persistentVolumes].map((p) => reader.list(p)),
  );
  // A Job a CronJob made carries the CronJob's template: judging both would say it twice.
  const standaloneJobs = jobs!.filter((o) => !o.metadata?.ownerReferences?.some((r) => r.kind === 'CronJob' && r.controller));
  return {
    workloads: [
      ...deployments!.map((o) => workloadOf('Deployment', o)), ...statefulsets!.map((o) => workloadOf('StatefulSet', o)), ...daemonsets!.map((o) => workloadOf('DaemonSet', o)),
      ...standaloneJobs.map((o) => workloadOf('Job', o)), ...cronjobs!.map((o) => workloadOf('CronJob', o)),
    ],
    pods: pods!,
    podDisruptionBudgets: podDisruptionBudgets!,
    storageClasses: storageClasses!,
    persistentVolumes: persistentVolumes!,
  };
}
