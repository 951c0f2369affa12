/**
 * What each target watches: itself by name, and its children by the target's own label selector
 * (a Service reuses a workload's pod watch when that one already covers its selector). Builds the
 * Snapshot the classification reads from what the watches hold.
 */
import type { KubectlLike } from '../bounded.js';
import { collectionPath, impliedBy, selectorQuery, type LabelSelector } from '../watch/api-paths.js';
import type { Watches } from '../watch/watches.js';
import type { CollectionWatch } from '../watch/collection.js';
import type { RolloutConditions } from './custom-resource.js';
import type { ContainerStatus, LiveObject, Snapshot } from './live.js';
import { num, refKey } from './live.js';

export interface WatchTarget {
  kind: string;
  name: string;
  namespace?: string;
  /** The object as applied, when known: its selector opens the children's watches at once. */
  live?: LiveObject;
  /** A custom resource: its collection, and the conditions to judge it by (else Ready/Available). */
  custom?: { path: string; conditions?: RolloutConditions };
}

const CHILDREN: Record<string, string[]> = {
  Deployment: ['ReplicaSet', 'Pod'],
  StatefulSet: ['Pod'],
  DaemonSet: ['ControllerRevision', 'Pod'],
  Job: ['Pod'],
};

function selectorOf(object: LiveObject | undefined): LabelSelector | undefined {
  const s = object?.spec?.selector as LabelSelector | undefined;
  return s && (s.matchLabels || s.matchExpressions) ? s : undefined;
}

/** A ClusterIP/NodePort Service's applied object says all we need; a LoadBalancer waits for its address. */
function needsOwnWatch(t: WatchTarget): boolean {
  return !(t.kind === 'Service' && t.live && (t.live.spec as { type?: string } | undefined)?.type !== 'LoadBalancer');
}

const shared = new WeakMap<Watches, TargetSources>();

/** One TargetSources per set of watches, so what one phase saw go by (a failed pull) the next still knows. */
export function sourcesFor(watches: Watches, kubectl: KubectlLike): TargetSources {
  let s = shared.get(watches);
  if (!s) {
    s = new TargetSources(watches, kubectl);
    shared.set(watches, s);
  }
  return s;
}

export class TargetSources {
  /** Pod watches opened by plain matchLabels, per namespace, for Services to reuse. */
  private readonly podSelectors = new Map<string, Record<string, string>[]>();
  private readonly opened = new Set<string>();
  private readonly pullReads = new Map<string, string>();
  private readonly pullFailures = new Map<string, Map<string, string>>();

  /** StorageClasses, once a claim is judged (optional: RBAC may refuse them). */
  private classes: CollectionWatch | undefined;
  private readonly claimEventNamespaces = new Set<string>();

  /** Pod → its last ErrImagePull, worded as the kubelet's "Failed to pull image" event. */
  private readonly seenPulls = new Map<string, string>();

  constructor(private readonly watches: Watches, private readonly kubectl: KubectlLike) {
    // ErrImagePull carries the registry's answer only until the back-off replaces it, which can
    // happen between two looks; the watch sees it go by.
    watches.observe((o) => {
      if (o.kind !== 'Pod') return;
      const statuses = [...((o.status?.initContainerStatuses ?? []) as ContainerStatus[]), ...((o.status?.containerStatuses ?? []) as ContainerStatus[])];
      const failed = statuses.find((c) => c.state?.waiting?.reason === 'ErrImagePull' && c.state.waiting.message);
      const message = failed?.state?.waiting?.message ?? '';
      if (failed) this.seenPulls.set(`${o.metadata.namespace ?? ''}/${o.metadata.name}`, message.startsWith('Failed to pull image') ? message : `Failed to pull image "${failed.image ?? ''}": ${message}`);
    });
  }

  /** Opens what `target` needs; call again as live objects arrive (selectors come from them). */
  ensure(target: WatchTarget): void {
    const ns = target.namespace ?? 'default';
    if (needsOwnWatch(target)) this.open(target.kind, ns, { fieldSelector: `metadata.name=${target.name}` }, false, target.custom?.path);
    const live = this.live(target) ?? target.live;
    if (target.kind === 'Service') {
      const selector = (live?.spec as { selector?: Record<string, string> } | undefined)?.selector;
      if (!selector || Object.keys(selector).length === 0) return;
      if ((this.podSelectors.get(ns) ?? []).some((w) => impliedBy(selector, w))) return;
      this.open('Pod', ns, { labelSelector: selectorQuery(selector) });
      return;
    }
    const templates = target.kind === 'StatefulSet' && ((live?.spec?.volumeClaimTemplates ?? []) as unknown[]).length > 0;
    if (target.kind === 'PersistentVolumeClaim' || templates) this.openClaimSources(ns);
    const selector = selectorOf(live);
    if (!selector) return;
    // A StatefulSet's claims carry its selector's labels, as the controller makes them.
    for (const kind of [...(CHILDREN[target.kind] ?? []), ...(templates ? ['PersistentVolumeClaim'] : [])]) this.open(kind, ns, { labelSelector: selectorQuery(selector) });
    // krane's rule: a DaemonSet's pods on cordoned or NotReady nodes are not awaited.
    if (target.kind === 'DaemonSet') this.open('Node', '', {}, true);
    if (selector.matchLabels && !selector.matchExpressions?.length) {
      const list = this.podSelectors.get(ns) ?? [];
      if (!list.some((l) => selectorQuery(l) === selectorQuery(selector.matchLabels ?? {}))) this.podSelectors.set(ns, [...list, selector.matchLabels]);
    }
  }

