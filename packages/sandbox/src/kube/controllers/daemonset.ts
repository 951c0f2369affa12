/**
 * The DaemonSet controller: one pod per eligible simulated node, replaced per maxUnavailable when
 * the template changes. A pod is up to date when its controller-revision-hash is the current
 * template's or its pod-template-generation is the current generation, as the real controller's
 * IsPodUpdated says; so a change outside the template (minReadySeconds) bumps the generation and
 * leaves the pods, with their old pod-template-generation, in place.
 */
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { controllerRef, intOrPercent, isControlledBy, podIsActive, podIsAvailable, podIsReady, randomName } from './util.js';
import { ensureRevision } from './revisions.js';

const COMPONENT = 'daemonset-controller';
const GENERATION = 'pod-template-generation';

export function syncDaemonSets(cluster: Cluster): void {
  const dsType = typeOf('DaemonSet', 'apps/v1');
  const podType = typeOf('Pod', 'v1');
  for (const ds of cluster.store.scan(dsType)) {
    const ns = ds.metadata.namespace;
    const revision = ensureRevision(cluster, ds);
    const generation = String(ds.metadata.generation ?? 1);
    const selector = (ds.spec?.template?.spec?.nodeSelector ?? {}) as Record<string, string>;
    const eligible = cluster.nodes.filter((n) => Object.entries(selector).every(([k, v]) => ({ 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': n.name, ...n.labels })[k] === v));
    let pods = cluster.store.scan(podType, ns).filter((p) => isControlledBy(p, ds) && podIsActive(p));
    for (const node of eligible) {
      if (pods.some((p) => p.spec?.nodeName === node.name)) continue;
      const pod = createPod(cluster, ds, node.name, revision.hash, generation);
      pods.push(pod);
      cluster.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
    }
    for (const p of pods.filter((p) => !eligible.some((n) => n.name === p.spec?.nodeName))) {
      cluster.store.delete(podType, ns, p.metadata.name!);
      cluster.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT);
      pods = pods.filter((x) => x !== p);
    }
    const desired = eligible.length;
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const maxUnavailable = Math.max(1, intOrPercent(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, false));
      const unavailable = pods.filter((p) => !podIsReady(p)).length;
      const stale = pods.filter((p) => !isUpdated(p, revision.hash, generation)).sort((a, b) => Number(podIsReady(a)) - Number(podIsReady(b)));
      let budget = maxUnavailable - unavailable;
      for (const p of stale) {
        if (budget <= 0 && podIsReady(p)) break;
        cluster.store.delete(podType, ns, p.metadata.name!);
        cluster.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT);
        pods = pods.filter((x) => x !== p);
        if (podIsReady(p)) budget--;
      }
    }
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const available = pods.filter((p) => podIsAvailable(cluster, p, minReady)).length;
    const status = {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: pods.filter(podIsReady).length,
      numberAvailable: available,
      numberUnavailable: Math.max(0, desired - available),
      updatedNumberScheduled: pods.filter((p) => isUpdated(p, revision.hash, generation)).length,
      observedGeneration: ds.metadata.generation,
    };
    if (JSON.stringify(status) !== JSON.stringify(ds.status)) {
      cluster.store.mutate(dsType, ns, ds.metadata.name!, (o) => {
        o.status = status;
      }, { subresource: 'status' });
    }
  }
}

function isUpdated(pod: KubeObject, hash: string, generation: string): boolean {
  return pod.metadata.labels?.['controller-revision-hash'] === hash || pod.metadata.labels?.[GENERATION] === generation;
}

function createPod(cluster: Cluster, ds: KubeObject, node: string, hash: string, generation: string): KubeObject {
  const t = clone(ds.spec?.template ?? {});
  return cluster.store.create(typeOf('Pod', 'v1'), {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: randomName(ds.metadata.name!),
      namespace: ds.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), 'controller-revision-hash': hash, [GENERATION]: generation },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [controllerRef(ds)],
    },
    spec: { ...(t.spec ?? {}), nodeName: node },
  });
}
