/** The ReplicaSet controller: keeps spec.replicas pods, newest and least ready go first on scale-down. */
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { timestamp } from '../clock.js';
import { selectorMatcher } from '../selectors.js';
import { controllerRef, isControlledBy, podIsActive, podIsAvailable, podIsReady, randomName } from './util.js';

const COMPONENT = 'replicaset-controller';
const retryAt = new WeakMap<Cluster, Map<string, number>>();

export function syncReplicaSets(cluster: Cluster): void {
  const rsType = typeOf('ReplicaSet', 'apps/v1');
  const podType = typeOf('Pod', 'v1');
  const pods = cluster.store.scan(podType);
  for (const rs of cluster.store.scan(rsType)) {
    const match = selectorMatcher(rs.spec?.selector);
    const owned = pods.filter((p) => p.metadata.namespace === rs.metadata.namespace && isControlledBy(p, rs) && podIsActive(p) && match(p.metadata.labels ?? {}));
    const want = (rs.spec?.replicas as number | undefined) ?? 1;
    const refusal = owned.length < want ? admissionError(cluster, rs) : undefined;
    if (refusal) {
      // Admission refuses the pods: FailedCreate events (retried every 10 s) and a ReplicaFailure condition, as on EKS.
      const retries = retryAt.get(cluster) ?? new Map<string, number>();
      retryAt.set(cluster, retries);
      const next = retries.get(rs.metadata.uid!);
      if (next === undefined || cluster.due(next)) {
        cluster.events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${refusal}`, COMPONENT);
        retries.set(rs.metadata.uid!, cluster.clock.now() + 10_000);
      }
    } else if (owned.length < want) {
      for (let i = owned.length; i < want; i++) {
        const pod = createPod(cluster, rs);
        owned.push(pod);
        cluster.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
      }
    } else if (owned.length > want) {
      const victims = [...owned].sort(deletionOrder).slice(0, owned.length - want);
      for (const v of victims) {
        cluster.store.delete(podType, v.metadata.namespace, v.metadata.name!);
        cluster.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${v.metadata.name}`, COMPONENT);
      }
      const gone = new Set(victims.map((v) => v.metadata.uid));
      owned.splice(0, owned.length, ...owned.filter((p) => !gone.has(p.metadata.uid)));
    }
    const minReady = (rs.spec?.minReadySeconds as number | undefined) ?? 0;
    const status = {
      replicas: owned.length,
      fullyLabeledReplicas: owned.length,
      readyReplicas: owned.filter(podIsReady).length,
      availableReplicas: owned.filter((p) => podIsAvailable(cluster, p, minReady)).length,
      observedGeneration: rs.metadata.generation,
      ...(refusal ? { conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: failureSince(rs), reason: 'FailedCreate', message: refusal }] } : {}),
    };
    const next = Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== 0 || k === 'replicas'));
    if (JSON.stringify(next) !== JSON.stringify(rs.status)) {
      cluster.store.mutate(rsType, rs.metadata.namespace, rs.metadata.name!, (o) => {
        o.status = next;
      }, { subresource: 'status' });
    }
  }
}

/** Why admission would refuse this ReplicaSet's pods, if it would: a missing ServiceAccount. */
function admissionError(cluster: Cluster, rs: KubeObject): string | undefined {
  const spec = rs.spec?.template?.spec;
  const sa: string | undefined = spec?.serviceAccountName ?? spec?.serviceAccount;
  const ns = rs.metadata.namespace;
  if (!sa || cluster.store.peek(typeOf('ServiceAccount', 'v1'), ns, sa)) return undefined;
  return `pods "${rs.metadata.name}-" is forbidden: error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`;
}

function failureSince(rs: KubeObject): string {
  const existing = ((rs.status?.conditions ?? []) as { type: string; lastTransitionTime?: string }[]).find((c) => c.type === 'ReplicaFailure');
  return existing?.lastTransitionTime ?? timestamp();
}

/** Unscheduled, then not ready, then the youngest: the order the real controller picks victims in. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
  const rank = (p: KubeObject) => (!p.spec?.nodeName ? 0 : !podIsReady(p) ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  return String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp));
}

function createPod(cluster: Cluster, rs: KubeObject): KubeObject {
  const template = clone(rs.spec?.template ?? {});
  return cluster.store.create(typeOf('Pod', 'v1'), {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: randomName(rs.metadata.name!),
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: template.metadata?.labels ?? {},
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [controllerRef(rs)],
    },
    spec: template.spec ?? {},
  });
}
