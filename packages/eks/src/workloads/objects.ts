/** The few fields of live Kubernetes objects the workload checks read; everything else is ignored. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface Container {
  name?: string;
  readinessProbe?: unknown;
}

export interface PodSpec {
  containers?: Container[];
  volumes?: { name?: string; hostPath?: { path?: string } }[];
  topologySpreadConstraints?: unknown[];
  affinity?: { podAntiAffinity?: unknown };
  terminationGracePeriodSeconds?: number;
}

export interface Metadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
  managedFields?: { apiVersion?: string; manager?: string; operation?: string }[];
}

export interface LiveObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Metadata;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  data?: Record<string, string>;
  type?: string;
  provisioner?: string;
}

/** A workload controller's fields the checks read. */
export interface Workload {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
  namespace: string;
  name: string;
  /** undefined for a DaemonSet (one pod per node), a Job or a CronJob (they run to completion). */
  replicas?: number;
  minReadySeconds: number;
  templateLabels: Record<string, string>;
  pod: PodSpec;
}

/** What the workload checks read from one cluster. */
export interface ClusterObjects {
  workloads: Workload[];
  pods: LiveObject[];
  podDisruptionBudgets: LiveObject[];
  storageClasses: LiveObject[];
  persistentVolumes: LiveObject[];
}

/** Kinds whose pods run to completion: only what breaks them on the new nodes applies (the Docker socket). */
export function runsToCompletion(kind: Workload['kind']): boolean {
  return kind === 'Job' || kind === 'CronJob';
}

export function workloadOf(kind: Workload['kind'], object: LiveObject): Workload {
  const spec = object.spec ?? {};
  // A CronJob's pod template sits one level down, in its Job template.
  const jobSpec = kind === 'CronJob' ? ((spec.jobTemplate as { spec?: Record<string, unknown> } | undefined)?.spec ?? {}) : spec;
  const template = (jobSpec.template ?? {}) as { metadata?: Metadata; spec?: PodSpec };
  return {
    kind,
    namespace: object.metadata?.namespace ?? 'default',
    name: object.metadata?.name ?? '?',
    ...(kind === 'DaemonSet' || runsToCompletion(kind) ? {} : { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 }),
    minReadySeconds: typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0,
    templateLabels: template.metadata?.labels ?? {},
    pod: template.spec ?? {},
  };
}

/** Whether a label selector picks these labels (an empty selector picks everything, as the API's). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]!);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function objectName(kind: string, object: { namespace?: string; name?: string }): string {
  return `${kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name ?? '?'}`;
}