  /**
   * The target as last seen; not yet, while the watch still shows it as it was before the apply
   * (watches open before the apply, so their start-up overlaps it).
   */
  live(target: WatchTarget): LiveObject | undefined {
    const ns = target.namespace ?? 'default';
    if (!needsOwnWatch(target)) return target.live;
    const seen = this.watches.objects(target.kind, ns).find((o) => o.metadata.name === target.name);
    if (seen && target.live?.metadata.uid && seen.metadata.uid !== target.live.metadata.uid) return undefined;
    if (seen && num(seen.metadata.generation) < num(target.live?.metadata.generation)) return undefined;
    return seen;
  }

  /** What the watches hold in a namespace, as one poll used to read it. */
  async snapshot(namespace: string, targets: readonly WatchTarget[]): Promise<Snapshot> {
    const byRef = new Map<string, LiveObject>();
    for (const t of targets) {
      const live = this.live(t);
      if (live) byRef.set(refKey(t.kind, namespace, t.name), live);
    }
    const pods = this.watches.objects('Pod', namespace);
    const snap: Snapshot = { byRef, replicaSets: this.watches.objects('ReplicaSet', namespace), pods, controllerRevisions: this.watches.objects('ControllerRevision', namespace), nodes: this.watches.objects('Node', '') };
    if (this.claimEventNamespaces.has(namespace)) {
      snap.claims = this.watches.objects('PersistentVolumeClaim', namespace);
      snap.claimEvents = this.watches.objects('Event', namespace).filter((e) => (e as { involvedObject?: { kind?: string } }).involvedObject?.kind === 'PersistentVolumeClaim');
      if (this.classes?.synced) snap.storageClasses = [...this.classes.objects.values()];
    }
    const failures = await this.pullFailuresFor(namespace, pods);
    if (failures) snap.pullFailures = failures;
    return snap;
  }

  /** What a claim's verdict reads beyond the claim: the controllers' events about claims, and the classes. */
  private openClaimSources(namespace: string): void {
    this.claimEventNamespaces.add(namespace);
    this.open('Event', namespace, { fieldSelector: 'involvedObject.kind=PersistentVolumeClaim' });
    this.classes ??= this.watches.watch({ kind: 'StorageClass', namespace: '', path: collectionPath('StorageClass', ''), optional: true });
  }

  private open(kind: string, namespace: string, selectors: { labelSelector?: string; fieldSelector?: string }, optional = false, path = collectionPath(kind, namespace)): void {
    const key = `${kind}/${namespace}/${selectors.labelSelector ?? ''}/${selectors.fieldSelector ?? ''}`;
    if (this.opened.has(key)) return;
    this.opened.add(key);
    this.watches.watch({ kind, namespace, path, ...selectors, ...(optional ? { optional } : {}) });
  }

  /**
   * The latest "Failed to pull image" event per pod, read only while a pull backs off and again
   * only when one of those pods changed (the kubelet retries on a growing back-off).
   */
  private async pullFailuresFor(namespace: string, pods: LiveObject[]): Promise<Map<string, string> | undefined> {
    const backing = pods.filter(backingOff);
    if (backing.length === 0) return undefined;
    const seen = new Map(backing.flatMap((p) => {
      const message = this.seenPulls.get(`${namespace}/${p.metadata.name}`);
      return message ? [[p.metadata.name, message] as const] : [];
    }));
    // Events only for back-offs whose failed pull the watch did not see (it began mid-back-off).
    if (seen.size === backing.length) return seen;
    const signature = backing.map((p) => `${p.metadata.name}@${(p.metadata as { resourceVersion?: string }).resourceVersion ?? ''}`).sort().join(',');
    if (this.pullReads.get(namespace) !== signature) {
      this.pullReads.set(namespace, signature);
      this.pullFailures.set(namespace, await readPullFailures(this.kubectl, namespace));
    }
    return new Map([...(this.pullFailures.get(namespace) ?? []), ...seen]);
  }
}

function backingOff(pod: LiveObject): boolean {
  const statuses = [...((pod.status?.initContainerStatuses ?? []) as ContainerStatus[]), ...((pod.status?.containerStatuses ?? []) as ContainerStatus[])];
  return statuses.some((c) => c.state?.waiting?.reason === 'ImagePullBackOff');
}

async function readPullFailures(kubectl: KubectlLike, namespace: string): Promise<Map<string, string>> {
  const events = await kubectl.getJson<{ items: { reason?: string; message?: string; involvedObject?: { kind?: string; name?: string }; lastTimestamp?: string; eventTime?: string }[] }>(['events', '-n', namespace, '--field-selector', 'involvedObject.kind=Pod,reason=Failed']);
  const found = new Map<string, { message: string; at: number }>();
  for (const e of events.items) {
    if (e.reason !== 'Failed' || !/^Failed to pull image/.test(e.message ?? '') || !e.involvedObject?.name) continue;
    const at = Date.parse(e.lastTimestamp ?? e.eventTime ?? '') || 0;
    const previous = found.get(e.involvedObject.name);
    if (!previous || at >= previous.at) found.set(e.involvedObject.name, { message: e.message ?? '', at });
  }
  return new Map([...found].map(([name, v]) => [name, v.message]));
}
