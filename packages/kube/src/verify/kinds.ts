import type { LiveObject, Snapshot } from './live.js';
import { conditionOf, isControlledBy, num } from './live.js';
import { doomReason, isReady, pendingReason, unschedulableSince } from './pods.js';
import { minimumAvailable, REQUIRED_ROLLOUT_ANNOTATION, requiredRolloutOf } from './required-rollout.js';
import { claimVerdict, statefulSetClaims } from './claims.js';

export type VerdictState = 'pending' | 'succeeded' | 'failed';

export interface Verdict {
  state: VerdictState;
  /** Progress while pending (kubectl rollout status wording), or why it failed. */
  message: string;
  /** The pods worth diagnosing: the current revision's, doomed or not ready first. */
  pods: LiveObject[];
}

export interface ClassifyContext {
  now: number;
  /** Pods unschedulable for longer than this fail the rollout (autoscalers get this long to add a node). */
  unschedulableGraceMs: number;
  /** When the claims the pods mount were ready (ms epoch): pods could not be scheduled before, so the grace starts then. */
  claimsReadyAt?: number;
}

/** Kinds we watch beyond "it exists". */
export const VERIFIED_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod', 'Service', 'HorizontalPodAutoscaler', 'PersistentVolumeClaim'] as const;

export function classify(object: LiveObject, snapshot: Snapshot, context: ClassifyContext): Verdict {
  switch (object.kind) {
    case 'Deployment':
      return deployment(object, snapshot, context);
    case 'StatefulSet':
      return statefulSet(object, snapshot, context);
    case 'DaemonSet':
      return daemonSet(object, snapshot, context);
    case 'Job':
      return job(object, snapshot, context);
    case 'Pod':
      return pod(object, context);
    case 'Service':
      return service(object, snapshot);
    case 'HorizontalPodAutoscaler':
      return horizontalPodAutoscaler(object);
    case 'PersistentVolumeClaim':
      return claimVerdict(object, snapshot);
    default:
      return { state: 'succeeded', message: 'exists', pods: [] };
  }
}

function ownedPods(owner: LiveObject, snapshot: Snapshot): LiveObject[] {
  return snapshot.pods.filter((p) => isControlledBy(p, owner) && !p.metadata.deletionTimestamp);
}

/** Failed when every pod of the current revision is doomed, or unschedulable past the grace period. */
function podsVerdict(pods: LiveObject[], context: ClassifyContext, snapshot?: Snapshot): { failed?: string; sorted: LiveObject[] } {
  const doomed = pods.map((p) => ({ p, reason: doomReason(p, snapshot?.pullFailures?.get(p.metadata.name)) }));
  const sorted = [...doomed.filter((d) => d.reason).map((d) => d.p), ...doomed.filter((d) => !d.reason && !isReady(d.p)).map((d) => d.p), ...pods.filter(isReady)];
  if (pods.length > 0 && doomed.every((d) => d.reason)) {
    return { failed: `${doomed.length === 1 ? 'its pod' : `all ${doomed.length} pods`} ${doomed.length === 1 ? 'is' : 'are'} failing; ${doomed[0]?.p.metadata.name}: ${doomed[0]?.reason ?? ''}`, sorted };
  }
  const stuck = pods.map((p) => stuckSince(p, context));
  if (pods.length > 0 && stuck.every((since) => since !== undefined && context.now - since >= context.unschedulableGraceMs)) {
    return { failed: `${pods[0]?.metadata.name} ${pendingReason(pods[0] as LiveObject) ?? 'could not be scheduled'}`, sorted };
  }
  return { sorted };
}

function stuckSince(pod: LiveObject, context: ClassifyContext): number | undefined {
  const since = unschedulableSince(pod);
  return since === undefined ? undefined : Math.max(since, context.claimsReadyAt ?? 0);
}

function observed(object: LiveObject): boolean {
  return num(object.status?.observedGeneration) >= num(object.metadata.generation);
}

const REVISION = 'deployment.kubernetes.io/revision';

