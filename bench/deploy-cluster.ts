/**
 * The simulated cluster of bench/deploy.ts, in a process of its own (started with `fork`): the
 * API server then costs the tools under test no time on their event loop, as a real one would
 * not. Answers the bench's questions over the IPC channel: the request log from a given index,
 * and when a Deployment completed its rollout at a given revision (the moment the store wrote the
 * status that completes it: a look every 10 ms was too coarse to tell the tools apart).
 */
import { startSandbox } from '@eks-kit/sandbox';
import { createEksToken } from '@eks-kit/kube';

export type Ask = { op: 'requests'; from: number } | { op: 'watch' | 'done'; namespace: string; revision: string } | { op: 'stop' };
type Question = Ask & { id: number };
export interface Ready { ready: true; url: string; caData?: string; token: string; kubeconfig: string; region: string; env: Record<string, string> }
export interface Answer { id: number; value: unknown }

const speed = Number(process.argv[2] ?? 10);
const sandbox = await startSandbox({ kubeApi: { options: { speed, knownImages: (image) => !image.includes('missing') } } });
const kube = sandbox.kube!;
// One token for every tool (valid 15 minutes, longer than the run), so none pays for the plugin.
const token = createEksToken({ clusterName: 'demo', region: sandbox.region, credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' } });
const completions = new Map<string, { done?: number; stop: () => void }>();

function complete(namespace: string, revision: string): boolean {
  const d = kube.state.get('Deployment', namespace, 'web') as { metadata: { generation?: number; annotations?: Record<string, string> }; spec: { replicas: number }; status?: Record<string, number> } | undefined;
  const s = d?.status;
  // observedGeneration too: the write that sets the new revision still carries the old rollout's counts.
  return d?.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision && !!s && s.observedGeneration === d.metadata.generation && s.updatedReplicas === d.spec.replicas && s.availableReplicas === d.spec.replicas && s.replicas === d.spec.replicas;
}

process.on('message', (q: Question) => {
  const answer = (value: unknown) => process.send?.({ id: q.id, value } satisfies Answer);
  if (q.op === 'requests') return answer(kube.state.requests.slice(q.from).map((r) => ({ method: r.method, path: r.path, at: r.at })));
  if (q.op === 'watch') {
    const entry: { done?: number; stop: () => void } = {
      stop: kube.state.cluster.store.subscribe((event) => {
        if (entry.done === undefined && event.object.kind === 'Deployment' && event.object.metadata.namespace === q.namespace && complete(q.namespace, q.revision)) entry.done = Date.now();
      }),
    };
    completions.set(q.namespace, entry);
    return answer(true);
  }
  if (q.op === 'done') {
    const entry = completions.get(q.namespace);
    if (!entry) return answer(undefined);
    entry.stop();
    return answer(entry.done);
  }
  void sandbox.stop().then(() => {
    answer(true);
    process.exit(0);
  });
});
process.send?.({ ready: true, url: kube.url, ...(kube.caData ? { caData: kube.caData } : {}), token, kubeconfig: kube.kubeconfig({ token }), region: sandbox.region, env: sandbox.env as Record<string, string> } satisfies Ready);
