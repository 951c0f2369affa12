import { describe, expect, it } from '@jest/globals';
import { MemoryLogger } from '@eks-kit/core';
import { classify } from '../src/verify/kinds.js';
import { doomReason } from '../src/verify/pods.js';
import { verifyRollout } from '../src/verify/verifier.js';
import type { LiveObject, Snapshot } from '../src/verify/live.js';
import { deployment, FakeWatchApi, pod, replicaSet, TickingClock } from './fakes.js';

const context = { now: Date.now(), unschedulableGraceMs: 60_000 };
function snap(...items: LiveObject[]): Snapshot {
  return { byRef: new Map(), replicaSets: items.filter((i) => i.kind === 'ReplicaSet'), pods: items.filter((i) => i.kind === 'Pod') };
}

describe('doomed containers (krane rules, with our pull decision)', () => {
  it('fails a crash loop with its exit code, and names OOMKilled', () => {
    expect(doomReason(pod('a', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 3 } } }))).toMatch(/CrashLoopBackOff, exit 3/);
    expect(doomReason(pod('a', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }))).toMatch(/OOMKilled/);
  });

  it('fails ErrImagePull at once only when the registry says the image does not exist', () => {
    expect(doomReason(pod('a', { state: { waiting: { reason: 'ErrImagePull', message: 'manifest unknown' } } }))).toMatch(/does not exist/);
    expect(doomReason(pod('a', { state: { waiting: { reason: 'ErrImagePull', message: 'dial tcp: i/o timeout' } } }))).toBeUndefined();
  });

  it('reads the pull failure event when the poll lands in ImagePullBackOff: "not found" is doom, a timeout is not', () => {
    const backoff = pod('a', { image: 'repo/web@sha256:1', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } } });
    expect(doomReason(backoff, 'Failed to pull image "repo/web@sha256:1": repo/web@sha256:1: not found')).toMatch(/does not exist/);
    expect(doomReason(backoff, 'Failed to pull image "repo/web@sha256:1": dial tcp 10.0.0.1:443: i/o timeout')).toBeUndefined();
    expect(doomReason(backoff)).toBeUndefined();
  });

  it('fails config errors except a cache still syncing, and ContainerCannotRun except exit 128', () => {
    expect(doomReason(pod('a', { state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db" not found' } } }))).toMatch(/secret "db" not found/);
    expect(doomReason(pod('a', { state: { waiting: { reason: 'CreateContainerConfigError', message: 'failed to sync secret cache: timed out' } } }))).toBeUndefined();
    expect(doomReason(pod('a', { state: { terminated: { reason: 'ContainerCannotRun', exitCode: 128 } } }))).toBeUndefined();
    expect(doomReason(pod('a', { state: { terminated: { reason: 'ContainerCannotRun', exitCode: 1, message: 'exec format error' } } }))).toMatch(/exec format error/);
  });
});

describe('Deployment classification', () => {
  it('follows rollout status: observed generation, updated, old replicas, available', () => {
    expect(classify(deployment({ generation: 3, observed: 2 }), snap(), context).message).toMatch(/observed/);
    expect(classify(deployment({ updated: 1 }), snap(replicaSet()), context).message).toBe('1 out of 2 new replicas have been updated');
    expect(classify(deployment({ updated: 2, total: 3 }), snap(replicaSet()), context).message).toBe('1 old replicas are pending termination');
    expect(classify(deployment({ updated: 2, available: 1 }), snap(replicaSet()), context).message).toBe('1 of 2 updated replicas are available');
    expect(classify(deployment({ updated: 2, available: 2 }), snap(replicaSet()), context).state).toBe('succeeded');
  });

  it('fails when every pod of the new ReplicaSet is doomed, ignoring the old ReplicaSet', () => {
    const crash = { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } };
    const oldHealthy = pod('old', { state: { running: {} } }, { owner: 'rs-1', ready: true });
    expect(classify(deployment({ updated: 1 }), snap(replicaSet(), replicaSet('1', 'rs-1'), pod('a', crash), oldHealthy), context).state).toBe('failed');
    expect(classify(deployment({ updated: 2 }), snap(replicaSet(), pod('a', crash), pod('b', { state: { running: {} } })), context).state).toBe('pending');
  });

  it('fails a paused Deployment that has a template to roll out at once; a paused one with nothing to do succeeds', () => {
    const paused = (d: LiveObject): LiveObject => ({ ...d, spec: { ...d.spec, paused: true } });
    expect(classify(paused(deployment({ updated: 0 })), snap(replicaSet()), context)).toMatchObject({ state: 'failed', message: expect.stringMatching(/^is paused/) });
    expect(classify(paused(deployment({ updated: 2, available: 2 })), snap(replicaSet()), context).state).toBe('succeeded');
  });

  it('fails on ProgressDeadlineExceeded and says why the pods are not ready', () => {
    const verdict = classify(deployment({ updated: 1, deadline: true }), snap(replicaSet(), pod('a', { state: { running: {} } })), context);
    expect(verdict.state).toBe('failed');
    expect(verdict.message).toMatch(/progress deadline.*readiness probe/);
  });

  it('fails pods unschedulable past the grace period, not before', () => {
    const since = new Date(context.now - 5_000).toISOString();
    const stuck = pod('a', {}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.', lastTransitionTime: since }] });
    expect(classify(deployment({ updated: 1 }), snap(replicaSet(), stuck), context).state).toBe('pending');
    expect(classify(deployment({ updated: 1 }), snap(replicaSet(), stuck), { ...context, unschedulableGraceMs: 1_000 }).message).toMatch(/Insufficient cpu/);
  });
});

describe('Job, Service, StatefulSet, DaemonSet', () => {
  it('a DaemonSet judges the pods of its newest ControllerRevision, though a change outside the template moved the generation', () => {
    const ds: LiveObject = { kind: 'DaemonSet', metadata: { name: 'agent', uid: 'ds-1', generation: 3 }, status: { observedGeneration: 3, desiredNumberScheduled: 1, updatedNumberScheduled: 1, numberAvailable: 0 } };
    const owner = [{ uid: 'ds-1', kind: 'DaemonSet', name: 'agent', controller: true }];
    const revision = (hash: string, n: number): LiveObject => ({ kind: 'ControllerRevision', metadata: { name: `agent-${hash}`, labels: { 'controller.kubernetes.io/hash': hash }, ownerReferences: owner }, revision: n });
    const crashing = pod('agent-x', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } });
    crashing.metadata.ownerReferences = owner;
    crashing.metadata.labels = { 'controller-revision-hash': 'h2', 'pod-template-generation': '2' };
    const withRevisions = { ...snap(crashing), controllerRevisions: [revision('h1', 1), revision('h2', 2)] };
    expect(classify(ds, withRevisions, context)).toMatchObject({ state: 'failed', message: expect.stringMatching(/Crashing repeatedly|CrashLoopBackOff/) });
    // The newest revision is another template: that pod is an old one, not judged.
    expect(classify(ds, { ...snap(crashing), controllerRevisions: [revision('h2', 2), revision('h3', 3)] }, context).state).toBe('pending');
  });

  it('a Job succeeds on completions and fails on its Failed condition', () => {
    const job = (status: Record<string, unknown>): LiveObject => ({ kind: 'Job', metadata: { name: 'migrate', uid: 'j' }, spec: { completions: 1, backoffLimit: 2 }, status });
    expect(classify(job({ succeeded: 1 }), snap(), context).state).toBe('succeeded');
    expect(classify(job({ conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] }), snap(), context).message).toMatch(/BackoffLimitExceeded/);
    expect(classify(job({ active: 1 }), snap(), context).state).toBe('pending');
  });

  it('a Service succeeds once a selected pod is ready', () => {
    const service: LiveObject = { kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } };
    expect(classify(service, snap(pod('a', {}, { ready: false })), context).state).toBe('pending');
    expect(classify(service, snap(pod('a', {}, { ready: true })), context).state).toBe('succeeded');
  });

  it('a StatefulSet waits for ready == updated == replicas at the update revision; OnDelete is not waited for', () => {
    const sts = (status: Record<string, unknown>, strategy = 'RollingUpdate'): LiveObject => ({ kind: 'StatefulSet', metadata: { name: 'db', uid: 's', generation: 1 }, spec: { replicas: 2, updateStrategy: { type: strategy } }, status: { observedGeneration: 1, ...status } });
    expect(classify(sts({ readyReplicas: 1, updatedReplicas: 2, updateRevision: 'r2', currentRevision: 'r2' }), snap(), context).state).toBe('pending');
    expect(classify(sts({ readyReplicas: 2, updatedReplicas: 2, updateRevision: 'r2', currentRevision: 'r2' }), snap(), context).state).toBe('succeeded');
    expect(classify(sts({}, 'OnDelete'), snap(), context).message).toMatch(/OnDelete/);
  });

  it('a DaemonSet needs every desired pod updated and available', () => {
    const ds = (status: Record<string, unknown>): LiveObject => ({ kind: 'DaemonSet', metadata: { name: 'agent', uid: 'ds', generation: 2 }, status: { observedGeneration: 2, desiredNumberScheduled: 3, ...status } });
    expect(classify(ds({ updatedNumberScheduled: 3, numberAvailable: 2 }), snap(), context).state).toBe('pending');
    expect(classify(ds({ updatedNumberScheduled: 3, numberAvailable: 3 }), snap(), context).state).toBe('succeeded');
  });
});

