/**
 * The PV controller (binder) and a CSI external provisioner, folded into one loop. A claim binds
 * to a matching Available volume; else its class decides: Immediate provisions a volume at once,
 * WaitForFirstConsumer waits for the scheduler to pick a node (volume.kubernetes.io/selected-node),
 * no class and no default class, or a class that does not exist, leave it Pending with the events
 * the real controller records. A claim whose bound volume is deleted is Lost. The fault
 * `sandbox.eks-kit/provisioning-failure` on a StorageClass makes its provisioning fail (`permanent`)
 * or fail twice and then succeed (`transient`), retried on the provisioner's back-off.
 */
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import {
  BETA_STORAGE_PROVISIONER, BINDER, bind, claimType, classOf, createAs, defaultClass, isBound, matchingVolume,
  NO_PROVISIONER, PROVISIONED_BY, provisionedVolume, SELECTED_NODE, STORAGE_PROVISIONER, volumeType, writeAs,
} from './volume-binding.js';

export const PROVISIONING_FAILURE_ANNOTATION = 'sandbox.eks-kit/provisioning-failure';
const BINDER_COMPONENT = 'persistentvolume-controller';
/** How often the binder looks at a claim again (its resync period), in simulated ms. */
const RESYNC_MS = 15_000;
/** The external provisioner's back-off: 1 s, doubling up to 5 minutes. */
const RETRY_START_MS = 1000;
const RETRY_MAX_MS = 300_000;
const TRANSIENT_FAILURES = 2;

interface ClaimState {
  /** Simulated time the binder may look at this claim again. */
  nextSyncSim: number;
  attempts: number;
  /** Simulated time the running provisioning attempt ends. */
  provisionAtSim?: number;
  /** After a failed attempt: when the next may start. */
  retryAtSim?: number;
}

export class VolumeController {
  private readonly claims = new Map<string, ClaimState>();

  constructor(private readonly cluster: Cluster) {}

  tick(): void {
    const { store } = this.cluster;
    const claims = store.scan(claimType());
    const live = new Set(claims.map((c) => c.metadata.uid!));
    for (const uid of this.claims.keys()) if (!live.has(uid)) this.claims.delete(uid);
    this.syncVolumes(claims);
    for (const claim of claims) this.syncClaim(claim);
  }

  private state(claim: KubeObject): ClaimState {
    let s = this.claims.get(claim.metadata.uid!);
    if (!s) {
      s = { nextSyncSim: 0, attempts: 0 };
      this.claims.set(claim.metadata.uid!, s);
    }
    return s;
  }

