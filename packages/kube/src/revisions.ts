import type { Kubectl } from './kubectl.js';
import type { LiveObject } from './verify/live.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** Where a workload stood before the deploy: what rollback returns to. */
export interface WorkloadState {
  kind: string;
  name: string;
  namespace: string;
  existed: boolean;
  generation?: number;
  /** Deployments: the revision annotation. */
  revision?: string;
}

export function workloadKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

const ROLLABLE: Record<string, string> = { Deployment: 'deployments.apps', StatefulSet: 'statefulsets.apps', DaemonSet: 'daemonsets.apps' };

export function isRollable(kind: string): boolean {
  return kind in ROLLABLE;
}

/** Reads the rollable workloads about to be applied, one `kubectl get` per namespace. */
export async function recordWorkloads(kubectl: Pick<Kubectl, 'getJson'>, workloads: readonly { kind: string; name: string; namespace: string }[]): Promise<Map<string, WorkloadState>> {
  const states = new Map<string, WorkloadState>();
  const byNamespace = new Map<string, typeof workloads[number][]>();
  for (const w of workloads.filter((w) => isRollable(w.kind))) byNamespace.set(w.namespace, [...(byNamespace.get(w.namespace) ?? []), w]);
  for (const [namespace, list] of byNamespace) {
    const refs = list.map((w) => `${ROLLABLE[w.kind] ?? w.kind}/${w.name}`);
    type Answer = { items?: LiveObject[]; kind?: string };
    const found: Answer = await kubectl.getJson<Answer>([...refs, '-n', namespace, '--ignore-not-found']).catch((error: unknown) => {
      // --ignore-not-found with nothing found prints nothing, which is not JSON.
      if (error instanceof Error && /not JSON/.test(error.message)) return { items: [] };
      throw error;
    });
    const items = found.items ?? (found.kind ? [found as unknown as LiveObject] : []);
    for (const w of list) {
      const live = items.find((i) => i.kind === w.kind && i.metadata.name === w.name);
      states.set(workloadKey(w.kind, namespace, w.name), {
        ...w,
        existed: Boolean(live),
        ...(live?.metadata.generation === undefined ? {} : { generation: live.metadata.generation }),
        ...(live?.metadata.annotations?.[REVISION_ANNOTATION] ? { revision: live.metadata.annotations[REVISION_ANNOTATION] } : {}),
      });
    }
  }
  return states;
}
