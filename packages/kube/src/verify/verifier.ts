import { CommandError, type Clock, type Logger } from '@eks-kit/core';
import type { Kubectl } from '../kubectl.js';
import { classify, type Verdict } from './kinds.js';
import type { ContainerStatus, LiveObject, Snapshot } from './live.js';
import { refKey } from './live.js';
import { pendingReason } from './pods.js';

export interface Target {
  kind: string;
  name: string;
  namespace?: string;
  /** From the per-resource timeout annotation; the global timeout otherwise. */
  timeoutMs?: number;
}

export type ResultState = 'succeeded' | 'failed' | 'timed-out' | 'not-verified';

export interface TargetResult {
  target: Target;
  state: ResultState;
  message: string;
  durationMs: number;
  pods: LiveObject[];
  live?: LiveObject;
}

export interface VerifyOptions {
  kubectl: Pick<Kubectl, 'run' | 'getJson'>;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
  pollMs?: number;
  unschedulableGraceMs?: number;
  /** Stop at the first failure (the default): the verdict is known, waiting adds nothing. */
  failFast?: boolean;
  /** How to name the global limit in a timeout verdict (default: its seconds, e.g. "90s"). */
  timeoutLabel?: string;
  /** Seconds between reminders of unchanged progress. */
  reminderMs?: number;
}

/** `kubectl get` names for the kinds we read in bulk, with the children they need. */
const RESOURCE_NAMES: Record<string, string> = {
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps',
  Job: 'jobs.batch',
  Pod: 'pods',
  Service: 'services',
};

export function isVerifiable(kind: string): boolean {
  return kind in RESOURCE_NAMES;
}

/** One `kubectl get` per namespace per poll: the targets' kinds plus ReplicaSets and Pods. */
async function snapshot(kubectl: VerifyOptions['kubectl'], namespace: string, kinds: Set<string>): Promise<Snapshot> {
  const names = new Set([...kinds].map((k) => RESOURCE_NAMES[k]).filter((n): n is string => Boolean(n)));
  names.add('pods');
  if (kinds.has('Deployment')) names.add('replicasets.apps');
  // A DaemonSet's current template is known by its newest ControllerRevision's hash.
  if (kinds.has('DaemonSet')) names.add('controllerrevisions.apps');
  const list = await kubectl.getJson<{ items: LiveObject[] }>([[...names].join(','), '-n', namespace]);
  const byRef = new Map<string, LiveObject>();
  for (const item of list.items) byRef.set(refKey(item.kind, item.metadata.namespace, item.metadata.name), item);
  const pods = list.items.filter((i) => i.kind === 'Pod');
  const snap: Snapshot = { byRef, replicaSets: list.items.filter((i) => i.kind === 'ReplicaSet'), pods, controllerRevisions: list.items.filter((i) => i.kind === 'ControllerRevision') };
  if (pods.some(backingOff)) snap.pullFailures = await pullFailures(kubectl, namespace);
  return snap;
}

function backingOff(pod: LiveObject): boolean {
  const statuses = [...((pod.status?.initContainerStatuses ?? []) as ContainerStatus[]), ...((pod.status?.containerStatuses ?? []) as ContainerStatus[])];
  return statuses.some((c) => c.state?.waiting?.reason === 'ImagePullBackOff');
}

/** The latest "Failed to pull image" event per pod: one extra read, only while a pull backs off. */
async function pullFailures(kubectl: VerifyOptions['kubectl'], namespace: string): Promise<Map<string, string>> {
  const events = await kubectl.getJson<{ items: { reason?: string; message?: string; involvedObject?: { kind?: string; name?: string }; lastTimestamp?: string; eventTime?: string }[] }>(['events', '-n', namespace, '--field-selector', 'involvedObject.kind=Pod']);
  const found = new Map<string, { message: string; at: number }>();
  for (const e of events.items) {
    if (e.reason !== 'Failed' || !/^Failed to pull image/.test(e.message ?? '') || !e.involvedObject?.name) continue;
    const at = Date.parse(e.lastTimestamp ?? e.eventTime ?? '') || 0;
    const previous = found.get(e.involvedObject.name);
    if (!previous || at >= previous.at) found.set(e.involvedObject.name, { message: e.message ?? '', at });
  }
  return new Map([...found].map(([name, v]) => [name, v.message]));
}

