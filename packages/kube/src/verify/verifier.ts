import { CommandError, type Clock, type Logger } from '@eks-kit/core';
import type { Kubectl } from '../kubectl.js';
import { classify, type Verdict } from './kinds.js';
import { customResourceVerdict } from './custom-resource.js';
import { kubectlTransport } from '../watch/transport.js';
import { Watches } from '../watch/watches.js';
import type { LiveObject, Snapshot } from './live.js';
import { num, refKey } from './live.js';
import { requiredRolloutOf } from './required-rollout.js';
import { sourcesFor, type WatchTarget } from './sources.js';
import { pendingReason } from './pods.js';
import { mountedClaims } from './claims.js';

export interface Target extends WatchTarget {
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
  /** Watches to use (and leave open) instead of the verification's own. */
  watches?: Watches;
}

const VERIFIABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod', 'Service', 'HorizontalPodAutoscaler', 'PersistentVolumeClaim']);

export function isVerifiable(kind: string): boolean {
  return VERIFIABLE.has(kind);
}

/** Kinds whose success needs their pods in hand (the settle window and diagnostics read them). */
function expectsPods(live: LiveObject): boolean {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(live.kind)) return false;
  if (live.kind === 'Deployment' && requiredRolloutOf(live).kind === 'none') return false;
  const s = live.status ?? {};
  return num(live.kind === 'DaemonSet' ? s.numberAvailable : s.availableReplicas ?? s.readyReplicas) > 0;
}

/** Opens the watches `targets` need: before the apply, so their start-up overlaps it. */
export function watchTargets(watches: Watches, kubectl: VerifyOptions['kubectl'], targets: readonly WatchTarget[]): void {
  const sources = sourcesFor(watches, kubectl);
  // Workloads first, so a Service can reuse the pod watch of the workload it fronts.
  for (const t of [...targets].sort((a, b) => Number(a.kind === 'Service') - Number(b.kind === 'Service'))) sources.ensure(t);
}

/**
 * Watches the applied workloads until each succeeds, fails or times out, classifying them with
 * krane's rules at every change. A dropped watch resumes (see CollectionWatch): only the deadline
 * ends the wait. The watches are the caller's when given (the settle window goes on using them).
 */
export async function verifyRollout(targets: readonly Target[], options: VerifyOptions): Promise<TargetResult[]> {
  const watches = options.watches ?? new Watches(kubectlTransport(options.kubectl), options.clock, options.logger);
  try {
    return await verifyWith(watches, targets, options);
  } finally {
    if (!options.watches) await watches.stop();
  }
}

async function verifyWith(watches: Watches, targets: readonly Target[], options: VerifyOptions): Promise<TargetResult[]> {
  const { clock, logger } = options;
  const sources = sourcesFor(watches, options.kubectl);
  watchTargets(watches, options.kubectl, targets);
  /** Without a change, how often deadlines and grace periods are looked at. */
  const pollMs = options.pollMs ?? 1000;
  const reminderMs = options.reminderMs ?? 30_000;
  const start = clock.now();
  const results = new Map<Target, TargetResult>();
  const lastVerdict = new Map<Target, { verdict?: Verdict; live?: LiveObject; pullFailures?: Map<string, string> }>();
  const lastLine = new Map<Target, { text: string; at: number }>();
  const namespaces = new Set(targets.map((t) => t.namespace ?? 'default'));
  /** When the claims of this deploy a workload mounts were all ready (wall clock, as pod times are). */
  const claimsReadyAt = new Map<Target, number>();

  for (;;) {
    const now = clock.now();
    const pending = targets.filter((t) => !results.has(t));
    if (pending.length === 0) break;
    for (const namespace of namespaces) {
      const inNamespace = pending.filter((t) => (t.namespace ?? 'default') === namespace);
      if (inNamespace.length === 0) continue;
      for (const t of inNamespace) sources.ensure(t);
      let snap: Snapshot;
      try {
        // Every target of the namespace, done or not: a Service looks at the workloads it fronts.
        snap = await sources.snapshot(namespace, targets.filter((t) => (t.namespace ?? 'default') === namespace));
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        logger.warning(`Reading events in ${namespace} failed, retrying: ${error.message.split('\n')[0] ?? ''}`);
        continue;
      }
      for (const target of inNamespace) {
        const live = snap.byRef.get(refKey(target.kind, namespace, target.name));
        const elapsed = clock.now() - start;
        if (!live) {
          lastVerdict.set(target, {});
          continue;
        }
        // krane: claims before the workloads that mount them; until then their pods cannot be scheduled.
        const claim = target.custom ? undefined : unreadyClaim(live, namespace, targets, results);
        if (claim) claimsReadyAt.set(target, Number.POSITIVE_INFINITY);
        else if (claimsReadyAt.get(target) === Number.POSITIVE_INFINITY) claimsReadyAt.set(target, Date.now());
        let verdict = target.custom ? customResourceVerdict(live, target.custom.conditions) : classify(live, snap, { now: Date.now(), unschedulableGraceMs: options.unschedulableGraceMs ?? 60_000, ...(claimsReadyAt.has(target) ? { claimsReadyAt: claimsReadyAt.get(target) } : {}) });
        if (claim) verdict = { ...verdict, state: 'pending', message: `waiting for PersistentVolumeClaim/${claim.name} to be ready (${lastVerdict.get(claim)?.verdict?.message ?? 'not seen yet'})` };
        // The workload's own watch can be ahead of its pods' watch: judge once they are in.
        if (verdict.state === 'succeeded' && verdict.pods.length === 0 && expectsPods(live)) verdict = { ...verdict, state: 'pending', message: 'rolled out; waiting to see its pods' };
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
    // Woken by any change; the tick only moves deadlines, grace periods and reminders along.
    await watches.next(Math.max(0, pollMs - (clock.now() - now)));
  }
  return targets.map((t) => results.get(t) as TargetResult);
}

/** The first claim of this deploy that the workload's pods mount and that is not ready yet. */
function unreadyClaim(live: LiveObject, namespace: string, targets: readonly Target[], results: ReadonlyMap<Target, TargetResult>): Target | undefined {
  if (live.kind === 'PersistentVolumeClaim') return undefined;
  const mounted = new Set(mountedClaims(live));
  if (mounted.size === 0) return undefined;
  return targets.find((t) => t.kind === 'PersistentVolumeClaim' && (t.namespace ?? 'default') === namespace && mounted.has(t.name) && results.get(t)?.state !== 'succeeded');
}

function explainPending(last: { verdict?: Verdict; live?: LiveObject; pullFailures?: Map<string, string> } | undefined): string {
  if (!last?.live) return 'the object never appeared';
  const verdict = last.verdict;
  const pod = verdict?.pods[0];
  const podWhy = pod ? pendingReason(pod, last.pullFailures?.get(pod.metadata.name)) : undefined;
  return [verdict?.message, podWhy ? `${pod?.metadata.name} ${podWhy}` : undefined].filter(Boolean).join('; ');
}