describe('DaemonSet pods on cordoned or NotReady nodes (krane\'s rule)', () => {
  const owner = [{ uid: 'ds', kind: 'DaemonSet', name: 'agent', controller: true }];
  const ds: LiveObject = { kind: 'DaemonSet', metadata: { name: 'agent', uid: 'ds', generation: 2 }, status: { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 1 } };
  const on = (name: string, node: string, ready: boolean): LiveObject => ({ ...pod(name, {}, { ready }), metadata: { name, ownerReferences: owner, labels: { 'pod-template-generation': '2' } }, spec: { nodeName: node } });
  const node = (name: string, o: { cordoned?: boolean; ready?: string } = {}): LiveObject => ({ kind: 'Node', metadata: { name }, spec: o.cordoned ? { unschedulable: true } : {}, status: { conditions: [{ type: 'Ready', status: o.ready ?? 'True', ...(o.ready && o.ready !== 'True' ? { reason: 'NodeStatusUnknown' } : {}) }] } });
  const pods = [on('a', 'n1', true), on('b', 'n2', false), on('c', 'n3', false)];

  it('succeeds without the pods on a cordoned and a NotReady node, and names them', () => {
    const verdict = classify(ds, { ...snap(...pods), nodes: [node('n1'), node('n2', { cordoned: true }), node('n3', { ready: 'Unknown' })] }, context);
    expect(verdict).toMatchObject({ state: 'succeeded', message: '1/1 pods ready on schedulable Ready nodes; 2 not awaited on n2 (cordoned), n3 (Ready Unknown: NodeStatusUnknown)' });
  });

  it('names the nodes it did not wait for in node order, whatever order the pods come in', () => {
    const listed = [on('z', 'n10', false), on('y', 'n9', false), on('a', 'n1', true)];
    const verdict = classify(ds, { ...snap(...listed), nodes: [node('n1'), node('n9', { cordoned: true }), node('n10', { cordoned: true })] }, context);
    expect(verdict.message).toMatch(/not awaited on n9 \(cordoned\), n10 \(cordoned\)$/);
  });

  it('still waits for an unready pod on a schedulable Ready node, and for all of them when the nodes are not known', () => {
    expect(classify(ds, { ...snap(...pods), nodes: [node('n1'), node('n2'), node('n3', { ready: 'False' })] }, context).state).toBe('pending');
    expect(classify(ds, snap(...pods), context).state).toBe('pending');
  });
});