function deployment(object: LiveObject, snapshot: Snapshot, context: ClassifyContext): Verdict {
  const name = object.metadata.name;
  if (!observed(object)) return { state: 'pending', message: 'waiting for the spec update to be observed', pods: [] };
  const revision = object.metadata.annotations?.[REVISION];
  const latest = snapshot.replicaSets.find((rs) => isControlledBy(rs, object) && rs.metadata.annotations?.[REVISION] === revision);
  const pods = latest ? ownedPods(latest, snapshot) : [];
  const required = requiredRolloutOf(object);
  if (required.kind === 'none') return { state: 'succeeded', message: `${name} applied and observed at generation ${num(object.metadata.generation)}; not waiting for its pods (${REQUIRED_ROLLOUT_ANNOTATION}: none)`, pods };
  const { failed, sorted } = podsVerdict(pods, context, snapshot);
  if (failed) return { state: 'failed', message: failed, pods: sorted };
  const progressing = conditionOf(object, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    const why = sorted[0] ? pendingReason(sorted[0]) : undefined;
    return { state: 'failed', message: `exceeded its progress deadline (${num(object.spec?.progressDeadlineSeconds) || 600}s)${why ? `; ${sorted[0]?.metadata.name} ${why}` : ''}`, pods: sorted };
  }
  const replicas = object.spec?.replicas === undefined ? 1 : num(object.spec.replicas);
  const s = object.status ?? {};
  const updated = num(s.updatedReplicas);
  const available = num(s.availableReplicas);
  const total = num(s.replicas);
  const waiting = updated < replicas ? `${updated} out of ${replicas} new replicas have been updated`
    : total > updated ? `${total - updated} old replicas are pending termination`
      : available < updated ? `${available} of ${updated} updated replicas are available`
        : !latest && replicas > 0 ? `waiting for the ReplicaSet of revision ${revision ?? '?'}` : undefined;
  // A paused Deployment rolls nothing out until resumed: waiting for it would only reach the timeout.
  if (waiting && object.spec?.paused === true) return { state: 'failed', message: `is paused (spec.paused: true), so its new template is not rolled out (${waiting}); resume it (kubectl rollout resume deployment/${name}), or have the deploy resume paused Deployments`, pods: sorted };
  if (waiting && required.kind !== 'full' && latest) {
    // krane's partial rule: the new ReplicaSet alone has enough replicas ready and available.
    const needed = minimumAvailable(object, required, replicas);
    const rs = latest.status ?? {};
    const newAvailable = num(rs.availableReplicas);
    if (num(latest.spec?.replicas) >= needed && num(rs.readyReplicas) >= needed && newAvailable >= needed) {
      const rule = required.kind === 'percent' ? `${required.percent}%` : 'maxUnavailable';
      return { state: 'succeeded', message: `${name} rolled out enough: ${newAvailable}/${replicas} new replicas available, ${needed} required (${REQUIRED_ROLLOUT_ANNOTATION}: ${rule}) at revision ${revision ?? '?'}`, pods: sorted };
    }
  }
  if (waiting) return { state: 'pending', message: waiting, pods: sorted };
  return { state: 'succeeded', message: `${name} rolled out: ${available}/${replicas} available at revision ${revision ?? '?'}`, pods: sorted };
}

function statefulSet(object: LiveObject, snapshot: Snapshot, context: ClassifyContext): Verdict {
  if (!observed(object) || object.status?.observedGeneration === undefined) return { state: 'pending', message: 'waiting for the spec update to be observed', pods: [] };
  const s = object.status ?? {};
  const updateRevision = s.updateRevision as string | undefined;
  const pods = ownedPods(object, snapshot).filter((p) => !updateRevision || p.metadata.labels?.['controller-revision-hash'] === updateRevision);
  const { sorted } = podsVerdict(pods, context, snapshot);
  const doomed = sorted.find((p) => doomReason(p, snapshot.pullFailures?.get(p.metadata.name)));
  if (doomed) return { state: 'failed', message: `${doomed.metadata.name}: ${doomReason(doomed, snapshot.pullFailures?.get(doomed.metadata.name)) ?? ''}`, pods: sorted };
  const claim = templateClaims(object, snapshot);
  if (claim?.verdict.state === 'failed') return { state: 'failed', message: `its claim ${claim.name}: ${claim.verdict.message}`, pods: sorted };
  const replicas = object.spec?.replicas === undefined ? 1 : num(object.spec.replicas);
  const strategy = (object.spec?.updateStrategy as { type?: string } | undefined)?.type ?? 'RollingUpdate';
  if (strategy === 'OnDelete') return { state: 'succeeded', message: 'updateStrategy OnDelete: pods change only when deleted, so there is no rollout to wait for', pods: sorted };
  const ready = num(s.readyReplicas);
  const updated = num(s.updatedReplicas);
  if (ready < replicas) return { state: 'pending', message: `waiting for ${replicas - ready} pods to be ready${claim ? `; its claim ${claim.name}: ${claim.verdict.message}` : ''}`, pods: sorted };
  const partition = num((object.spec?.updateStrategy as { rollingUpdate?: { partition?: number } } | undefined)?.rollingUpdate?.partition);
  if (updated < replicas - partition) return { state: 'pending', message: `${updated} of ${replicas - partition} pods updated`, pods: sorted };
  if (!partition && updateRevision && s.currentRevision !== updateRevision) return { state: 'pending', message: `waiting for revision ${updateRevision} on every pod`, pods: sorted };
  return { state: 'succeeded', message: `${ready}/${replicas} ready at revision ${updateRevision ?? '?'}`, pods: sorted };
}

