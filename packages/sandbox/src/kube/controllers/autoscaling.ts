/**
 * HorizontalPodAutoscaler and PodDisruptionBudget status. There is no metrics server here (as on a
 * fresh EKS cluster), so an HPA only holds its target within minReplicas..maxReplicas and reports
 * that it cannot read metrics (unless its scenario annotation says metrics are available); a PDB counts healthy pods and allowed disruptions.
 */
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { timestamp } from '../clock.js';
import { selectorMatcher } from '../selectors.js';
import { intOrPercent, podIsActive, podIsReady } from './util.js';

/** Scenario annotation on an HPA: `available` makes the (absent) metrics server answer. */
export const METRICS_ANNOTATION = 'sandbox.eks-kit/metrics';

/* eslint-disable @typescript-eslint/no-explicit-any */
function transitionTime(obj: KubeObject, type: string, status: string): string {
  const c = ((obj.status?.conditions ?? []) as any[]).find((x) => x.type === type);
  return c && c.status === status ? c.lastTransitionTime : timestamp();
}

function writeStatus(cluster: Cluster, obj: KubeObject, status: Record<string, unknown>): void {
  if (JSON.stringify(status) === JSON.stringify(obj.status)) return;
  cluster.store.mutate(typeOf(obj.kind, obj.apiVersion), obj.metadata.namespace, obj.metadata.name!, (o) => {
    o.status = status;
  }, { subresource: 'status' });
}

export function syncAutoscalers(cluster: Cluster): void {
  for (const hpa of cluster.store.scan(typeOf('HorizontalPodAutoscaler', 'autoscaling/v2'))) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const targetType = ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(ref.kind) ? typeOf(ref.kind, 'apps/v1') : undefined;
    const target = targetType ? cluster.store.peek(targetType, hpa.metadata.namespace, ref.name) : undefined;
    const min: number = hpa.spec?.minReplicas ?? 1;
    const max: number = hpa.spec?.maxReplicas ?? min;
    const current: number = target?.spec?.replicas ?? 0;
    const desired = target ? Math.min(max, Math.max(min, current)) : 0;
    if (target && targetType && desired !== current) {
      cluster.store.mutate(targetType, target.metadata.namespace, target.metadata.name!, (o) => {
        o.spec.replicas = desired;
      });
      const why = current < min ? 'Current number of replicas below Spec.MinReplicas' : 'Current number of replicas above Spec.MaxReplicas';
      cluster.events.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${why}`, 'horizontal-pod-autoscaler');
    }
    // A scenario may say a metrics server answers (sandbox.eks-kit/metrics: available).
    const metrics = hpa.metadata.annotations?.[METRICS_ANNOTATION] === 'available';
    const active = metrics
      ? { type: 'ScalingActive', status: 'True', lastTransitionTime: transitionTime(hpa, 'ScalingActive', 'True'), reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' }
      : { type: 'ScalingActive', status: 'False', lastTransitionTime: transitionTime(hpa, 'ScalingActive', 'False'), reason: 'FailedGetResourceMetric', message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)' };
    const conditions = target
      ? [
          { type: 'AbleToScale', status: 'True', lastTransitionTime: transitionTime(hpa, 'AbleToScale', 'True'), reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale' },
          active,
        ]
      : [{ type: 'AbleToScale', status: 'False', lastTransitionTime: transitionTime(hpa, 'AbleToScale', 'False'), reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${String(ref.kind).toLowerCase()}s "${ref.name}" not found` }];
    writeStatus(cluster, hpa, { currentReplicas: current, desiredReplicas: desired, currentMetrics: null, conditions });
  }

  const pods = cluster.store.scan(typeOf('Pod', 'v1'));
  for (const pdb of cluster.store.scan(typeOf('PodDisruptionBudget', 'policy/v1'))) {
    const match = selectorMatcher(pdb.spec?.selector ?? { matchLabels: {} });
    const selected = pods.filter((p) => p.metadata.namespace === pdb.metadata.namespace && podIsActive(p) && match(p.metadata.labels ?? {}));
    const expected = selected.length;
    const healthy = selected.filter(podIsReady).length;
    const desired = pdb.spec?.minAvailable !== undefined
      ? intOrPercent(pdb.spec.minAvailable, expected, true)
      : Math.max(0, expected - intOrPercent(pdb.spec?.maxUnavailable ?? 0, expected, true));
    const allowed = Math.max(0, healthy - desired);
    const status = allowed > 0 ? 'True' : 'False';
    writeStatus(cluster, pdb, {
      observedGeneration: pdb.metadata.generation,
      disruptionsAllowed: allowed,
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      conditions: [{ type: 'DisruptionAllowed', status, observedGeneration: pdb.metadata.generation, lastTransitionTime: transitionTime(pdb, 'DisruptionAllowed', status), reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods', message: '' }],
    });
  }
}