describe('required-rollout (krane\'s rule, eks-kit.dev/required-rollout)', () => {
  const annotated = (d: LiveObject, value: string, spec: Record<string, unknown> = {}): LiveObject => ({ ...d, metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, 'eks-kit.dev/required-rollout': value } }, spec: { ...d.spec, ...spec } });
  const rs = (replicas: number, ready: number, available: number): LiveObject => ({ ...replicaSet(), spec: { replicas }, status: { replicas, readyReplicas: ready, availableReplicas: available } });

  it('none succeeds once the spec is observed, even with failing pods', () => {
    const crash = pod('a', { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } });
    expect(classify(annotated(deployment({ updated: 0 }), 'none'), snap(replicaSet(), crash), context)).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/not waiting for its pods \(eks-kit\.dev\/required-rollout: none\)/) });
    expect(classify(annotated(deployment({ generation: 3, observed: 2 }), 'none'), snap(), context).state).toBe('pending');
  });

  it('maxUnavailable succeeds once the new ReplicaSet keeps replicas - maxUnavailable ready and available', () => {
    const d = (available: number) => annotated(deployment({ replicas: 4, updated: 4, total: 6, available }), 'maxUnavailable', { strategy: { rollingUpdate: { maxUnavailable: 2 } } });
    expect(classify(d(1), snap(rs(4, 1, 1)), context).state).toBe('pending');
    expect(classify(d(2), snap(rs(4, 2, 2)), context)).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/2\/4 new replicas available, 2 required \(eks-kit\.dev\/required-rollout: maxUnavailable\)/) });
    // The default maxUnavailable is 25%: 4 replicas keep 3 up.
    expect(classify(annotated(deployment({ replicas: 4, updated: 4, total: 5, available: 2 }), 'maxUnavailable'), snap(rs(4, 2, 2)), context).state).toBe('pending');
    expect(classify(annotated(deployment({ replicas: 4, updated: 4, total: 5, available: 3 }), 'maxUnavailable'), snap(rs(4, 3, 3)), context).state).toBe('succeeded');
  });

  it('a percentage needs that share of the replicas, rounded up; full is the default', () => {
    expect(classify(annotated(deployment({ replicas: 10, updated: 10, total: 11, available: 8 }), '90%'), snap(rs(10, 8, 8)), context).state).toBe('pending');
    expect(classify(annotated(deployment({ replicas: 10, updated: 10, total: 11, available: 9 }), '90%'), snap(rs(10, 9, 9)), context).state).toBe('succeeded');
    expect(classify(deployment({ replicas: 10, updated: 10, total: 11, available: 9 }), snap(rs(10, 9, 9)), context).state).toBe('pending');
  });
});

