/** The fields of live objects that verification reads (kubectl get -o json). */
export interface LiveObject {
  apiVersion?: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { uid: string; kind: string; name: string; controller?: boolean }[];
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  /** ControllerRevisions: their number. */
  revision?: number;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; message?: string };
}

export interface ContainerStatus {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: Condition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  startTime?: string;
}

export function conditionOf(object: LiveObject, type: string): Condition | undefined {
  return ((object.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function isControlledBy(child: LiveObject, owner: LiveObject): boolean {
  return (child.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid);
}

/** Everything one poll read in a namespace, so each kind can look at its children. */
export interface Snapshot {
  byRef: Map<string, LiveObject>;
  replicaSets: LiveObject[];
  pods: LiveObject[];
  /** Read only when a DaemonSet is verified. */
  controllerRevisions?: LiveObject[];
  /** The cluster's nodes, watched only when a DaemonSet is verified (and when RBAC lets us). */
  nodes?: LiveObject[];
  /** Pod name → the last image pull failure message from its Events (read only while a pull backs off). */
  pullFailures?: Map<string, string>;
  /** PersistentVolumeClaims watched in the namespace (claims of the deploy, a StatefulSet's templates'). */
  claims?: LiveObject[];
  /** Events about PersistentVolumeClaims in the namespace, watched only when claims are judged. */
  claimEvents?: LiveObject[];
  /** The cluster's StorageClasses; undefined when they cannot be read (RBAC) or are not watched. */
  storageClasses?: LiveObject[];
}

export function refKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
