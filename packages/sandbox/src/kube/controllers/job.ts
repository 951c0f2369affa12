/**
 * The Job controller: runs pods until `completions` succeed (at most `parallelism` at once), or
 * marks the Job Failed once more than `backoffLimit` pods have failed.
 */
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { timestamp } from '../clock.js';
import { controllerRef, isControlledBy, podIsReady, randomName } from './util.js';

const COMPONENT = 'job-controller';

function condition(type: string, reason: string, message: string, now: string): Record<string, unknown> {
  return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
}

export function syncJobs(cluster: Cluster): void {
  const jobType = typeOf('Job', 'batch/v1');
  const podType = typeOf('Pod', 'v1');
  for (const job of cluster.store.scan(jobType)) {
    const ns = job.metadata.namespace;
    const conditions = (job.status?.conditions ?? []) as { type: string; status: string }[];
    const finished = conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const pods = cluster.store.scan(podType, ns).filter((p) => isControlledBy(p, job));
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    let active = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const completions: number = job.spec?.completions ?? 1;
    const parallelism: number = job.spec?.parallelism ?? 1;
    const backoffLimit: number = job.spec?.backoffLimit ?? 6;
    const now = timestamp();
    const status: Record<string, unknown> = { ...(job.status ?? {}) };
    let newConditions = [...((job.status?.conditions ?? []) as Record<string, unknown>[])];
    if (!finished && !job.spec?.suspend) {
      if (failed > backoffLimit) {
        for (const p of active) cluster.store.delete(podType, ns, p.metadata.name!);
        active = [];
        newConditions = [...newConditions, condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now), condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now)];
        cluster.events.record(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', COMPONENT);
      } else if (succeeded >= completions) {
        newConditions = [...newConditions, condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', now), condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now)];
        status.completionTime = now;
        cluster.events.record(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
      } else {
        // After a failure the next pod waits out the back-off (10 s, doubling), as the real controller does.
        const waitMs = failed > 0 ? cluster.timings.backoffMs * 2 ** (failed - 1) : 0;
        const since = backoffState(cluster, job, failed, cluster.clock.now());
        const want = Math.min(parallelism, completions - succeeded);
        if (cluster.due(since + waitMs)) {
          for (let i = active.length; i < want; i++) {
            const pod = createPod(cluster, job);
            active.push(pod);
            cluster.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
          }
        }
        status.startTime ??= now;
      }
    }
    Object.assign(status, {
      active: active.length || undefined,
      ready: active.filter(podIsReady).length,
      succeeded: succeeded || undefined,
      failed: failed || undefined,
      terminating: 0,
      uncountedTerminatedPods: {},
      conditions: newConditions.length > 0 ? newConditions : undefined,
    });
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(job.status ?? {})) {
      cluster.store.mutate(jobType, ns, job.metadata.name!, (o) => {
        o.status = status;
      }, { subresource: 'status' });
    }
  }
}

const failureSeen = new WeakMap<Cluster, Map<string, { failed: number; at: number }>>();

/** When the latest failure was first seen, on the simulated clock. */
function backoffState(cluster: Cluster, job: KubeObject, failed: number, now: number): number {
  const map = failureSeen.get(cluster) ?? new Map<string, { failed: number; at: number }>();
  failureSeen.set(cluster, map);
  const key = job.metadata.uid!;
  const entry = map.get(key);
  if (!entry || entry.failed !== failed) {
    map.set(key, { failed, at: now });
    return failed === 0 ? 0 : now;
  }
  return failed === 0 ? 0 : entry.at;
}

function createPod(cluster: Cluster, job: KubeObject): KubeObject {
  const t = clone(job.spec?.template ?? {});
  return cluster.store.create(typeOf('Pod', 'v1'), {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: randomName(job.metadata.name!),
      generateName: `${job.metadata.name}-`,
      namespace: job.metadata.namespace,
      labels: t.metadata?.labels ?? {},
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [controllerRef(job)],
    },
    spec: t.spec ?? {},
  });
}
