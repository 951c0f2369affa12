import type { KubeApi } from './api-client.js';
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
  /**
   * StatefulSets and DaemonSets: the pod template as it was (their newest ControllerRevision holds
   * the same), which a server-side rollback applies back.
   */
  template?: unknown;
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
    for (const w of list) states.set(workloadKey(w.kind, namespace, w.name), stateOf(w, items.find((i) => i.kind === w.kind && i.metadata.name === w.name)));
  }
  return states;
}

function stateOf(w: { kind: string; name: string; namespace: string }, live: LiveObject | undefined): WorkloadState {
  return {
    ...w,
    existed: Boolean(live),
    ...(live?.metadata.generation === undefined ? {} : { generation: live.metadata.generation }),
    ...(live?.metadata.annotations?.[REVISION_ANNOTATION] ? { revision: live.metadata.annotations[REVISION_ANNOTATION] } : {}),
    ...(live && w.kind !== 'Deployment' && live.spec?.template ? { template: live.spec.template } : {}),
  };
}

/** The same record as recordWorkloads, one GET per workload from this process, all at once; 404 is "new". */
export async function readWorkloads(api: Pick<KubeApi, 'get'>, workloads: readonly { kind: string; name: string; namespace: string }[], timeoutMs: number): Promise<Map<string, WorkloadState>> {
  const answers = await Promise.all(workloads.filter((w) => isRollable(w.kind)).map(async (w) => {
    const plural = (ROLLABLE[w.kind] ?? '').split('.')[0];
    const answer = await api.get(`/apis/apps/v1/namespaces/${encodeURIComponent(w.namespace)}/${plural}/${encodeURIComponent(w.name)}`, { timeoutMs });
    if (answer.status !== 200 && answer.status !== 404) throw new Error(`GET ${w.kind}/${w.name} in ${w.namespace} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    return stateOf(w, answer.status === 200 ? { ...(JSON.parse(answer.body) as LiveObject), kind: w.kind } : undefined);
  }));
  return new Map(answers.map((s) => [workloadKey(s.kind, s.namespace, s.name), s]));
}
