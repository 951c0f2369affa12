import { objectName, runsToCompletion, selects, type ClusterObjects, type LabelSelector, type LiveObject, type Workload } from './objects.js';

export type WorkloadCheckId = 'pdb-drain' | 'min-replicas' | 'min-ready-seconds' | 'topology-spread' | 'readiness-probe' | 'termination-grace' | 'docker-socket' | 'unmanaged-pods' | 'in-tree-ebs';

export interface WorkloadFinding {
  check: WorkloadCheckId;
  /** `Deployment shop/web` */
  object: string;
  message: string;
  /** A blocker stops the upgrade (a drain that cannot finish, a volume nothing can attach); the rest is advice. */
  blocker: boolean;
}

/** Namespaces of the cluster's own components: EKS and its add-ons choose their replicas and probes. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
const DOCKER_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock', '/var/run/dockershim.sock']);
const IN_TREE_EBS = 'kubernetes.io/aws-ebs';

export interface JudgeContext {
  /** The upgrade's target minor, for the messages. */
  next: string;
  /** Whether the EBS CSI driver is there (the add-on, or its controller installed otherwise). */
  ebsCsiDriver: boolean;
}

/**
 * eksup's K8S002–K8S008 and K8S010 on live objects. A managed node group upgrade drains every node:
 * an eviction a PodDisruptionBudget never allows stops it, and pods nothing recreates are gone.
 */
export function judgeWorkloads(objects: ClusterObjects, context: JudgeContext): WorkloadFinding[] {
  const findings: WorkloadFinding[] = [];
  const add = (check: WorkloadCheckId, object: string, message: string, blocker = false) => findings.push({ check, object, message, blocker });
  for (const pdb of objects.podDisruptionBudgets) {
    const blocking = drainBlock(pdb, objects.workloads);
    if (blocking) add('pdb-drain', objectName('PodDisruptionBudget', pdb.metadata ?? {}), `${blocking}: no pod it covers can be evicted, so draining a node for the ${context.next} node upgrade never finishes`, true);
  }
  for (const w of objects.workloads) {
    const name = objectName(w.kind, w);
    for (const v of w.pod.volumes ?? []) {
      const path = v.hostPath?.path?.replace(/\/+$/, '');
      if (path && DOCKER_SOCKETS.has(path)) add('docker-socket', name, `mounts the Docker socket ${path} (volume ${v.name ?? '?'}): EKS nodes run containerd and have no Docker socket since 1.24`, true);
    }
    if (SYSTEM_NAMESPACES.has(w.namespace) || runsToCompletion(w.kind)) continue;
    if (w.pod.terminationGracePeriodSeconds === 0) add('termination-grace', name, 'terminationGracePeriodSeconds is 0: its pods are killed without a chance to finish when a node drains');
    if (w.kind === 'DaemonSet') continue;
    const replicas = w.replicas ?? 1;
    if (replicas === 0) continue;
    if (replicas < 2) add('min-replicas', name, `${replicas} replica: it is down while a drain moves its pod; run 2 or more`);
    else if (!w.pod.topologySpreadConstraints?.length && !w.pod.affinity?.podAntiAffinity) add('topology-spread', name, `${replicas} replicas with no topologySpreadConstraints or pod anti-affinity: they may share the node being drained`);
    if (w.minReadySeconds <= 0) add('min-ready-seconds', name, 'minReadySeconds is 0: a replacement pod counts as available the moment it is ready, before it has served');
    const unprobed = (w.pod.containers ?? []).filter((c) => c.readinessProbe === undefined).map((c) => c.name ?? '?');
    if (unprobed.length > 0) add('readiness-probe', name, `no readiness probe on container${unprobed.length === 1 ? '' : 's'} ${unprobed.join(', ')}: traffic reaches a replacement pod before it can serve`);
  }
  for (const pod of objects.pods) {
    const meta = pod.metadata ?? {};
    if (meta.ownerReferences?.some((o) => o.controller)) continue;
    if (meta.annotations?.['kubernetes.io/config.mirror']) continue; // static pods: the kubelet owns them
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    add('unmanaged-pods', objectName('Pod', meta), 'no controller manages it: draining its node deletes it and nothing recreates it');
  }
  const ebsAdvice = context.ebsCsiDriver ? 'move it to the EBS CSI driver (ebs.csi.aws.com)' : 'EKS routes in-tree EBS volumes to the EBS CSI driver, which is not installed: install the aws-ebs-csi-driver add-on first';
  for (const sc of objects.storageClasses.filter((s) => s.provisioner === IN_TREE_EBS)) {
    add('in-tree-ebs', objectName('StorageClass', sc.metadata ?? {}), `provisioner ${IN_TREE_EBS} (in-tree): ${ebsAdvice}`, !context.ebsCsiDriver);
  }
  for (const pv of objects.persistentVolumes.filter((p) => p.spec?.awsElasticBlockStore !== undefined)) {
    add('in-tree-ebs', objectName('PersistentVolume', pv.metadata ?? {}), `awsElasticBlockStore volume (in-tree): ${ebsAdvice}`, !context.ebsCsiDriver);
  }
  return findings;
}

/** Why a PodDisruptionBudget allows no eviction of the pods it covers, or undefined when it allows one. */
export function drainBlock(pdb: LiveObject, workloads: readonly Workload[]): string | undefined {
  const spec = (pdb.spec ?? {}) as { selector?: LabelSelector; maxUnavailable?: number | string; minAvailable?: number | string };
  const namespace = pdb.metadata?.namespace ?? 'default';
  const covered = workloads.filter((w) => w.namespace === namespace && w.kind !== 'DaemonSet' && !runsToCompletion(w.kind) && selects(spec.selector, w.templateLabels));
  const replicas = covered.reduce((n, w) => n + (w.replicas ?? 0), 0);
  if (replicas === 0) return undefined;
  if (spec.maxUnavailable !== undefined) return scaled(spec.maxUnavailable, replicas) === 0 ? `maxUnavailable ${spec.maxUnavailable}` : undefined;
  if (spec.minAvailable !== undefined) {
    return scaled(spec.minAvailable, replicas) >= replicas ? `minAvailable ${spec.minAvailable} of ${replicas} replica${replicas === 1 ? '' : 's'} (${covered.map((w) => objectName(w.kind, w)).join(', ')})` : undefined;
  }
  return undefined;
}

/** An int-or-percent against a count; the disruption controller rounds both fields up. */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value.trim());
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number.parseInt(value, 10) || 0;
}
