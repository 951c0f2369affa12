/** Simulated worker nodes: what the scheduler fits pods onto and DaemonSets run on. */
import type { ResourceType } from './resources.js';
import type { KubeObject } from './types.js';

export interface SimNode {
  name: string;
  /** Allocatable CPU ("1930m") and memory ("7Gi"). */
  cpu: string;
  memory: string;
  pods?: number;
  labels?: Record<string, string>;
  zone?: string;
  /** Cordoned from the start (`kubectl cordon` sets the same field at run time). */
  unschedulable?: boolean;
  /** false: the kubelet stopped posting status, so pods bound to the node never start. */
  ready?: boolean;
}

export const DEFAULT_NODES: SimNode[] = [
  { name: 'ip-10-0-1-23.ec2.internal', cpu: '1930m', memory: '7220Mi', zone: 'us-east-1a' },
  { name: 'ip-10-0-2-47.ec2.internal', cpu: '1930m', memory: '7220Mi', zone: 'us-east-1b' },
  { name: 'ip-10-0-3-81.ec2.internal', cpu: '1930m', memory: '7220Mi', zone: 'us-east-1c' },
];

export function nodeObject(node: SimNode, index: number): KubeObject {
  const ip = `10.0.${index + 1}.${10 + index}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'm5.large',
        'topology.kubernetes.io/zone': node.zone ?? 'us-east-1a',
        'eks.amazonaws.com/nodegroup': 'sandbox',
        ...node.labels,
      },
    },
    spec: { providerID: `aws:///${node.zone ?? 'us-east-1a'}/i-0sandbox${index}`, ...(node.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: { cpu: '2', memory: '7910Mi', pods: String(node.pods ?? 29) },
      allocatable: { cpu: node.cpu, memory: node.memory, pods: String(node.pods ?? 29) },
      addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: node.name }],
      conditions: [node.ready === false
        ? { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }
        : { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { kubeletVersion: 'v1.32.0-eks-sandbox', containerRuntimeVersion: 'containerd://1.7.25', osImage: 'Amazon Linux 2023', architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

/**
 * A node as the API shows it now, so `kubectl cordon` and a status change made at run time count:
 * cordoned (spec.unschedulable) and Ready (its Ready condition True).
 */
export function nodeState(store: { scan(type: ResourceType): readonly KubeObject[] }, type: ResourceType, name: string): { unschedulable: boolean; ready: boolean } {
  const node = store.scan(type).find((n) => n.metadata.name === name);
  const ready = ((node?.status?.conditions ?? []) as { type?: string; status?: string }[]).find((c) => c.type === 'Ready');
  return { unschedulable: node?.spec?.unschedulable === true, ready: node === undefined || ready?.status === 'True' };
}
