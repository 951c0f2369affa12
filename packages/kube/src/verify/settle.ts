import { CommandError, type Clock, type Logger } from '@eks-kit/core';
import type { KubectlLike } from '../bounded.js';
import type { ContainerStatus, LiveObject, PodStatus } from './live.js';
import { isReady } from './pods.js';
import type { TargetResult } from './verifier.js';
import type { Watches } from '../watch/watches.js';

export interface SettleOptions {
  kubectl: KubectlLike;
  clock: Clock;
  logger: Logger;
  /** How long the new pods must stay up after the rollout completed. */
  windowMs: number;
  pollMs: number;
  /** The verification's watches, still open: pods are read from them instead of polled. */
  watches?: Watches;
}

interface Baseline {
  result: TargetResult;
  restarts: number;
}

function restartsOf(pod: LiveObject): number {
  const status = (pod.status ?? {}) as PodStatus;
  return [...(status.containerStatuses ?? [])].reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}

/** What happened to a pod that was ready when the rollout completed, or undefined while it holds. */
function trouble(pod: LiveObject, before: number): string | undefined {
  const status = (pod.status ?? {}) as PodStatus;
  if (restartsOf(pod) > before) {
    const crashed = (status.containerStatuses ?? []).find((c: ContainerStatus) => (c.restartCount ?? 0) > 0 && c.lastState?.terminated);
    const t = crashed?.lastState?.terminated;
    return `pod ${pod.metadata.name} restarted${crashed ? ` (container "${crashed.name}" exited ${t?.exitCode ?? '?'}${t?.reason ? `, ${t.reason}` : ''})` : ''}`;
  }
  if (!isReady(pod)) return `pod ${pod.metadata.name} turned unready`;
  return undefined;
}

/**
 * The settle window: a rollout that completed is watched a while longer, and a new pod that
 * restarts or turns unready in that time fails it. Pods that pass readiness and crash seconds later
 * otherwise end a deploy green. Returns the results with such targets failed, saying what happened
 * and how long after the rollout.
 */
export async function settle(results: readonly TargetResult[], options: SettleOptions): Promise<TargetResult[]> {
  const watched = new Map<string, Baseline[]>();
  for (const r of results) {
    if (r.state !== 'succeeded' || r.pods.length === 0) continue;
    const ns = r.target.namespace ?? 'default';
    for (const p of r.pods.filter(isReady)) watched.set(ns, [...(watched.get(ns) ?? []), { result: r, restarts: restartsOf(p) }]);
  }
  if (watched.size === 0 || options.windowMs <= 0) return [...results];
  const seconds = Math.round(options.windowMs / 1000);
  options.logger.info(`Settle window: watching the new pods for ${seconds}s`);
  const start = options.clock.now();
  const failed = new Map<TargetResult, string>();
  for (;;) {
    for (const [namespace] of watched) {
      let pods: LiveObject[];
      try {
        pods = options.watches ? options.watches.objects('Pod', namespace) : (await options.kubectl.getJson<{ items: LiveObject[] }>(['pods', '-n', namespace])).items;
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        options.logger.warning(`Reading pods in ${namespace} failed, retrying: ${error.message.split('\n')[0] ?? ''}`);
        continue;
      }
      const byName = new Map(pods.map((p) => [p.metadata.name, p]));
      for (const r of new Set((watched.get(namespace) ?? []).map((b) => b.result))) {
        if (failed.has(r)) continue;
        for (const p of r.pods.filter(isReady)) {
          const now = byName.get(p.metadata.name);
          const why = now ? trouble(now, restartsOf(p)) : undefined;
          if (why) {
            failed.set(r, `rolled out, then failed within the ${seconds}s settle window: ${why} ${Math.round((options.clock.now() - start) / 1000)}s after the rollout completed`);
            break;
          }
        }
      }
    }
    if (failed.size > 0 || options.clock.now() - start >= options.windowMs) break;
    const wait = Math.min(options.pollMs, Math.max(0, start + options.windowMs - options.clock.now()));
    await (options.watches ? options.watches.next(wait) : options.clock.sleep(wait));
  }
  return results.map((r) => {
    const why = failed.get(r);
    if (!why) return r;
    options.logger.error(`✗ ${r.target.kind}/${r.target.name}: ${why}`);
    return { ...r, state: 'failed' as const, message: why };
  });
}
