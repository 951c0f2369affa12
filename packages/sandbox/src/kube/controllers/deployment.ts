/**
 * The Deployment controller: one ReplicaSet per pod template (named by pod-template-hash, numbered
 * by the revision annotation), rolled per maxSurge/maxUnavailable or Recreate, with the
 * Progressing/Available conditions and the progress deadline measured on the simulated clock.
 */
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { timestamp } from '../clock.js';
import { HASH_LABEL, REVISION, controllerRef, intOrPercent, isControlledBy, setCondition, templateHash, templateKey } from './util.js';

const COMPONENT = 'deployment-controller';

/**
 * A scenario's busy controller manager: `sandbox.eks-kit/controller-lag: "<seconds>"` on a
 * Deployment leaves each new generation unobserved for that much simulated time, so a client
 * sees the new template in place while status still describes the old revision.
 */
export const CONTROLLER_LAG_ANNOTATION = 'sandbox.eks-kit/controller-lag';

interface Progress {
  generation: number;
  signature: string;
  lastProgressSim: number;
}

const KEEP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas']);

export class DeploymentController {
  private readonly progress = new Map<string, Progress>();
  /** When each lagging Deployment's current generation was first seen (simulated ms). */
  private readonly generationSeen = new Map<string, { generation: number; sim: number }>();

  constructor(private readonly cluster: Cluster) {}

  tick(): void {
    const seen = new Set<string>();
    for (const d of this.cluster.store.scan(typeOf('Deployment', 'apps/v1'))) {
      seen.add(d.metadata.uid!);
      if (!this.lagging(d)) this.sync(d);
    }
    for (const uid of this.progress.keys()) if (!seen.has(uid)) this.progress.delete(uid);
    for (const uid of this.generationSeen.keys()) if (!seen.has(uid)) this.generationSeen.delete(uid);
  }

  private lagging(d: KubeObject): boolean {
    const lagSeconds = Number(d.metadata.annotations?.[CONTROLLER_LAG_ANNOTATION]);
    const generation: number = d.metadata.generation ?? 0;
    if (!(lagSeconds > 0) || generation <= (d.status?.observedGeneration ?? 0)) return false;
    let seen = this.generationSeen.get(d.metadata.uid!);
    if (seen?.generation !== generation) {
      seen = { generation, sim: this.cluster.clock.now() };
      this.generationSeen.set(d.metadata.uid!, seen);
    }
    return !this.cluster.due(seen.sim + lagSeconds * 1000);
  }

  private revisionOf(rs: KubeObject): number {
    return Number(rs.metadata.annotations?.[REVISION] ?? 0);
  }

  private sync(d: KubeObject): void {
    const rsType = typeOf('ReplicaSet', 'apps/v1');
    const store = this.cluster.store;
    const ns = d.metadata.namespace;
    let all = store.scan(rsType, ns).filter((rs) => isControlledBy(rs, d));
    const replicas: number = d.spec?.replicas ?? 1;
    const wantKey = templateKey(d.spec?.template);
    let newRS = all.find((rs) => templateKey(rs.spec?.template) === wantKey);
    const maxRevision = Math.max(0, ...all.map((rs) => this.revisionOf(rs)));
    const strategy = d.spec?.strategy ?? {};
    const surge = strategy.type === 'Recreate' ? 0 : intOrPercent(strategy.rollingUpdate?.maxSurge, replicas, true);
    let unavailable = strategy.type === 'Recreate' ? replicas : intOrPercent(strategy.rollingUpdate?.maxUnavailable, replicas, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    const paused = d.spec?.paused === true;
    let created = false;

    if (!paused) {
      if (!newRS) {
        newRS = this.createReplicaSet(d, maxRevision + 1, all, replicas, surge);
        created = true;
        all = [...all, newRS];
      } else if (this.revisionOf(newRS) < maxRevision) {
        // A rollback to an older template reuses its ReplicaSet under a new revision number.
        const old = String(this.revisionOf(newRS));
        newRS = store.mutate(rsType, ns, newRS.metadata.name!, (rs) => {
          rs.metadata.annotations = { ...rs.metadata.annotations, [REVISION]: String(maxRevision + 1), 'deployment.kubernetes.io/revision-history': old };
        })!;
        all = all.map((rs) => (rs.metadata.uid === newRS!.metadata.uid ? newRS! : rs));
      }
    }

    if (newRS && !paused) {
      // The new ReplicaSet carries the Deployment's own annotations (kubernetes.io/change-cause is
      // what `rollout history` prints), kept in step on every pass as the real controller does.
      const wanted = Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !KEEP_ANNOTATIONS.has(k));
      if (wanted.some(([k, v]) => newRS!.metadata.annotations?.[k] !== v)) {
        newRS = store.mutate(rsType, ns, newRS.metadata.name!, (rs) => {
          rs.metadata.annotations = { ...rs.metadata.annotations, ...Object.fromEntries(wanted) };
        })!;
        all = all.map((rs) => (rs.metadata.uid === newRS!.metadata.uid ? newRS! : rs));
      }
    }

    if (newRS) {
      const revision = newRS.metadata.annotations?.[REVISION];
      if (revision && d.metadata.annotations?.[REVISION] !== revision) {
        d = store.mutate(typeOf('Deployment', 'apps/v1'), ns, d.metadata.name!, (o) => {
          o.metadata.annotations = { ...o.metadata.annotations, [REVISION]: revision };
        })!;
      }
    }

    if (!paused && newRS) {
      // Scaling below edits spec.replicas on these copies, never on the stored objects.
      const copy = (rs: KubeObject): KubeObject => ({ ...rs, spec: { ...rs.spec } });
      const old = all.filter((rs) => rs.metadata.uid !== newRS!.metadata.uid).map(copy);
      newRS = copy(newRS);
      if (strategy.type === 'Recreate') this.recreate(d, newRS, old, replicas);
      else this.rolling(d, newRS, old, replicas, surge, unavailable);
      this.cleanup(d, old);
      all = store.scan(rsType, ns).filter((rs) => isControlledBy(rs, d));
      newRS = all.find((rs) => rs.metadata.uid === newRS!.metadata.uid);
    }
    this.writeStatus(d, all, newRS, replicas, unavailable, paused, created);
  }

