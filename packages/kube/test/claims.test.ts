import { describe, expect, it } from '@jest/globals';
import { claimVerdict, mountedClaims, PROVISIONING_ATTEMPTS } from '../src/verify/claims.js';
import { classify } from '../src/verify/kinds.js';
import type { LiveObject, Snapshot } from '../src/verify/live.js';
import { parseManifests } from '../src/manifests/parse.js';
import { sortForApply } from '../src/manifests/scope.js';
import { MemoryLogger } from '@eks-kit/core';
import { verifyRollout } from '../src/verify/verifier.js';
import { deployment, FakeWatchApi, pod, replicaSet, TickingClock } from './fakes.js';

function claim(o: { phase?: string; className?: string; volume?: string; name?: string } = {}): LiveObject {
  return {
    kind: 'PersistentVolumeClaim',
    metadata: { name: o.name ?? 'data', namespace: 'shop', uid: `c-${o.name ?? 'data'}` },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(o.className === undefined ? {} : { storageClassName: o.className }), ...(o.volume ? { volumeName: o.volume } : {}) },
    status: { phase: o.phase ?? 'Pending', ...(o.phase === 'Bound' ? { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] } : {}) },
  };
}

function storageClass(name: string, mode: string, isDefault = false): LiveObject {
  return { kind: 'StorageClass', metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) }, volumeBindingMode: mode } as LiveObject;
}

let seconds = 0;
function event(reason: string, message: string, o: { type?: string; count?: number; name?: string } = {}): LiveObject {
  seconds++;
  return { kind: 'Event', metadata: { name: `${o.name ?? 'data'}.${seconds}` }, type: o.type ?? 'Warning', reason, message, count: o.count ?? 1, involvedObject: { kind: 'PersistentVolumeClaim', name: o.name ?? 'data', uid: `c-${o.name ?? 'data'}` }, lastTimestamp: new Date(Date.UTC(2026, 11, 2, 12, 0, seconds)).toISOString() } as unknown as LiveObject;
}

const classes = [storageClass('gp3', 'Immediate'), storageClass('gp3-wffc', 'WaitForFirstConsumer')];
/** `null`: the classes could not be read. */
const view = (events: LiveObject[] = [], storageClasses: LiveObject[] | null = classes) => ({ claimEvents: events, ...(storageClasses ? { storageClasses } : {}) });