/**
 * Polls the applied workloads until each succeeds, fails or times out, classifying them with
 * krane's rules. kubectl errors during a poll (a dropped connection, a 429) are retried on the
 * next poll: only the deadline ends the wait.
 */
export async function verifyRollout(targets: readonly Target[], options: VerifyOptions): Promise<TargetResult[]> {
  const { clock, logger } = options;
  const pollMs = options.pollMs ?? 1000;
  const reminderMs = options.reminderMs ?? 30_000;
  const start = clock.now();
  const results = new Map<Target, TargetResult>();
  const lastVerdict = new Map<Target, { verdict?: Verdict; live?: LiveObject; pullFailures?: Map<string, string> }>();
  const lastLine = new Map<Target, { text: string; at: number }>();
  const namespaces = new Map<string, Set<string>>();
  for (const t of targets) {
    const ns = t.namespace ?? 'default';
    if (!namespaces.has(ns)) namespaces.set(ns, new Set());
    namespaces.get(ns)?.add(t.kind);
  }

  for (;;) {
    const now = clock.now();
    const pending = targets.filter((t) => !results.has(t));
    if (pending.length === 0) break;
    for (const [namespace, kinds] of namespaces) {
      const inNamespace = pending.filter((t) => (t.namespace ?? 'default') === namespace);
      if (inNamespace.length === 0) continue;
      let snap: Snapshot;
      try {
        snap = await snapshot(options.kubectl, namespace, kinds);
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        logger.warning(`Reading ${namespace} failed, retrying: ${error.message.split('\n')[0] ?? ''}`);
        continue;
      }
      for (const target of inNamespace) {
        const live = snap.byRef.get(refKey(target.kind, namespace, target.name));
        const elapsed = clock.now() - start;
        if (!live) {
          lastVerdict.set(target, {});
          continue;
        }
        const verdict = classify(live, snap, { now: Date.now(), unschedulableGraceMs: options.unschedulableGraceMs ?? 60_000 });
        lastVerdict.set(target, { verdict, live, ...(snap.pullFailures ? { pullFailures: snap.pullFailures } : {}) });
        const ref = `${target.kind}/${target.name}`;
        if (verdict.state !== 'pending') {
          results.set(target, { target, state: verdict.state, message: verdict.message, durationMs: elapsed, pods: verdict.pods, live });
          if (verdict.state === 'succeeded') logger.info(`✓ ${ref}: ${verdict.message}`);
          else logger.error(`✗ ${ref}: ${verdict.message}`);
          continue;
        }
        const previous = lastLine.get(target);
        if (!previous || previous.text !== verdict.message || clock.now() - previous.at >= reminderMs) {
          logger.info(`… ${ref}: ${verdict.message}`);
          lastLine.set(target, { text: verdict.message, at: clock.now() });
        }
      }
    }
    const failed = [...results.values()].some((r) => r.state === 'failed');
    const elapsed = clock.now() - start;
    for (const target of targets) {
      if (results.has(target)) continue;
      const limit = target.timeoutMs ?? options.timeoutMs;
      if (elapsed < limit && !(failed && options.failFast !== false)) continue;
      const last = lastVerdict.get(target);
      const state = elapsed >= limit ? 'timed-out' : 'not-verified';
      const why = state === 'timed-out'
        ? `timed out after ${target.timeoutMs === undefined && options.timeoutLabel ? options.timeoutLabel : `${Math.round(limit / 1000)}s`}: ${explainPending(last)}`
        : `not verified: another resource failed first (${last?.verdict?.message ?? 'no status yet'})`;
      results.set(target, { target, state, message: why, durationMs: elapsed, pods: last?.verdict?.pods ?? [], ...(last?.live ? { live: last.live } : {}) });
      if (state === 'timed-out') logger.error(`✗ ${target.kind}/${target.name}: ${why}`);
    }
    if (results.size === targets.length) break;
    await clock.sleep(Math.max(0, pollMs - (clock.now() - now)));
  }
  return targets.map((t) => results.get(t) as TargetResult);
}

function explainPending(last: { verdict?: Verdict; live?: LiveObject; pullFailures?: Map<string, string> } | undefined): string {
  if (!last?.live) return 'the object never appeared';
  const verdict = last.verdict;
  const pod = verdict?.pods[0];
  const podWhy = pod ? pendingReason(pod, last.pullFailures?.get(pod.metadata.name)) : undefined;
  return [verdict?.message, podWhy ? `${pod?.metadata.name} ${podWhy}` : undefined].filter(Boolean).join('; ');
}
