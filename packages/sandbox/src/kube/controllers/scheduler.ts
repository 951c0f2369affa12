/** Fits pods onto simulated nodes by CPU/memory requests, pod count and nodeSelector. */
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import { parseQuantity } from '../quantity.js';
import { typeOf } from '../store.js';
import { nodeState } from '../nodes.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export function podRequests(pod: KubeObject): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of (pod.spec?.containers ?? []) as any[]) {
    const r = c?.resources?.requests ?? c?.resources?.limits ?? {};
    cpu += parseQuantity(r.cpu);
    memory += parseQuantity(r.memory);
  }
  return { cpu, memory };
}

function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export type ScheduleResult = { node: string } | { message: string };

export function schedule(cluster: Cluster, pod: KubeObject, forceFail: boolean): ScheduleResult {
  const nodes = cluster.nodes;
  const total = nodes.length;
  if (forceFail) {
    return { message: `0/${total} nodes are available: ${total} node(s) had untolerated taint {sandbox.eks-kit/failure: unschedulable}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.` };
  }
  const want = podRequests(pod);
  const pods = cluster.store.scan(typeOf('Pod', 'v1')).filter((p) => p.spec?.nodeName && !isTerminal(p));
  const reasons = new Map<string, number>();
  const add = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const selector = (pod.spec?.nodeSelector ?? {}) as Record<string, string>;
  const candidates: { name: string; load: number }[] = [];
  nodes.forEach((node, index) => {
    const labels: Record<string, string> = { 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': node.zone ?? 'us-east-1a', ...node.labels };
    if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return add("node(s) didn't match Pod's node affinity/selector");
    // The taints the node lifecycle controller puts on such nodes; only DaemonSet pods tolerate them.
    const state = nodeState(cluster.store, typeOf('Node', 'v1'), node.name);
    if (!state.ready) return add('node(s) had untolerated taint {node.kubernetes.io/unreachable: }');
    if (state.unschedulable) return add('node(s) were unschedulable');
    const onNode = pods.filter((p) => p.spec.nodeName === node.name && p.metadata.uid !== pod.metadata.uid);
    const used = onNode.reduce((acc, p) => {
      const r = podRequests(p);
      return { cpu: acc.cpu + r.cpu, memory: acc.memory + r.memory };
    }, { cpu: 0, memory: 0 });
    const misfits: string[] = [];
    if (onNode.length + 1 > (node.pods ?? 29)) misfits.push('Too many pods');
    if (used.cpu + want.cpu > parseQuantity(node.cpu)) misfits.push('Insufficient cpu');
    if (used.memory + want.memory > parseQuantity(node.memory)) misfits.push('Insufficient memory');
    misfits.forEach(add);
    if (misfits.length === 0) candidates.push({ name: node.name, load: onNode.length * 1000 + index });
  });
  if (candidates.length > 0) return { node: candidates.sort((a, b) => a.load - b.load)[0]!.name };
  const detail = [...reasons].sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `${n} ${r}`).join(', ');
  return { message: `0/${total} nodes are available: ${detail}. preemption: 0/${total} nodes are available: ${total} No preemption victims found for incoming pod.` };
}