describe('HorizontalPodAutoscaler (krane\'s rule)', () => {
  const hpa = (...conditions: { type: string; status: string; reason?: string; message?: string }[]): LiveObject => ({ kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, status: { conditions } });

  it('succeeds when scaling is active or disabled on purpose; waits while a metric cannot be fetched yet', () => {
    expect(classify(hpa({ type: 'AbleToScale', status: 'True' }, { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' }), snap(), context)).toMatchObject({ state: 'succeeded', message: 'scaling active (ValidMetricFound)' });
    expect(classify(hpa({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' }), snap(), context).state).toBe('succeeded');
    expect(classify(hpa({ type: 'AbleToScale', status: 'True' }, { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: 'no metrics' }), snap(), context)).toMatchObject({ state: 'pending', message: 'waiting for metrics (ScalingActive False, FailedGetResourceMetric: no metrics)' });
    expect(classify(hpa(), snap(), context).state).toBe('pending');
  });

  it('fails when it cannot scale its target, or its metrics are unusable', () => {
    expect(classify(hpa({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: 'deployments "nope" not found' }), snap(), context)).toMatchObject({ state: 'failed', message: 'cannot scale its target (AbleToScale False, FailedGetScale: deployments "nope" not found)' });
    expect(classify(hpa({ type: 'AbleToScale', status: 'True' }, { type: 'ScalingActive', status: 'False', reason: 'InvalidSelector' }), snap(), context).state).toBe('failed');
  });
});

describe('Service in front of a workload scaled to zero (krane\'s rule)', () => {
  it('succeeds without endpoints when the workload it selects has 0 replicas, and still waits otherwise', () => {
    const service: LiveObject = { kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' } } };
    const scaled = (replicas: number): LiveObject => ({ ...deployment({ replicas }), spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } } });
    const withWorkload = (d: LiveObject): Snapshot => ({ ...snap(), byRef: new Map([['Deployment/shop/web', d]]) });
    expect(classify(service, withWorkload(scaled(0)), context)).toMatchObject({ state: 'succeeded', message: 'selects Deployment/web, which has 0 replicas: no endpoints expected' });
    expect(classify(service, withWorkload(scaled(2)), context).state).toBe('pending');
    expect(classify(service, snap(), context).state).toBe('pending');
  });
});

describe('verifyRollout', () => {
  const target = { kind: 'Deployment', name: 'web', namespace: 'shop' };
  const running = (name: string) => pod(name, { state: { running: {} } }, { ready: true });

  it('watches the workload by name and its children by its selector, resumes after a failed watch, and judges at each change', async () => {
    const clock = new TickingClock();
    const api = new FakeWatchApi(clock, (t) => (t < 1000 ? [deployment({ updated: 1 }), replicaSet()]
      : t < 2000 ? new Error('Unable to connect to the server: EOF')
        : [deployment({ updated: 2, available: 2 }), replicaSet(), running('web-a'), running('web-b')]));
    const logger = new MemoryLogger();
    const [result] = await verifyRollout([target], { kubectl: api.kubectl, clock, logger, timeoutMs: 60_000, pollMs: 1000 });
    expect(result).toMatchObject({ state: 'succeeded', message: 'web rolled out: 2/2 available at revision 2' });
    expect(result?.pods.map((p) => p.metadata.name)).toEqual(['web-a', 'web-b']);
    const first = api.urls.slice(0, 3).map((u) => decodeURIComponent(u));
    expect(first).toEqual([
      expect.stringMatching(/^\/apis\/apps\/v1\/namespaces\/shop\/deployments\?fieldSelector=metadata\.name=web&watch=1&allowWatchBookmarks=true&timeoutSeconds=\d+$/),
      expect.stringMatching(/^\/apis\/apps\/v1\/namespaces\/shop\/replicasets\?labelSelector=app=web&watch=1/),
      expect.stringMatching(/^\/api\/v1\/namespaces\/shop\/pods\?labelSelector=app=web&watch=1/),
    ]);
    expect(logger.text()).toMatch(/Watching \/apis\/apps\/v1\/namespaces\/shop\/deployments failed, resuming: .*Unable to connect to the server: EOF/);
    expect(api.openWatches()).toBe(0);
  });

  it('times out with the last known reason, honouring a per-resource timeout, and reads events only while a pull backs off', async () => {
    const clock = new TickingClock();
    const backingOff = pod('a', { state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off' } } });
    const api = new FakeWatchApi(clock, () => [deployment({ updated: 1 }), replicaSet(), backingOff]);
    const reads: string[][] = [];
    const kubectl = { ...api.kubectl, getJson: <T>(args: readonly string[]) => {
      reads.push([...args]);
      return api.kubectl.getJson<T>(args);
    } };
    const [result] = await verifyRollout([{ ...target, timeoutMs: 5_000 }], { kubectl, clock, logger: new MemoryLogger(), timeoutMs: 600_000, pollMs: 1000 });
    expect(result?.state).toBe('timed-out');
    expect(result?.message).toMatch(/timed out after 5s: 1 out of 2 new replicas.*cannot pull/);
    // The pod never changed, so its events were read once.
    expect(reads).toEqual([['events', '-n', 'shop', '--field-selector', 'involvedObject.kind=Pod,reason=Failed']]);
  });
});

describe('timeout verdicts', () => {
  it('a pull back-off that times out says why the pull failed, from its last event', async () => {
    const backingOff = pod('web-a', { state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "repo/web@sha256:1"' } } });
    const event = { reason: 'Failed', message: 'Failed to pull image "repo/web@sha256:1": dial tcp 10.0.0.1:443: i/o timeout', involvedObject: { kind: 'Pod', name: 'web-a' }, lastTimestamp: new Date().toISOString() };
    const clock = new TickingClock();
    const api = new FakeWatchApi(clock, () => [deployment({ updated: 1 }), replicaSet(), backingOff], () => [event]);
    const [result] = await verifyRollout([{ kind: 'Deployment', name: 'web', namespace: 'shop' }], { kubectl: api.kubectl, clock, logger: new MemoryLogger(), timeoutMs: 3_000, pollMs: 1_000 });
    expect(result?.state).toBe('timed-out');
    expect(result?.message).toMatch(/cannot pull repo\/web@sha256:1 \(ImagePullBackOff; the last attempt: Failed to pull image .*i\/o timeout\)/);
  });
});
