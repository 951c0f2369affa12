import type { Kubectl } from './kubectl.js';
import type { ContainerStatus, LiveObject, PodStatus } from './verify/live.js';
import { doomReason, pendingReason, podState } from './verify/pods.js';

export interface PodDiagnosis {
  pod: string;
  reason: string;
  events: string[];
  /** Container name → last log lines (the previous container's for a crash loop). */
  logs: { container: string; previous: boolean; lines: string[] }[];
}

export interface Diagnosis {
  resource: string;
  events: string[];
  pods: PodDiagnosis[];
}

interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string };
  lastTimestamp?: string;
  eventTime?: string;
  metadata?: { resourceVersion?: string };
}

const LOG_LINES = 25;
const MAX_PODS = 2;

function formatEvent(e: EventLike): string {
  const count = e.count && e.count > 1 ? ` (x${e.count})` : '';
  return `${e.type ?? 'Normal'} ${e.reason ?? ''}: ${e.message ?? ''}${count}`.trim();
}

const time = (e: EventLike) => Date.parse(e.lastTimestamp ?? e.eventTime ?? '') || 0;

/**
 * Events of one second (Scheduled, Pulling, Pulled, Created, Started) keep the order they were
 * written in: the resourceVersion, where it is a number as etcd's are. Only a tie-break for
 * display; nothing else reads meaning into it.
 */
function written(a: EventLike, b: EventLike): number {
  const [x, y] = [Number(a.metadata?.resourceVersion), Number(b.metadata?.resourceVersion)];
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : 0;
}

/** At most `max`: warnings are kept first, then the latest; shown oldest first, as the story happened. */
function relevant(events: EventLike[], names: Set<string>, max = 8): string[] {
  const mine = events.filter((e) => names.has(e.involvedObject?.name ?? ''));
  const chronological = [...mine].sort((a, b) => time(a) - time(b) || written(a, b));
  const kept = new Set([...chronological].sort((a, b) => (a.type === 'Warning' ? 0 : 1) - (b.type === 'Warning' ? 0 : 1) || time(b) - time(a) || written(b, a)).slice(0, max));
  return chronological.filter((e) => kept.has(e)).map(formatEvent);
}

/** Per container, where its telling log lines may be, best first: the first that has lines wins. */
function logTargets(pod: LiveObject): { container: string; previous: boolean }[][] {
  const status = (pod.status ?? {}) as PodStatus;
  const containers: ContainerStatus[] = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  return containers.flatMap((c): { container: string; previous: boolean }[][] => {
    // A crash loop's previous container holds the crash; but between the first crash and the
    // first restart there is no previous one yet, and the current (terminated) one holds it.
    if (c.state?.waiting?.reason === 'CrashLoopBackOff' || (c.restartCount ?? 0) > 0) return [[{ container: c.name, previous: true }, { container: c.name, previous: false }]];
    if (c.state?.running || c.state?.terminated) return [[{ container: c.name, previous: false }]];
    return [];
  });
}

/**
 * What a person needs to fix a failed resource: why each of its worst pods is failing, the
 * events about them and the resource, and the last log lines. Never throws: diagnostics are
 * best effort and must not hide the verdict.
 */
export async function diagnose(kubectl: Pick<Kubectl, 'run' | 'getJson'>, resource: LiveObject, pods: readonly LiveObject[], options: { since?: number } = {}): Promise<Diagnosis> {
  const namespace = resource.metadata.namespace ?? 'default';
  const chosen = pods.slice(0, MAX_PODS);
  let events: EventLike[] = [];
  try {
    events = (await kubectl.getJson<{ items: EventLike[] }>(['events', '-n', namespace])).items;
    // Only this rollout's: a Deployment keeps the events of earlier rollouts for an hour. Event
    // times have whole seconds, hence the second of slack.
    if (options.since !== undefined) events = events.filter((e) => time(e) >= (options.since ?? 0) - 1000);
  } catch {
    events = [];
  }
  const owners = new Set([resource.metadata.name, ...pods.flatMap((p) => (p.metadata.ownerReferences ?? []).map((o) => o.name))]);
  const diagnosis: Diagnosis = { resource: `${resource.kind}/${resource.metadata.name}`, events: relevant(events, owners, 5), pods: [] };
  for (const pod of chosen) {
    const logs: PodDiagnosis['logs'] = [];
    for (const candidates of logTargets(pod)) {
      for (const { container, previous } of candidates) {
        const args = ['logs', pod.metadata.name, '-n', namespace, '-c', container, `--tail=${LOG_LINES}`, ...(previous ? ['--previous'] : [])];
        const result = await kubectl.run(args, { allowFailure: true }).catch(() => undefined);
        if (!result || result.exitCode !== 0 || !result.stdout.trim()) continue;
        logs.push({ container, previous, lines: result.stdout.trimEnd().split('\n').slice(-LOG_LINES) });
        break;
      }
    }
    diagnosis.pods.push({
      pod: pod.metadata.name,
      reason: doomReason(pod) ?? pendingReason(pod) ?? podState(pod),
      events: relevant(events, new Set([pod.metadata.name])),
      logs,
    });
  }
  return diagnosis;
}

export function formatDiagnosis(d: Diagnosis): string {
  const lines = [`${d.resource}:`];
  for (const e of d.events) lines.push(`  event: ${e}`);
  for (const p of d.pods) {
    lines.push(`  pod ${p.pod}: ${p.reason}`);
    for (const e of p.events) lines.push(`    event: ${e}`);
    for (const l of p.logs) {
      lines.push(`    logs of ${l.container}${l.previous ? ' (previous container)' : ''}:`);
      for (const line of l.lines) lines.push(`      ${line}`);
    }
  }
  return lines.join('\n');
}