/** The first of a StatefulSet's template claims (<template>-<set>-<ordinal>) that is not ready, with its verdict. */
function templateClaims(set: LiveObject, snapshot: Snapshot): { name: string; verdict: Verdict } | undefined {
  for (const name of statefulSetClaims(set)) {
    const claim = snapshot.claims?.find((c) => c.metadata.name === name);
    if (!claim) continue;
    const verdict = claimVerdict(claim, snapshot);
    if (verdict.state !== 'succeeded') return { name, verdict };
  }
  return undefined;
}

function daemonSet(object: LiveObject, snapshot: Snapshot, context: ClassifyContext): Verdict {
  if (!observed(object)) return { state: 'pending', message: 'waiting for the spec update to be observed', pods: [] };
  const pods = currentDaemonPods(object, snapshot);
  const { sorted } = podsVerdict(pods, context, snapshot);
  const doomed = sorted.find((p) => doomReason(p, snapshot.pullFailures?.get(p.metadata.name)));
  if (doomed) return { state: 'failed', message: `${doomed.metadata.name}: ${doomReason(doomed, snapshot.pullFailures?.get(doomed.metadata.name)) ?? ''}`, pods: sorted };
  const s = object.status ?? {};
  const desired = num(s.desiredNumberScheduled);
  const updated = num(s.updatedNumberScheduled);
  const available = num(s.numberAvailable);
  if (updated < desired) return { state: 'pending', message: `${updated} out of ${desired} new pods have been updated`, pods: sorted };
  if (available >= desired) return { state: 'succeeded', message: `${available}/${desired} pods available`, pods: sorted };
  const skipped = unawaitedNodes(snapshot.nodes ?? []);
  const awaited = pods.filter((p) => !skipped.has(String(p.spec?.nodeName ?? '')));
  const left = pods.length - awaited.length;
  if (left > 0 && awaited.every(isReady)) {
    const names = [...new Set(pods.map((p) => String(p.spec?.nodeName ?? '')).filter((n) => skipped.has(n)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return { state: 'succeeded', message: `${awaited.length}/${awaited.length} pods ready on schedulable Ready nodes; ${left} not awaited on ${names.map((n) => `${n} (${skipped.get(n) ?? ''})`).join(', ')}`, pods: sorted };
  }
  return { state: 'pending', message: `${available} of ${desired} updated pods are available`, pods: sorted };
}

/** Nodes whose DaemonSet pods krane does not wait for: cordoned, or not Ready. Name → why. */
function unawaitedNodes(nodes: readonly LiveObject[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const n of nodes) {
    const ready = conditionOf(n, 'Ready');
    if (n.spec?.unschedulable === true) found.set(n.metadata.name, 'cordoned');
    else if (ready && ready.status !== 'True') found.set(n.metadata.name, `Ready ${ready.status}${ready.reason ? `: ${ready.reason}` : ''}`);
  }
  return found;
}

/**
 * The pods of a DaemonSet's current template, as the controller's IsPodUpdated counts them: the
 * newest ControllerRevision's hash, or the current generation. A change outside the template
 * (minReadySeconds) bumps the generation and keeps the pods, so the generation alone misses them.
 */
function currentDaemonPods(object: LiveObject, snapshot: Snapshot): LiveObject[] {
  const generation = String(object.metadata.generation ?? '');
  const newest = (snapshot.controllerRevisions ?? []).filter((cr) => isControlledBy(cr, object)).sort((a, b) => num(b.revision) - num(a.revision))[0];
  const hash = newest ? (newest.metadata.labels?.['controller.kubernetes.io/hash'] ?? newest.metadata.name.slice(object.metadata.name.length + 1)) : undefined;
  return ownedPods(object, snapshot).filter((p) => {
    const labels = p.metadata.labels ?? {};
    return (hash !== undefined && labels['controller-revision-hash'] === hash) || (labels['pod-template-generation'] ?? generation) === generation;
  });
}

function job(object: LiveObject, snapshot: Snapshot, context: ClassifyContext): Verdict {
  const pods = ownedPods(object, snapshot);
  const { sorted } = podsVerdict(pods, context, snapshot);
  const failed = conditionOf(object, 'Failed');
  if (failed?.status === 'True') return { state: 'failed', message: `${failed.reason ?? 'Failed'}: ${failed.message ?? 'the job failed'}`, pods: sorted };
  const complete = conditionOf(object, 'Complete');
  const s = object.status ?? {};
  const completions = object.spec?.completions === undefined ? 1 : num(object.spec.completions);
  if (complete?.status === 'True' || num(s.succeeded) >= completions) return { state: 'succeeded', message: `${num(s.succeeded)}/${completions} completions`, pods: sorted };
  const backoffLimit = object.spec?.backoffLimit === undefined ? 6 : num(object.spec.backoffLimit);
  if (num(s.failed) > backoffLimit) return { state: 'failed', message: `${num(s.failed)} failed pods, over the backoff limit of ${backoffLimit}`, pods: sorted };
  const doomed = sorted.find((p) => doomReason(p, snapshot.pullFailures?.get(p.metadata.name)));
  if (doomed && pods.every((p) => doomReason(p, snapshot.pullFailures?.get(p.metadata.name)))) return { state: 'failed', message: `${doomed.metadata.name}: ${doomReason(doomed, snapshot.pullFailures?.get(doomed.metadata.name)) ?? ''}`, pods: sorted };
  return { state: 'pending', message: `${num(s.succeeded)}/${completions} completions, ${num(s.active)} active`, pods: sorted };
}

function pod(object: LiveObject, context: ClassifyContext): Verdict {
  const doom = doomReason(object);
  if (doom) return { state: 'failed', message: doom, pods: [object] };
  const stuck = stuckSince(object, context);
  if (stuck !== undefined && context.now - stuck >= context.unschedulableGraceMs) return { state: 'failed', message: pendingReason(object) ?? 'unschedulable', pods: [object] };
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded') return { state: 'succeeded', message: 'completed', pods: [object] };
  if (phase === 'Running' && isReady(object)) return { state: 'succeeded', message: 'running and ready', pods: [object] };
  return { state: 'pending', message: pendingReason(object) ?? `phase ${phase ?? 'unknown'}`, pods: [object] };
}

function service(object: LiveObject, snapshot: Snapshot): Verdict {
  const spec = (object.spec ?? {}) as { type?: string; selector?: Record<string, string> };
  if (spec.type === 'ExternalName') return { state: 'succeeded', message: 'ExternalName', pods: [] };
  if (spec.type === 'LoadBalancer') {
    const ingress = (object.status as { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } } | undefined)?.loadBalancer?.ingress;
    if (!ingress?.length) return { state: 'pending', message: 'waiting for the load balancer address', pods: [] };
  }
  const selector = spec.selector;
  if (!selector || Object.keys(selector).length === 0) return { state: 'succeeded', message: 'no selector (endpoints managed elsewhere)', pods: [] };
  const selected = snapshot.pods.filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
  const ready = selected.filter(isReady);
  if (ready.length > 0) return { state: 'succeeded', message: `${ready.length} ready endpoint${ready.length === 1 ? '' : 's'}`, pods: [] };
  // krane's rule: a Service in front of a workload scaled to zero is not waiting for anything.
  const idle = [...snapshot.byRef.values()].find((w) => (w.kind === 'Deployment' || w.kind === 'StatefulSet') && w.spec?.replicas === 0
    && Object.entries(selector).every(([k, v]) => (w.spec?.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels?.[k] === v));
  if (idle && selected.length === 0) return { state: 'succeeded', message: `selects ${idle.kind}/${idle.metadata.name}, which has 0 replicas: no endpoints expected`, pods: [] };
  return { state: 'pending', message: selected.length ? `selects ${selected.length} pods, none ready yet` : 'does not select any pods yet', pods: [] };
}

/**
 * krane's HPA rule: healthy once ScalingActive is True (or scaling is disabled on purpose);
 * failed when it cannot scale its target (AbleToScale False) or its metrics are unusable. A metric
 * it cannot fetch yet (FailedGet…: the metrics server starting, a new pod without samples) waits.
 */
function horizontalPodAutoscaler(object: LiveObject): Verdict {
  const able = conditionOf(object, 'AbleToScale');
  const active = conditionOf(object, 'ScalingActive');
  const said = (c: { reason?: string; message?: string }) => `${c.reason ?? 'unknown'}: ${c.message ?? ''}`.trim();
  if (able?.status === 'False') return { state: 'failed', message: `cannot scale its target (AbleToScale False, ${said(able)})`, pods: [] };
  if (active?.status === 'True') return { state: 'succeeded', message: `scaling active (${active.reason ?? 'ScalingActive'})`, pods: [] };
  if (active?.status === 'False' && active.reason === 'ScalingDisabled') return { state: 'succeeded', message: `scaling disabled on purpose (${said(active)})`, pods: [] };
  if (active?.status === 'False' && !active.reason?.startsWith('FailedGet')) return { state: 'failed', message: `scaling is not active (ScalingActive False, ${said(active)})`, pods: [] };
  if (active?.status === 'False') return { state: 'pending', message: `waiting for metrics (ScalingActive False, ${said(active)})`, pods: [] };
  return { state: 'pending', message: 'waiting for the autoscaler to report its conditions', pods: [] };
}
