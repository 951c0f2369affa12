/**
 * The kubelet and the scheduler in one loop: every pod moves Pending → (scheduled) →
 * ContainerCreating → Running → Ready on the simulated clock, or fails the way its scenario says,
 * with the container states, restart counts, logs and Events a real node would produce.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import type { FailureMode } from '../scenario.js';
import { crashLogsFor, FAILURE_ANNOTATION, isFailureMode, ruleFor } from '../scenario.js';
import { typeOf } from '../store.js';
import { timestamp } from '../clock.js';
import { schedule } from './scheduler.js';
import { claimsForScheduling, selectNode, unschedulableOnEveryNode } from './volume-binding.js';
import { nodeState } from '../nodes.js';
import type { ContainerRuntime, Phase, PodRuntime, Terminated } from './pod-status.js';
import { writePodStatus } from './pod-status.js';
import { envConfigProblem, mountProblem, pullMessage, unresolvableHost } from './pod-checks.js';

export type { ContainerRuntime, PodRuntime } from './pod-status.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const COMPONENT = 'kubelet';
const MAX_BACKOFF_MS = 300_000;
let nextPodIp = 20;

function logLine(text: string): string {
  const now = new Date();
  const nanos = `${now.toISOString().slice(0, 19)}.${String(now.getMilliseconds()).padStart(3, '0')}${randomBytes(3).readUIntBE(0, 3).toString().padStart(6, '0').slice(0, 6)}Z`;
  return `${nanos} ${text}`;
}

function failureFor(cluster: Cluster, pod: KubeObject, image: string): FailureMode | undefined {
  const annotated = pod.metadata.annotations?.[FAILURE_ANNOTATION];
  if (isFailureMode(annotated)) return annotated;
  return ruleFor(cluster.rules, image);
}

function isJobLike(pod: KubeObject): boolean {
  return pod.spec?.restartPolicy === 'Never' || pod.spec?.restartPolicy === 'OnFailure';
}

/** Missing ConfigMaps/Secrets referenced from env: the message CreateContainerConfigError carries. */
function backoff(cluster: Cluster, attempt: number): number {
  return Math.min(cluster.timings.backoffMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
}

function readinessDelay(cluster: Cluster, spec: any): number {
  const probe = spec?.readinessProbe;
  if (!probe) return cluster.timings.readyMs;
  return (probe.initialDelaySeconds ?? 0) * 1000 + cluster.timings.readyMs;
}

export class Kubelet {
  constructor(private readonly cluster: Cluster) {}

  private due(simMs: number): boolean {
    return this.cluster.due(simMs);
  }

  tick(): void {
    const podType = typeOf('Pod', 'v1');
    const pods = this.cluster.store.scan(podType);
    const live = new Set<string>();
    for (const pod of pods) {
      live.add(pod.metadata.uid!);
      this.syncPod(pod);
    }
    for (const uid of this.cluster.pods.keys()) if (!live.has(uid)) this.cluster.pods.delete(uid);
  }

  private runtimeFor(pod: KubeObject): PodRuntime {
    let rt = this.cluster.pods.get(pod.metadata.uid!);
    if (!rt) {
      rt = {
        uid: pod.metadata.uid!,
        createdSim: this.cluster.clock.now(),
        containers: ((pod.spec?.containers ?? []) as any[]).map((c) => ({
          name: String(c.name),
          image: String(c.image),
          phase: 'pending' as Phase,
          failure: failureFor(this.cluster, pod, String(c.image)),
          attempts: 0,
          nextAttemptSim: 0,
          ready: false,
          restarts: 0,
          logs: [],
        })),
        transitions: new Map(),
      };
      this.cluster.pods.set(rt.uid, rt);
    }
    return rt;
  }

  private event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component = COMPONENT): void {
    this.cluster.events.record(pod, type, reason, message, component, pod.spec?.nodeName);
  }

  private syncPod(pod: KubeObject): void {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const rt = this.runtimeFor(pod);
    const now = this.cluster.clock.now();
    const t = this.cluster.timings;
    if (!pod.spec?.nodeName) {
      if (!this.due(rt.createdSim + t.scheduleMs)) return;
      if (rt.lastScheduleAttemptSim !== undefined && !this.due(rt.lastScheduleAttemptSim + 5000)) return;
      rt.lastScheduleAttemptSim = now;
      const forceFail = rt.containers.some((c) => c.failure === 'unschedulable');
      const claims = claimsForScheduling(this.cluster, pod);
      const result = 'blocked' in claims ? { message: unschedulableOnEveryNode(this.cluster, claims.blocked) } : schedule(this.cluster, pod, forceFail);
      if ('message' in result) {
        rt.scheduleMessage = result.message;
        this.event(pod, 'Warning', 'FailedScheduling', result.message, 'default-scheduler');
        writePodStatus(this.cluster, pod, rt);
        return;
      }
      rt.scheduleMessage = undefined;
      // WaitForFirstConsumer: the node is chosen, and the pod binds once its volumes have.
      if ('delayed' in claims && claims.delayed.length > 0) {
        selectNode(this.cluster, claims.delayed, result.node);
        rt.lastScheduleAttemptSim = now - 4000;
        return;
      }
      const bound = this.cluster.store.mutate(typeOf('Pod', 'v1'), pod.metadata.namespace, pod.metadata.name!, (p) => {
        p.spec.nodeName = result.node;
      });
      if (!bound) return;
      pod = bound;
      rt.scheduledSim = now;
      this.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.node}`, 'default-scheduler');
    }
    rt.scheduledSim ??= now; // bound at creation (DaemonSet pods, pods with spec.nodeName)
    // A node whose kubelet is gone starts nothing: the pod stays Pending as the binding left it.
    if (!nodeState(this.cluster.store, typeOf('Node', 'v1'), pod.spec.nodeName).ready) {
      if (!pod.status?.phase) this.cluster.store.mutate(typeOf('Pod', 'v1'), pod.metadata.namespace, pod.metadata.name!, (p) => (p.status = { phase: 'Pending' }), { subresource: 'status' });
      return;
    }
    if (rt.startTime === undefined) {
      rt.startTime = timestamp();
      const nodeIndex = Math.max(0, this.cluster.nodes.findIndex((n) => n.name === pod.spec.nodeName));
      rt.hostIP = `10.0.${nodeIndex + 1}.${10 + nodeIndex}`;
      nextPodIp++;
      rt.podIP = `10.0.${nodeIndex + 1}.${(nextPodIp % 200) + 40}`;
    }
    const specs = (pod.spec?.containers ?? []) as any[];
    const mount = mountProblem(this.cluster, pod);
    for (const c of rt.containers) {
      const spec = specs.find((s) => s?.name === c.name) ?? {};
      this.syncContainer(pod, rt, c, spec, now, mount);
    }
    const allReady = rt.containers.every((c) => c.ready);
    if (allReady && rt.readySinceSim === undefined) rt.readySinceSim = now;
    if (!allReady) rt.readySinceSim = undefined;
    writePodStatus(this.cluster, pod, rt);
  }

  private syncContainer(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, spec: any, now: number, mount: string | undefined): void {
    const t = this.cluster.timings;
    switch (c.phase) {
      case 'pending':
      case 'mount-failed':
        if (!this.due(rt.scheduledSim! + t.pullMs / 2)) return;
        if (mount) {
          if (c.phase !== 'mount-failed' || this.due(c.nextAttemptSim)) {
            this.event(pod, 'Warning', 'FailedMount', mount);
            c.nextAttemptSim = now + 5000;
          }
          c.phase = 'mount-failed';
          return;
        }
        c.phase = 'pulling';
        c.nextAttemptSim = now;
        return;
      case 'pulling':
      case 'pull-failed':
        if (c.phase === 'pull-failed' && c.waiting?.reason === 'ErrImagePull' && this.due((c.failedSim ?? now) + 1000)) {
          c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` };
          this.event(pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
          this.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        }
        if (this.due(c.nextAttemptSim)) this.pull(pod, c, now);
        return;
      case 'creating':
        this.create(pod, c, spec, now);
        return;
      case 'running':
        this.whileRunning(pod, rt, c, spec, now);
        return;
      case 'backoff':
        if (this.due(c.nextAttemptSim)) {
          this.event(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
          this.start(pod, c, spec, now);
        }
        return;
      case 'terminated':
        return;
    }
  }

  /** A pull takes pullMs/2 of simulated time, then succeeds or fails as the scenario says. */
  private pull(pod: KubeObject, c: ContainerRuntime, now: number): void {
    const t = this.cluster.timings;
    if (c.pullStartedSim === undefined) {
      const known = this.cluster.imageKnown(c.image);
      if (known === undefined) return; // the registry hook has not answered yet
      c.pullStartedSim = now;
      // A host that does not resolve fails every pull, whatever the registry hook says.
      c.pullFailure = c.failure === 'image-not-found' || c.failure === 'image-pull-error' ? c.failure : unresolvableHost(c.image) ? 'image-pull-error' : known ? undefined : 'image-not-found';
      this.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
      return;
    }
    if (!this.due(c.pullStartedSim + t.pullMs / 2)) return;
    c.pullStartedSim = undefined;
    if (c.pullFailure) {
      c.attempts++;
      const message = pullMessage(c.image, c.pullFailure);
      c.phase = 'pull-failed';
      c.failedSim = now;
      c.waiting = { reason: 'ErrImagePull', message };
      c.nextAttemptSim = now + backoff(this.cluster, c.attempts);
      this.event(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${message}`);
      this.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull');
      return;
    }
    const ms = Math.round(t.pullMs / 2);
    this.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${ms}ms (${ms}ms including waiting). Image size: 4861952 bytes.`);
    c.phase = 'creating';
    c.pulled = true;
    c.waiting = { reason: 'ContainerCreating' };
  }

  /** Creating the container needs its ConfigMaps and Secrets; without them, CreateContainerConfigError. */
  private create(pod: KubeObject, c: ContainerRuntime, spec: any, now: number): void {
    const configProblem = c.failure === 'config-error' ? 'secret "sandbox-missing-secret" not found' : envConfigProblem(this.cluster, pod, spec);
    if (!configProblem) {
      this.start(pod, c, spec, now);
      return;
    }
    if (c.waiting?.reason !== 'CreateContainerConfigError' || this.due(c.nextAttemptSim)) {
      this.event(pod, 'Warning', 'Failed', `Error: ${configProblem}`);
      c.nextAttemptSim = now + 10000;
    }
    c.waiting = { reason: 'CreateContainerConfigError', message: configProblem };
  }

  private start(pod: KubeObject, c: ContainerRuntime, spec: any, now: number): void {
    c.phase = 'running';
    c.waiting = undefined;
    c.startedSim = now;
    c.startedAt = timestamp();
    c.containerID = 'containerd://' + randomBytes(32).toString('hex');
    c.ready = false;
    c.logs = [];
    const port = spec?.ports?.[0]?.containerPort ?? 8080;
    c.logs.push(logLine(`sandbox: starting container ${c.name} from ${c.image}`));
    const crashLogs = c.failure === 'crashloop' ? crashLogsFor(this.cluster.rules, c.image) : undefined;
    if (crashLogs) c.logs.push(...crashLogs.map(logLine));
    else if (c.failure === 'crashloop') c.logs.push(logLine('loading configuration from /etc/app/config.yaml'));
    else if (c.failure === 'oom') c.logs.push(logLine('warming cache: allocating 2048Mi'));
    else c.logs.push(logLine(`listening on :${port}`));
    this.event(pod, 'Normal', 'Created', `Created container: ${c.name}`);
    this.event(pod, 'Normal', 'Started', `Started container ${c.name}`);
  }

  private whileRunning(pod: KubeObject, rt: PodRuntime, c: ContainerRuntime, spec: any, now: number): void {
    const t = this.cluster.timings;
    const started = c.startedSim ?? now;
    if (c.failure === 'crashloop' || c.failure === 'oom') {
      if (!this.due(started + t.crashAfterMs)) return;
      const oom = c.failure === 'oom';
      if (oom) c.logs.push(logLine('fatal: cannot allocate memory'));
      else if (!crashLogsFor(this.cluster.rules, c.image)) c.logs.push(logLine('panic: sandbox failure scenario "crashloop": exiting with code 1'));
      this.terminate(pod, c, oom ? 137 : 1, oom ? 'OOMKilled' : 'Error', now);
      return;
    }
    if (c.failure === 'crash-after-ready') {
      const ready = started + readinessDelay(this.cluster, spec);
      if (!c.ready && this.due(ready)) c.ready = true;
      if (!this.due(ready + t.crashAfterReadyMs)) return;
      c.logs.push(logLine('panic: lost connection to the database: exiting with code 1'));
      this.terminate(pod, c, 1, 'Error', now);
      return;
    }
    if (isJobLike(pod)) {
      if (!this.due(started + t.jobRunMs)) return;
      c.logs.push(logLine('sandbox: work complete'));
      this.terminate(pod, c, 0, 'Completed', now);
      return;
    }
    if (c.failure === 'never-ready') {
      if (this.due(started + readinessDelay(this.cluster, spec)) && (c.lastUnhealthySim === undefined || this.due(c.lastUnhealthySim + 10000))) {
        c.lastUnhealthySim = now;
        const probe = spec?.readinessProbe;
        const detail = probe?.httpGet ? 'HTTP probe failed with statuscode: 503' : probe?.exec ? 'command failed with exit code 1' : `dial tcp ${rt.podIP}:${spec?.ports?.[0]?.containerPort ?? 8080}: connect: connection refused`;
        this.event(pod, 'Warning', 'Unhealthy', `Readiness probe failed: ${detail}`);
        c.logs.push(logLine('GET /healthz 503 (dependency not ready)'));
      }
      return;
    }
    if (!c.ready && this.due(started + readinessDelay(this.cluster, spec))) c.ready = true;
  }

  private terminate(pod: KubeObject, c: ContainerRuntime, exitCode: number, reason: string, now: number): void {
    const finished: Terminated = { exitCode, reason, startedAt: c.startedAt ?? timestamp(), finishedAt: timestamp(), containerID: c.containerID ?? '' };
    c.ready = false;
    const restart = pod.spec?.restartPolicy === 'Always' || (pod.spec?.restartPolicy === 'OnFailure' && exitCode !== 0);
    if (!restart) {
      c.phase = 'terminated';
      c.terminated = finished;
      return;
    }
    c.restarts++;
    c.lastTerminated = finished;
    // As the kubelet does: the terminated container's log is `logs --previous` from the moment the
    // pod shows the restart, not only once the next container starts.
    c.previousLogs = c.logs;
    c.phase = 'backoff';
    const delay = backoff(this.cluster, c.restarts);
    c.nextAttemptSim = now + delay;
    c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(delay / 1000)}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` };
    this.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`);
  }
}
