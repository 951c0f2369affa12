/**
 * The StatefulSet controller: pods named <set>-<ordinal>, created in order (OrderedReady waits for
 * each to be Running and Ready) or all at once (Parallel), updated from the highest ordinal down to
 * the partition, one pod at a time.
 */
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { controllerRef, isControlledBy, podIsActive, podIsAvailable, podIsReady } from './util.js';
import { ensureRevision, revisionTemplate } from './revisions.js';
import { ensureClaims, releaseClaims, withClaimVolumes } from './statefulset-claims.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const COMPONENT = 'statefulset-controller';
const HASH = 'controller-revision-hash';

function ordinalOf(set: KubeObject, pod: KubeObject): number {
  const m = new RegExp(`^${set.metadata.name}-(\\d+)$`).exec(pod.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
}

export function syncStatefulSets(cluster: Cluster): void {
  const stsType = typeOf('StatefulSet', 'apps/v1');
  const podType = typeOf('Pod', 'v1');
  for (const set of cluster.store.scan(stsType)) {
    const ns = set.metadata.namespace;
    const update = ensureRevision(cluster, set);
    const currentName: string = set.status?.currentRevision ?? update.name;
    const replicas: number = set.spec?.replicas ?? 1;
    const ordered = set.spec?.podManagementPolicy !== 'Parallel';
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const partition: number = rolling ? set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0 : 0;
    const pods = cluster.store.scan(podType, ns).filter((p) => isControlledBy(p, set) && podIsActive(p));
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(set, p), p]));
    const healthy = (p: KubeObject | undefined) => !!p && p.status?.phase === 'Running' && podIsReady(p);

    let acted = false;
    for (let i = 0; i < replicas && !acted; i++) {
      if (byOrdinal.has(i)) {
        if (ordered && !healthy(byOrdinal.get(i))) acted = true; // wait for this one before the next
        continue;
      }
      const useCurrent = i < partition || (!rolling && currentName !== update.name);
      const template = (useCurrent ? revisionTemplate(cluster, set, currentName) : undefined) ?? update.template;
      const revision = useCurrent && revisionTemplate(cluster, set, currentName) ? currentName : update.name;
      const pod = createPod(cluster, set, i, template, revision);
      byOrdinal.set(i, pod);
      cluster.events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
      if (ordered) acted = true;
    }
    // Scale down from the highest ordinal.
    const extra = [...byOrdinal.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
    for (const i of extra) {
      if (ordered && acted) break;
      const pod = byOrdinal.get(i)!;
      cluster.store.delete(podType, ns, pod.metadata.name!);
      byOrdinal.delete(i);
      cluster.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
      releaseClaims(cluster, set, i);
      acted = true;
    }
    // Rolling update: the highest stale ordinal at or above the partition goes once all are healthy.
    const all = [...byOrdinal.entries()].filter(([i]) => i < replicas);
    if (rolling && !acted && all.length === replicas && all.every(([, p]) => healthy(p))) {
      const stale = all.filter(([i, p]) => i >= partition && p.metadata.labels?.[HASH] !== update.name).sort(([a], [b]) => b - a)[0];
      if (stale) {
        cluster.store.delete(podType, ns, stale[1].metadata.name!);
        byOrdinal.delete(stale[0]);
        cluster.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${stale[1].metadata.name} in StatefulSet ${set.metadata.name} successful`, COMPONENT);
      }
    }
    const live = [...byOrdinal.values()];
    const updated = live.filter((p) => p.metadata.labels?.[HASH] === update.name).length;
    const ready = live.filter(podIsReady).length;
    const current = live.filter((p) => p.metadata.labels?.[HASH] === currentName).length;
    const done = updated === replicas && ready === replicas;
    const status: Record<string, unknown> = {
      observedGeneration: set.metadata.generation,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: done ? updated : current,
      updatedReplicas: updated,
      availableReplicas: live.filter((p) => podIsAvailable(cluster, p, set.spec?.minReadySeconds ?? 0)).length,
      currentRevision: done ? update.name : currentName,
      updateRevision: update.name,
      collisionCount: 0,
    };
    if (JSON.stringify(status) !== JSON.stringify(set.status)) {
      cluster.store.mutate(stsType, ns, set.metadata.name!, (o) => {
        o.status = status;
      }, { subresource: 'status' });
    }
  }
}

function createPod(cluster: Cluster, set: KubeObject, ordinal: number, template: any, revision: string): KubeObject {
  const t = clone(template ?? {});
  const name = `${set.metadata.name}-${ordinal}`;
  ensureClaims(cluster, set, ordinal, name);
  return cluster.store.create(typeOf('Pod', 'v1'), {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), [HASH]: revision, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [controllerRef(set)],
    },
    spec: { ...withClaimVolumes(t.spec ?? {}, set, ordinal), hostname: name, ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}) },
  });
}