describe('PersistentVolumeClaim verdicts (krane\'s rule)', () => {
  it('Bound succeeds, naming its volume; Lost fails with the controller\'s words', () => {
    expect(claimVerdict(claim({ phase: 'Bound', className: 'gp3', volume: 'pvc-1' }), view())).toMatchObject({ state: 'succeeded', message: 'Bound to pvc-1 (1Gi, ReadWriteOnce)' });
    const lost = claimVerdict(claim({ phase: 'Lost', className: 'gp3', volume: 'pvc-1' }), view([event('ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!')]));
    expect(lost.state).toBe('failed');
    expect(lost.message).toMatch(/is Lost: its PersistentVolume pvc-1 no longer exists \(ClaimLost: Bound claim has lost its PersistentVolume/);
  });

  it('Pending under a WaitForFirstConsumer class succeeds; under an Immediate class it waits', () => {
    expect(claimVerdict(claim({ className: 'gp3-wffc' }), view())).toMatchObject({ state: 'succeeded', message: 'Pending until a pod uses it (StorageClass gp3-wffc binds WaitForFirstConsumer)' });
    expect(claimVerdict(claim({ className: 'gp3' }), view([event('ExternalProvisioning', 'Waiting for a volume to be created', { type: 'Normal' })]))).toMatchObject({ state: 'pending', message: 'Pending: waiting for its volume to be provisioned (StorageClass gp3)' });
    // Without the classes (RBAC), the controller's WaitForFirstConsumer event says the same.
    expect(claimVerdict(claim({ className: 'gp3-wffc' }), view([event('WaitForFirstConsumer', 'waiting for first consumer to be created before binding', { type: 'Normal' })], null)).state).toBe('succeeded');
    expect(claimVerdict(claim({ className: 'gp3-wffc' }), view([], null)).state).toBe('pending');
  });

  it('a class that does not exist fails at once when the classes say so, on the second answer without them', () => {
    const missing = event('ProvisioningFailed', 'storageclass.storage.k8s.io "gp9" not found');
    const verdict = claimVerdict(claim({ className: 'gp9' }), view([missing]));
    expect(verdict.state).toBe('failed');
    expect(verdict.message).toBe('StorageClass "gp9" does not exist (ProvisioningFailed: storageclass.storage.k8s.io "gp9" not found); name an existing class in spec.storageClassName');
    expect(claimVerdict(claim({ className: 'gp9' }), view([missing], null)).state).toBe('pending');
    expect(claimVerdict(claim({ className: 'gp9' }), view([event('ProvisioningFailed', 'storageclass.storage.k8s.io "gp9" not found', { count: 2 })], null)).state).toBe('failed');
    // The class arrived meanwhile (applied by this deploy): the controller will find it on its retry.
    expect(claimVerdict(claim({ className: 'gp9' }), view([missing], [...classes, storageClass('gp9', 'Immediate')])).state).toBe('pending');
  });

  it('no class and no default class fails; with a default class it waits for the class to be assigned', () => {
    const unbound = event('FailedBinding', 'no persistent volumes available for this claim and no storage class is set', { type: 'Normal' });
    expect(claimVerdict(claim(), view([unbound])).message).toMatch(/^names no StorageClass, the cluster has no default StorageClass, and no PersistentVolume matches it \(FailedBinding: no persistent volumes/);
    expect(claimVerdict(claim(), view([unbound], [storageClass('gp3', 'Immediate', true)])).state).toBe('pending');
  });

  it(`a provisioning error is retried, and fails once it came back ${PROVISIONING_ATTEMPTS} times, with its message`, () => {
    const message = 'failed to provision volume with StorageClass "gp3": rpc error: code = DeadlineExceeded desc = context deadline exceeded';
    const once = claimVerdict(claim({ className: 'gp3' }), view([event('ProvisioningFailed', message)]));
    expect(once).toMatchObject({ state: 'pending' });
    expect(once.message).toContain(`provisioning failed (attempt 1 of ${PROVISIONING_ATTEMPTS} before the deploy gives up), the provisioner retries: ${message}`);
    const persistent = claimVerdict(claim({ className: 'gp3' }), view([event('ProvisioningFailed', message, { count: PROVISIONING_ATTEMPTS })]));
    expect(persistent).toMatchObject({ state: 'failed', message: `provisioning its volume failed 3 times (ProvisioningFailed: ${message} (x3))` });
    // A later success wins over the failures before it.
    expect(claimVerdict(claim({ className: 'gp3' }), view([event('ProvisioningFailed', message, { count: 2 }), event('ProvisioningSucceeded', 'Successfully provisioned volume pvc-1', { type: 'Normal' })])).message).toMatch(/^Pending: volume provisioned/);
  });

  it('reads only its own events: another claim\'s failure, or an earlier claim of the same name, are not its', () => {
    const other = event('ProvisioningFailed', 'storageclass.storage.k8s.io "gp9" not found', { name: 'other' });
    expect(claimVerdict(claim({ className: 'gp3' }), view([other])).state).toBe('pending');
    const earlier = { ...event('ProvisioningFailed', 'x', { count: 9 }), involvedObject: { kind: 'PersistentVolumeClaim', name: 'data', uid: 'gone' } } as unknown as LiveObject;
    expect(claimVerdict(claim({ className: 'gp3' }), view([earlier])).state).toBe('pending');
  });
});

describe('workloads and their claims', () => {
  it('applies the class, then the volume, then the claim, then what mounts it, whatever the files\' order', () => {
    const doc = (kind: string, apiVersion = 'v1') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;
    const manifests = parseManifests([doc('Deployment', 'apps/v1'), doc('PersistentVolumeClaim'), doc('PersistentVolume'), doc('StorageClass', 'storage.k8s.io/v1')].join('---\n'), 'k8s/app.yaml');
    expect(sortForApply(manifests).map((m) => m.object.kind)).toEqual(['StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment']);
  });

  it('names the claims a workload\'s pods mount, and a StatefulSet\'s per ordinal', () => {
    const web = { ...deployment({}), spec: { template: { spec: { volumes: [{ name: 'cfg', configMap: { name: 'x' } }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } } } };
    expect(mountedClaims(web)).toEqual(['data']);
    const db: LiveObject = { kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2, volumeClaimTemplates: [{ metadata: { name: 'data' } }] } };
    expect(mountedClaims(db)).toEqual(['data-db-0', 'data-db-1']);
  });

  it('a pod unschedulable for its claims is given the grace from when the claims were ready', () => {
    const now = Date.now();
    const stuck = pod('a', {}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.', lastTransitionTime: new Date(now - 120_000).toISOString() }] });
    const snap: Snapshot = { byRef: new Map(), replicaSets: [replicaSet()], pods: [stuck] };
    expect(classify(deployment({ updated: 1 }), snap, { now, unschedulableGraceMs: 60_000 }).state).toBe('failed');
    expect(classify(deployment({ updated: 1 }), snap, { now, unschedulableGraceMs: 60_000, claimsReadyAt: now - 1_000 }).state).toBe('pending');
  });

  it('a StatefulSet fails with its template claim\'s failure, and says which claim it waits for', () => {
    const set: LiveObject = { kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop', uid: 's-1', generation: 1 }, spec: { replicas: 1, volumeClaimTemplates: [{ metadata: { name: 'data' } }] }, status: { observedGeneration: 1, replicas: 1, readyReplicas: 0, updateRevision: 'db-1' } };
    const failing = claim({ name: 'data-db-0', className: 'gp3' });
    const message = 'failed to provision volume with StorageClass "gp3": rpc error: code = Internal desc = UnauthorizedOperation';
    const snap = (events: LiveObject[]): Snapshot => ({ byRef: new Map(), replicaSets: [], pods: [], claims: [failing], claimEvents: events, storageClasses: classes });
    expect(classify(set, snap([event('ProvisioningFailed', message, { name: 'data-db-0', count: 3 })]), { now: Date.now(), unschedulableGraceMs: 60_000 })).toMatchObject({ state: 'failed', message: `its claim data-db-0: provisioning its volume failed 3 times (ProvisioningFailed: ${message} (x3))` });
    expect(classify(set, snap([]), { now: Date.now(), unschedulableGraceMs: 60_000 }).message).toBe('waiting for 1 pods to be ready; its claim data-db-0: Pending (StorageClass gp3): waiting to be bound');
  });

  it('judges a workload only once the claim it mounts is ready, saying which claim it waits for', async () => {
    const clock = new TickingClock();
    const mounting = { ...deployment({ updated: 2, available: 2 }), spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } } } };
    const ready = (name: string) => pod(name, { state: { running: {} } }, { ready: true, conditions: [{ type: 'Ready', status: 'True' }] });
    const api = new FakeWatchApi(clock, (t) => [mounting, replicaSet(), ready('web-a'), ready('web-b'), ...classes, t < 3000 ? claim({ className: 'gp3' }) : claim({ phase: 'Bound', className: 'gp3', volume: 'pvc-1' })]);
    const logger = new MemoryLogger();
    const [data, web] = await verifyRollout([{ kind: 'PersistentVolumeClaim', name: 'data', namespace: 'shop' }, { kind: 'Deployment', name: 'web', namespace: 'shop' }], { kubectl: api.kubectl, clock, logger, timeoutMs: 60_000, pollMs: 1000 });
    expect(data).toMatchObject({ state: 'succeeded', message: 'Bound to pvc-1 (1Gi, ReadWriteOnce)' });
    expect(web?.state).toBe('succeeded');
    expect(web?.durationMs).toBeGreaterThanOrEqual(3000);
    expect(logger.text()).toMatch(/… Deployment\/web: waiting for PersistentVolumeClaim\/data to be ready \(Pending \(StorageClass gp3\): waiting to be bound\)/);
    expect(api.urls.map((u) => decodeURIComponent(u))).toEqual(expect.arrayContaining([expect.stringMatching(/^\/api\/v1\/namespaces\/shop\/events\?fieldSelector=involvedObject\.kind=PersistentVolumeClaim&watch=1/), expect.stringMatching(/^\/apis\/storage\.k8s\.io\/v1\/storageclasses\?watch=1/)]));
  });
});
