/** The pod status (phase, conditions, container states) that the kubelet's runtime state implies. */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import type { FailureMode } from '../scenario.js';
import { typeOf } from '../store.js';
import { timestamp } from '../clock.js';

export type Phase = 'pending' | 'mount-failed' | 'pulling' | 'pull-failed' | 'creating' | 'running' | 'backoff' | 'terminated';

export interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
  message?: string;
}

export interface ContainerRuntime {
  name: string;
  image: string;
  phase: Phase;
  failure: FailureMode | undefined;
  attempts: number;
  nextAttemptSim: number;
  pullStartedSim?: number;
  pullFailure?: FailureMode;
  failedSim?: number;
  pulled?: boolean;
  waiting?: { reason: string; message?: string };
  startedSim?: number;
  startedAt?: string;
  containerID?: string;
  ready: boolean;
  restarts: number;
  lastTerminated?: Terminated;
  terminated?: Terminated;
  lastUnhealthySim?: number;
  logs: string[];
  previousLogs?: string[];
}

export interface PodRuntime {
  uid: string;
  createdSim: number;
  scheduledSim?: number;
  lastScheduleAttemptSim?: number;
  scheduleMessage?: string;
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  readySinceSim?: number;
  containers: ContainerRuntime[];
  transitions: Map<string, { status: string; time: string }>;
}

function digestOf(image: string): string {
  return 'sha256:' + createHash('sha256').update(image).digest('hex');
}

function imageRef(image: string): string {
  const name = image.split('@')[0]!.replace(/:[^/:]+$/, '');
  const full = name.includes('/') && /[.:]/.test(name.split('/')[0]!) ? name : `docker.io/${name.includes('/') ? name : 'library/' + name}`;
  return `${full}@${digestOf(image)}`;
}

function transition(rt: PodRuntime, type: string, status: string): string {
  const prev = rt.transitions.get(type);
  if (prev && prev.status === status) return prev.time;
  const time = timestamp();
  rt.transitions.set(type, { status, time });
  return time;
}

/** Writes the pod status the runtime state implies, when it changed. */
export function writePodStatus(cluster: Cluster, pod: KubeObject, rt: PodRuntime): void {
  const status = statusOf(pod, rt);
  if (JSON.stringify(status) === JSON.stringify(pod.status)) return;
  cluster.store.mutate(typeOf('Pod', 'v1'), pod.metadata.namespace, pod.metadata.name!, (p) => {
    p.status = status;
  }, { subresource: 'status' });
}

function statusOf(pod: KubeObject, rt: PodRuntime): Record<string, unknown> {
  const qosClass = pod.status?.qosClass ?? 'BestEffort';
  const cond = (type: string, status: string, extra: Record<string, string> = {}) => ({ type, status, lastProbeTime: null, lastTransitionTime: transition(rt, type, status), ...extra });
  if (!pod.spec?.nodeName) {
    if (!rt.scheduleMessage) return { phase: 'Pending', qosClass };
    return { phase: 'Pending', conditions: [cond('PodScheduled', 'False', { reason: 'Unschedulable', message: rt.scheduleMessage })], qosClass };
  }
  const started = rt.containers.some((c) => c.startedSim !== undefined);
  const allTerminated = rt.containers.every((c) => c.phase === 'terminated');
  const phase = allTerminated ? (rt.containers.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed') : started ? 'Running' : 'Pending';
  const notReady = rt.containers.filter((c) => !c.ready).map((c) => c.name);
  const ready = notReady.length === 0 ? cond('Ready', 'True') : cond('Ready', 'False', phase === 'Succeeded' ? { reason: 'PodCompleted' } : { reason: 'ContainersNotReady', message: `containers with unready status: [${notReady.join(' ')}]` });
  const containersReady = notReady.length === 0 ? cond('ContainersReady', 'True') : cond('ContainersReady', 'False', phase === 'Succeeded' ? { reason: 'PodCompleted' } : { reason: 'ContainersNotReady', message: `containers with unready status: [${notReady.join(' ')}]` });
  const sandboxReady = rt.containers.some((c) => c.phase !== 'pending' && c.phase !== 'mount-failed');
  return {
    phase,
    conditions: [
      cond('PodReadyToStartContainers', sandboxReady && !allTerminated ? 'True' : 'False'),
      cond('Initialized', 'True'),
      ready,
      containersReady,
      cond('PodScheduled', 'True'),
    ],
    hostIP: rt.hostIP,
    hostIPs: [{ ip: rt.hostIP }],
    ...(sandboxReady ? { podIP: rt.podIP, podIPs: [{ ip: rt.podIP }] } : {}),
    startTime: rt.startTime,
    containerStatuses: rt.containers.map((c) => containerStatus(c)),
    qosClass,
  };
}

function containerStatus(c: ContainerRuntime): Record<string, unknown> {
  const pulled = c.pulled === true;
  let state: Record<string, unknown>;
  if (c.phase === 'running') state = { running: { startedAt: c.startedAt } };
  else if (c.phase === 'terminated' && c.terminated) state = { terminated: c.terminated };
  else state = { waiting: c.waiting ?? { reason: 'ContainerCreating' } };
  return {
    name: c.name,
    state,
    lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
    ready: c.ready,
    restartCount: c.restarts,
    image: c.image,
    imageID: pulled ? imageRef(c.image) : '',
    ...(c.containerID ? { containerID: c.containerID } : {}),
    started: c.phase === 'running',
  };
}
