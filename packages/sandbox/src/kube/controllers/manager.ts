/**
 * Runs every controller in one loop: on each store change (coalesced), at the simulated time of
 * the next timed transition any controller waits for (readiness delays, back-offs, deadlines), and
 * on a slow safety timer.
 */
import type { Cluster } from '../cluster.js';
import { Kubelet } from './kubelet.js';
import { DeploymentController } from './deployment.js';
import { syncReplicaSets } from './replicaset.js';
import { syncStatefulSets } from './statefulset.js';
import { syncDaemonSets } from './daemonset.js';
import { syncJobs } from './job.js';
import { syncEndpoints } from './endpoints.js';
import { syncNamespaces } from './namespace.js';
import { syncAutoscalers } from './autoscaling.js';
import { CrdController } from './crd.js';
import { CustomResourceOperator } from './custom-resources.js';
import { VolumeController } from './volumes.js';

/** The longest delay setTimeout takes (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ControllerManager {
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private scheduled = false;
  private running = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private readonly kubelet: Kubelet;
  private readonly deployments: DeploymentController;
  private readonly crds: CrdController;
  private readonly operator: CustomResourceOperator;
  private readonly volumes: VolumeController;
  /** Errors thrown by a controller, kept for tests instead of crashing the loop. */
  readonly errors: unknown[] = [];

  constructor(private readonly cluster: Cluster, private readonly intervalMs = 250) {
    this.kubelet = new Kubelet(cluster);
    this.deployments = new DeploymentController(cluster);
    this.crds = new CrdController(cluster);
    this.operator = new CustomResourceOperator(cluster);
    this.volumes = new VolumeController(cluster);
  }

  start(): void {
    this.unsubscribe = this.cluster.store.subscribe(() => this.poke());
    this.cluster.poke = () => this.poke();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.poke();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    this.unsubscribe?.();
  }

  private poke(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.tick();
    });
  }

  /** One pass of every controller; exposed so tests can step the cluster deterministically. */
  tick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.cluster.nextWakeSim = Number.POSITIVE_INFINITY;
    try {
      for (const step of [
        () => syncNamespaces(this.cluster),
        () => this.crds.tick(),
        () => this.operator.tick(),
        () => syncAutoscalers(this.cluster),
        () => this.deployments.tick(),
        () => syncReplicaSets(this.cluster),
        () => syncStatefulSets(this.cluster),
        () => this.volumes.tick(),
        () => syncDaemonSets(this.cluster),
        () => syncJobs(this.cluster),
        () => this.kubelet.tick(),
        () => syncEndpoints(this.cluster),
      ]) {
        try {
          step();
        } catch (error) {
          if (this.errors.length < 100) this.errors.push(error);
        }
      }
    } finally {
      this.running = false;
    }
    this.scheduleWake();
  }

  /** Sleep exactly until the next timed transition any controller is waiting for. */
  private scheduleWake(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
    const next = this.cluster.nextWakeSim;
    if (!Number.isFinite(next) || this.stopped) return;
    // A transition timed never to happen (a CRD that is never Established) would overflow
    // setTimeout, which then fires every millisecond: wake at its limit and look again.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(this.cluster.clock.toReal(next - this.cluster.clock.now()))));
    this.wake = setTimeout(() => this.tick(), delay);
    this.wake.unref();
  }
}