  private createReplicaSet(d: KubeObject, revision: number, existing: KubeObject[], replicas: number, surge: number): KubeObject {
    const template = clone(d.spec.template ?? {});
    let hash = templateHash(template);
    for (let c = 1; existing.some((rs) => rs.metadata.name === `${d.metadata.name}-${hash}`); c++) hash = templateHash(template, c);
    template.metadata ??= {};
    template.metadata.labels = { ...template.metadata.labels, [HASH_LABEL]: hash };
    const onlyOne = existing.every((rs) => (rs.spec?.replicas ?? 0) === 0);
    const total = existing.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
    const isRecreate = d.spec?.strategy?.type === 'Recreate';
    const start = isRecreate ? (onlyOne ? replicas : 0) : onlyOne ? replicas : Math.max(0, Math.min(replicas, replicas + surge - total));
    const rs = this.cluster.store.create(typeOf('ReplicaSet', 'apps/v1'), {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        annotations: {
          ...Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !KEEP_ANNOTATIONS.has(k))),
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + surge),
          [REVISION]: String(revision),
        },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas: start,
        ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
        selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector?.matchLabels, [HASH_LABEL]: hash } },
        template,
      },
    });
    if (start > 0) this.scaledEvent(d, rs, 0, start);
    return rs;
  }

  private scaledEvent(d: KubeObject, rs: KubeObject, from: number, to: number): void {
    const verb = to > from ? 'up' : 'down';
    this.cluster.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`, COMPONENT);
  }

  private scale(d: KubeObject, rs: KubeObject, to: number, replicas: number, surge: number): void {
    const from: number = rs.spec?.replicas ?? 0;
    if (from === to) return;
    this.cluster.store.mutate(typeOf('ReplicaSet', 'apps/v1'), rs.metadata.namespace, rs.metadata.name!, (o) => {
      o.spec.replicas = to;
      o.metadata.annotations = { ...o.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + surge) };
    });
    rs.spec.replicas = to;
    this.scaledEvent(d, rs, from, to);
  }

  private rolling(d: KubeObject, newRS: KubeObject, old: KubeObject[], replicas: number, surge: number, maxUnavailable: number): void {
    const spec = (rs: KubeObject): number => rs.spec?.replicas ?? 0;
    const available = (rs: KubeObject): number => rs.status?.availableReplicas ?? 0;
    // Scale the new ReplicaSet up within the surge budget (or down when replicas shrank).
    const total = spec(newRS) + old.reduce((n, rs) => n + spec(rs), 0);
    if (spec(newRS) > replicas) this.scale(d, newRS, replicas, replicas, surge);
    else if (spec(newRS) < replicas) {
      const room = replicas + surge - total;
      if (room > 0) this.scale(d, newRS, Math.min(replicas, spec(newRS) + room), replicas, surge);
    }
    // Scale old ReplicaSets down without dropping below minAvailable; unhealthy pods go first.
    const oldActive = old.filter((rs) => spec(rs) > 0).sort((a, b) => this.revisionOf(a) - this.revisionOf(b));
    if (oldActive.length === 0) return;
    const minAvailable = replicas - maxUnavailable;
    const allPods = spec(newRS) + oldActive.reduce((n, rs) => n + spec(rs), 0);
    const newUnavailable = spec(newRS) - available(newRS);
    let budget = allPods - minAvailable - newUnavailable;
    for (const rs of oldActive) {
      if (budget <= 0) break;
      const unhealthy = spec(rs) - available(rs);
      const cut = Math.min(unhealthy, budget);
      if (cut > 0) {
        this.scale(d, rs, spec(rs) - cut, replicas, surge);
        budget -= cut;
      }
    }
    const totalAvailable = available(newRS) + oldActive.reduce((n, rs) => n + Math.min(available(rs), spec(rs)), 0);
    let healthyBudget = totalAvailable - minAvailable;
    for (const rs of oldActive) {
      if (healthyBudget <= 0) break;
      const cut = Math.min(spec(rs), healthyBudget);
      if (cut > 0) {
        this.scale(d, rs, spec(rs) - cut, replicas, surge);
        healthyBudget -= cut;
      }
    }
  }

  private recreate(d: KubeObject, newRS: KubeObject, old: KubeObject[], replicas: number): void {
    for (const rs of old) if ((rs.spec?.replicas ?? 0) > 0) this.scale(d, rs, 0, replicas, 0);
    const oldPods = old.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
    if (oldPods === 0 && (newRS.spec?.replicas ?? 0) !== replicas) this.scale(d, newRS, replicas, replicas, 0);
  }

  /** Old ReplicaSets at zero beyond revisionHistoryLimit are deleted, oldest first. */
  private cleanup(d: KubeObject, old: KubeObject[]): void {
    const limit: number = d.spec?.revisionHistoryLimit ?? 10;
    const idle = old
      .filter((rs) => (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0)
      .sort((a, b) => this.revisionOf(a) - this.revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.cluster.store.delete(typeOf('ReplicaSet', 'apps/v1'), rs.metadata.namespace, rs.metadata.name!);
    }
  }

  private writeStatus(d: KubeObject, all: KubeObject[], newRS: KubeObject | undefined, replicas: number, maxUnavailable: number, paused: boolean, created: boolean): void {
    const sum = (f: (rs: KubeObject) => number) => all.reduce((n, rs) => n + f(rs), 0);
    const statusReplicas = sum((rs) => rs.status?.replicas ?? 0);
    const updated = newRS?.status?.replicas ?? 0;
    const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const specTotal = sum((rs) => rs.spec?.replicas ?? 0);
    const now = timestamp();
    const simNow = this.cluster.clock.now();
    let conditions: Record<string, unknown>[] = clone(d.status?.conditions ?? []);
    conditions = setCondition(
      conditions,
      available >= replicas - maxUnavailable
        ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      now,
      false,
    );
    const rsName = newRS?.metadata.name ?? d.metadata.name;
    const signature = JSON.stringify([updated, ready, available, statusReplicas, newRS?.spec?.replicas, specTotal]);
    const uid = d.metadata.uid!;
    const generation = d.metadata.generation ?? 1;
    let p = this.progress.get(uid);
    const progressed = !p || p.signature !== signature || p.generation !== generation || created;
    if (!p || progressed) {
      p = { generation, signature, lastProgressSim: simNow };
      this.progress.set(uid, p);
    }
    const complete = updated === replicas && available >= replicas && statusReplicas === replicas && (newRS?.spec?.replicas ?? 0) === replicas;
    const current = conditions.find((c) => c.type === 'Progressing');
    if (paused) {
      conditions = setCondition(conditions, { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' }, now);
    } else if (complete) {
      if (current?.reason !== 'NewReplicaSetAvailable') {
        conditions = setCondition(conditions, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` }, now);
      }
    } else if (created) {
      conditions = setCondition(conditions, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` }, now);
    } else if (progressed || current?.reason === 'NewReplicaSetAvailable' || !current) {
      conditions = setCondition(conditions, { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` }, now);
    } else if (current.reason !== 'ProgressDeadlineExceeded' && this.cluster.due(p.lastProgressSim + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 + 1)) {
      conditions = setCondition(conditions, { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` }, now);
      this.cluster.events.record(d, 'Warning', 'ProgressDeadlineExceeded', `Deployment "${d.metadata.name}" has timed out progressing.`, COMPONENT);
    }
    const failure = all.flatMap((rs) => ((rs.status?.conditions ?? []) as Record<string, unknown>[]).filter((c) => c.type === 'ReplicaFailure' && c.status === 'True'))[0];
    if (failure) conditions = setCondition(conditions, { type: 'ReplicaFailure', status: 'True', reason: String(failure.reason), message: String(failure.message) }, now);
    else conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    const status: Record<string, unknown> = {
      observedGeneration: generation,
      replicas: statusReplicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, specTotal - available),
      conditions,
    };
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (status[k] === 0) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(d.status)) {
      this.cluster.store.mutate(typeOf('Deployment', 'apps/v1'), d.metadata.namespace, d.metadata.name!, (o) => {
        o.status = status;
      }, { subresource: 'status' });
    }
  }
}
