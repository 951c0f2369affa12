import type { ContainerStatus, LiveObject, PodStatus } from './live.js';
import { conditionOf } from './live.js';

/**
 * Why a pod can never become ready without a new deploy, or undefined. Follows krane's rules: crash
 * loops, a pull error that says the image does not exist, a config error that is not a cache
 * still syncing, a container that cannot run. A back-off on other pull errors is NOT doom: it is
 * often a registry blip or a tag pushed seconds later, and is explained if the rollout times out.
 */
export function doomReason(pod: LiveObject, pullFailure?: string): string | undefined {
  const status = (pod.status ?? {}) as PodStatus;
  if (status.phase === 'Failed' && !['Evicted', 'Preempting'].includes(status.reason ?? '')) {
    return `Pod failed${status.reason ? ` (${status.reason})` : ''}${status.message ? `: ${status.message}` : ''}`;
  }
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const reason = containerDoomReason(container, pullFailure);
    if (reason) return `container "${container.name}": ${reason}`;
  }
  return undefined;
}

const IMAGE_MISSING = /not found|manifest unknown|repository .* not exist/i;

/**
 * `pullFailure` is the pod's last "Failed to pull image" event. ErrImagePull shows the registry's
 * answer only until the first back-off; a poll that lands in ImagePullBackOff would miss it, so
 * the event tells "the image does not exist" apart from a transient pull error there too.
 */
export function containerDoomReason(container: ContainerStatus, pullFailure?: string): string | undefined {
  const waiting = container.state?.waiting;
  const last = container.lastState?.terminated;
  if (waiting?.reason === 'CrashLoopBackOff') {
    if (last?.reason === 'OOMKilled') return `OOMKilled: the container used more memory than its limit (exit ${last.exitCode ?? 137}); raise resources.limits.memory or fix the leak`;
    return `crashing repeatedly (CrashLoopBackOff, exit ${last?.exitCode ?? '?'}); see its logs`;
  }
  if (waiting?.reason === 'ErrImagePull' && IMAGE_MISSING.test(waiting.message ?? '')) {
    return `image ${container.image ?? ''} does not exist (ErrImagePull: ${waiting.message ?? 'not found'}); was it built and pushed before this deploy?`;
  }
  if (waiting?.reason === 'ImagePullBackOff' && pullFailure && IMAGE_MISSING.test(pullFailure) && (!container.image || pullFailure.includes(container.image))) {
    return `image ${container.image ?? ''} does not exist (ErrImagePull: ${pullFailure}); was it built and pushed before this deploy?`;
  }
  if (waiting?.reason === 'CreateContainerConfigError' && !/failed to sync .*cache/i.test(waiting.message ?? '')) {
    return `CreateContainerConfigError: ${waiting.message ?? 'bad container configuration'}`;
  }
  for (const terminated of [container.state?.terminated, last]) {
    if (terminated?.reason === 'ContainerCannotRun' && terminated.exitCode !== 128) return `container cannot run: ${terminated.message ?? ''}`.trim();
  }
  return undefined;
}

/**
 * Why a pod is not ready yet, for the timeout message: the pull back-off, scheduling or probe.
 * `pullFailure` is its last "Failed to pull image" event: during a back-off the status only says
 * "Back-off pulling image", and the registry's answer (an i/o timeout, a 429) is in the event.
 */
export function pendingReason(pod: LiveObject, pullFailure?: string): string | undefined {
  const status = (pod.status ?? {}) as PodStatus;
  const scheduled = conditionOf(pod, 'PodScheduled');
  if (scheduled?.status === 'False') return `could not be scheduled: ${scheduled.message ?? scheduled.reason ?? 'no reason given'}`;
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const waiting = container.state?.waiting;
    if (waiting?.reason === 'ImagePullBackOff' && pullFailure) return `container "${container.name}" cannot pull ${container.image ?? 'its image'} (ImagePullBackOff; the last attempt: ${pullFailure})`;
    if (waiting?.reason === 'ImagePullBackOff' || waiting?.reason === 'ErrImagePull') return `container "${container.name}" cannot pull ${container.image ?? 'its image'} (${waiting.reason}: ${waiting.message ?? ''})`;
    if (waiting?.reason && waiting.reason !== 'ContainerCreating') return `container "${container.name}" is waiting: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
    if (container.state?.running && container.ready === false) return `container "${container.name}" is running but not ready: its readiness probe does not pass`;
  }
  return status.phase && status.phase !== 'Running' ? `pod is ${status.phase}` : undefined;
}

/** Unschedulable since when (ms epoch), for the scheduling grace period. */
export function unschedulableSince(pod: LiveObject): number | undefined {
  const scheduled = conditionOf(pod, 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return undefined;
  const at = Date.parse(scheduled.lastTransitionTime ?? pod.metadata.creationTimestamp ?? '');
  return Number.isNaN(at) ? undefined : at;
}

/** A pod that is not failing nor waiting: "ready", or what its restarts say, never "not ready" when it is. */
export function podState(pod: LiveObject): string {
  const status = (pod.status ?? {}) as PodStatus;
  const restarted = (status.containerStatuses ?? []).find((c) => (c.restartCount ?? 0) > 0);
  const last = restarted?.lastState?.terminated;
  const restarts = restarted ? `; restarted ${restarted.restartCount} time${restarted.restartCount === 1 ? '' : 's'}${last ? ` (last exit ${last.exitCode ?? '?'}${last.reason ? `, ${last.reason}` : ''})` : ''}` : '';
  return `${isReady(pod) ? 'ready' : 'not ready'}${restarts}`;
}

export function isReady(pod: LiveObject): boolean {
  return conditionOf(pod, 'Ready')?.status === 'True';
}
