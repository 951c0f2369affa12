/**
 * Failures on purpose. A pod fails the way its template asks (annotation
 * `sandbox.eks-kit/failure`), the way a rule on its image says, or because the cluster really
 * cannot run it: an image the registry hook does not know, a missing ConfigMap/Secret, requests
 * no node can hold.
 */
export const FAILURE_ANNOTATION = 'sandbox.eks-kit/failure';

export type FailureMode =
  /** ErrImagePull with a "not found" message, then ImagePullBackOff. */
  | 'image-not-found'
  /** ErrImagePull for a transient reason (registry unreachable), then ImagePullBackOff. */
  | 'image-pull-error'
  /** The container exits 1 shortly after starting: CrashLoopBackOff with restarts and previous logs. */
  | 'crashloop'
  /** The container gets ready, so the rollout completes, then exits 1 a while later (crashAfterReadyMs), and again after each restart. */
  | 'crash-after-ready'
  /** The container is OOMKilled (exit 137) shortly after starting, then CrashLoopBackOff. */
  | 'oom'
  /** The container runs but its readiness probe never passes. */
  | 'never-ready'
  /** The scheduler finds no node (FailedScheduling), whatever the requests. */
  | 'unschedulable'
  /** CreateContainerConfigError, as for a missing Secret. */
  | 'config-error';

export const FAILURE_MODES: readonly FailureMode[] = ['image-not-found', 'image-pull-error', 'crashloop', 'crash-after-ready', 'oom', 'never-ready', 'unschedulable', 'config-error'];

export interface ScenarioRule {
  /** Matches the container image: a RegExp, or a string the image contains. */
  image: RegExp | string;
  failure: FailureMode;
  /** What a crashing container prints before it exits (crashloop), instead of the generic lines. */
  logs?: string[];
}

/** Simulated durations, in simulated milliseconds. */
export interface Timings {
  /** Creation to PodScheduled. */
  scheduleMs: number;
  /** Scheduled to image pulled (ContainerCreating meanwhile). */
  pullMs: number;
  /** Running to Ready for a container without a readiness probe; with one, its initialDelaySeconds counts. */
  readyMs: number;
  /** Running to exit for a crashing container. */
  crashAfterMs: number;
  /** Ready to exit for a container that crashes after it got ready (crash-after-ready). */
  crashAfterReadyMs: number;
  /** How long a Job's container runs before it completes. */
  jobRunMs: number;
  /** First back-off for crash loops and image pulls; doubles up to 5 minutes, as the kubelet's. */
  backoffMs: number;
  /** A CustomResourceDefinition's creation (or change) to Established, when its names are accepted. */
  crdEstablishMs: number;
  /** A new generation of a custom resource to its operator's status (see controllers/custom-resources.ts). */
  customResourceMs: number;
  /** One attempt of the CSI provisioner to create a volume (see controllers/volumes.ts). */
  provisionMs: number;
}

export const DEFAULT_TIMINGS: Timings = {
  scheduleMs: 100,
  pullMs: 800,
  readyMs: 1000,
  crashAfterMs: 1500,
  crashAfterReadyMs: 120_000,
  jobRunMs: 2000,
  backoffMs: 10000,
  crdEstablishMs: 500,
  customResourceMs: 1000,
  provisionMs: 1000,
};

export interface Scenario {
  rules?: ScenarioRule[];
  timings?: Partial<Timings>;
}

export function isFailureMode(value: unknown): value is FailureMode {
  return typeof value === 'string' && (FAILURE_MODES as readonly string[]).includes(value);
}

function matchingRule(rules: ScenarioRule[] | undefined, image: string): ScenarioRule | undefined {
  return rules?.find((r) => (typeof r.image === 'string' ? image.includes(r.image) : r.image.test(image)));
}

export function ruleFor(rules: ScenarioRule[] | undefined, image: string): FailureMode | undefined {
  return matchingRule(rules, image)?.failure;
}

/** The log lines a matching rule gives a crashing container, if it gives any. */
export function crashLogsFor(rules: ScenarioRule[] | undefined, image: string): string[] | undefined {
  return matchingRule(rules, image)?.logs;
}