  /** New volumes become Available; a volume whose claim is gone is Released, and deleted when its policy says so. */
  private syncVolumes(claims: readonly KubeObject[]): void {
    const byUid = new Map(claims.map((c) => [c.metadata.uid, c]));
    for (const pv of this.cluster.store.scan(volumeType())) {
      const ref = pv.spec?.claimRef;
      const name = pv.metadata.name!;
      if (!ref) {
        if (pv.status?.phase !== 'Available' && pv.status?.phase !== 'Released') writeAs(this.cluster, BINDER, volumeType(), undefined, name, (o) => (o.status = { phase: 'Available' }), 'status');
        continue;
      }
      if (pv.status?.phase !== 'Bound' || !ref.uid || byUid.has(ref.uid)) {
        if (!pv.status?.phase) writeAs(this.cluster, BINDER, volumeType(), undefined, name, (o) => (o.status = { phase: 'Pending' }), 'status');
        continue;
      }
      if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete' && pv.metadata.annotations?.[PROVISIONED_BY]) {
        this.cluster.store.delete(volumeType(), undefined, name);
        continue;
      }
      if (pv.status?.phase !== 'Released') writeAs(this.cluster, BINDER, volumeType(), undefined, name, (o) => (o.status = { phase: 'Released' }), 'status');
    }
  }

  private event(claim: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component = BINDER_COMPONENT): void {
    this.cluster.events.record(claim, type, reason, message, component);
  }

  private syncClaim(claim: KubeObject): void {
    const ns = claim.metadata.namespace;
    const name = claim.metadata.name!;
    if (isBound(claim)) {
      if (this.cluster.store.peek(volumeType(), undefined, claim.spec?.volumeName ?? '')) return;
      writeAs(this.cluster, BINDER, claimType(), ns, name, (o) => (o.status = { ...o.status, phase: 'Lost' }), 'status');
      this.event(claim, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    if (claim.status?.phase === 'Lost') return;
    if (!claim.status?.phase) {
      const written = writeAs(this.cluster, BINDER, claimType(), ns, name, (o) => (o.status = { phase: 'Pending' }), 'status');
      if (written) claim = written;
    }
    const pv = matchingVolume(this.cluster, claim);
    if (pv) return bind(this.cluster, claim, pv);
    const state = this.state(claim);
    const now = this.cluster.clock.now();
    // Events repeat at the resync period, as the binder's do (the recorder counts them).
    const resync = this.cluster.due(state.nextSyncSim);
    if (resync) state.nextSyncSim = now + RESYNC_MS;
    const { name: className, storageClass } = classOf(this.cluster, claim);
    if (!className && claim.spec?.storageClassName === undefined) {
      const fallback = defaultClass(this.cluster);
      // Retroactive default StorageClass assignment: a claim without a class gets the default one.
      if (fallback) {
        writeAs(this.cluster, BINDER, claimType(), ns, name, (o) => (o.spec.storageClassName = fallback.metadata.name));
        return;
      }
    }
    if (!className) {
      if (resync) this.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if (!storageClass) {
      if (resync) this.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    if (storageClass.volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata.annotations?.[SELECTED_NODE]) {
      if (resync) this.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    this.provision(claim, storageClass, state, resync);
  }

  private provision(claim: KubeObject, storageClass: KubeObject, state: ClaimState, resync: boolean): void {
    const provisioner = String(storageClass.provisioner);
    const ns = claim.metadata.namespace;
    const name = claim.metadata.name!;
    if (claim.metadata.annotations?.[STORAGE_PROVISIONER] !== provisioner) {
      writeAs(this.cluster, BINDER, claimType(), ns, name, (o) => (o.metadata.annotations = { ...o.metadata.annotations, [BETA_STORAGE_PROVISIONER]: provisioner, [STORAGE_PROVISIONER]: provisioner }));
    }
    if (resync) this.event(claim, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
    // Nobody provisions for it: an administrator makes the volumes, and the binder waits for one.
    if (provisioner === NO_PROVISIONER) return;
    const component = `${provisioner}_ebs-csi-controller-0_sandbox`;
    const now = this.cluster.clock.now();
    if (state.provisionAtSim === undefined) {
      if (state.retryAtSim !== undefined && !this.cluster.due(state.retryAtSim)) return;
      state.provisionAtSim = now + this.cluster.timings.provisionMs;
      this.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, component);
    }
    if (!this.cluster.due(state.provisionAtSim)) return;
    state.attempts++;
    const fault = storageClass.metadata.annotations?.[PROVISIONING_FAILURE_ANNOTATION];
    const failing = fault === 'permanent' || (fault === 'transient' && state.attempts <= TRANSIENT_FAILURES);
    if (failing) {
      const why = fault === 'transient'
        ? 'rpc error: code = DeadlineExceeded desc = context deadline exceeded'
        : `rpc error: code = Internal desc = Could not create volume "pvc-${claim.metadata.uid}": could not create volume in EC2: operation error EC2: CreateVolume, https response error StatusCode: 403, api error UnauthorizedOperation: You are not authorized to perform this operation.`;
      this.event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${storageClass.metadata.name}": ${why}`, component);
      const backoff = Math.min(RETRY_START_MS * 2 ** (state.attempts - 1), RETRY_MAX_MS);
      // The next attempt starts after the back-off and takes provisionMs again.
      state.provisionAtSim = undefined;
      state.retryAtSim = now + backoff;
      this.cluster.due(state.retryAtSim);
      return;
    }
    const node = claim.metadata.annotations?.[SELECTED_NODE];
    const zone = node ? this.cluster.nodes.find((n) => n.name === node)?.zone ?? 'us-east-1a' : undefined;
    const pv = createAs(this.cluster, 'csi-provisioner', volumeType(), provisionedVolume(claim, storageClass, zone));
    this.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}`, component);
    state.provisionAtSim = undefined;
  }
}
