import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Harness } from './kubectl.js';
import { deployment, startHarness, waitFor } from './kubectl.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('failure scenarios, observed through kubectl as on EKS', () => {
  let h: Harness;
  /** Every waiting reason each app's pods went through, seen on the store's change feed. */
  const seen = new Map<string, Set<string>>();
  let pushed = false;
  beforeAll(async () => {
    h = await startHarness({
      speed: 100,
      scenario: { rules: [{ image: /:crash$/, failure: 'crashloop' }] },
      knownImages: async (image) => !image.includes('registry.example/missing') && (!image.includes('registry.example/late') || pushed),
    });
    h.api.state.cluster.store.subscribe((e) => {
      const app = e.object.metadata.labels?.app;
      const reason = e.object.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (e.object.kind !== 'Pod' || !app || !reason) return;
      seen.set(app, (seen.get(app) ?? new Set()).add(reason));
    });
  });
  afterAll(async () => {
    await h.close();
  });

  async function podOf(app: string): Promise<any> {
    const pods = await h.json(['get', 'pods', '-l', `app=${app}`]);
    return pods.items[0];
  }

  async function waitForWaiting(app: string, reason: string): Promise<any> {
    await waitFor(`${app} waiting ${reason}`, () => seen.get(app)?.has(reason) || undefined);
    return podOf(app);
  }

  async function warnings(pod: any): Promise<string[]> {
    const events = await h.json(['get', 'events', '--field-selector', `involvedObject.kind=Pod,involvedObject.name=${pod.metadata.name},type=Warning`]);
    return events.items.map((e: any) => `${e.reason}: ${e.message}`);
  }

  it('an image on a host that does not resolve fails to pull with the kubelet\'s "no such host"', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('typo', 'registry.invalid/shop/web:1', { replicas: 1 }) });
    const message = await waitFor('the pull failure event', async () => {
      const pod = await podOf('typo');
      if (!pod) return undefined;
      const events = await h.json(['get', 'events', '--field-selector', `involvedObject.name=${pod.metadata.name}`]);
      return events.items.map((e: any) => e.message as string).find((m: string) => m.startsWith('Failed to pull image'));
    });
    expect(message).toMatch(/dial tcp: lookup registry\.invalid on [\d.]+:53: no such host/);
  });

  it('crash-after-ready: the rollout completes for kubectl, then the pods crash and restart', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('late-crash', 'nginx:1.25', { replicas: 1, annotations: { 'sandbox.eks-kit/failure': 'crash-after-ready' } }) });
    expect(await h.ok(['rollout', 'status', 'deploy/late-crash', '--timeout=20s'])).toContain('successfully rolled out');
    const restarted = await waitFor('a restart', async () => {
      const pod = await podOf('late-crash');
      return pod?.status?.containerStatuses?.[0]?.restartCount > 0 ? pod : undefined;
    }, 20_000);
    expect(restarted.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('crash loop (by image rule): Running, CrashLoopBackOff, restarts, previous logs, BackOff events', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('crash', 'app:crash', { replicas: 1 }) });
    const pod = await waitFor('two restarts', async () => {
      const p = await podOf('crash');
      const cs = p?.status?.containerStatuses?.[0];
      return cs?.restartCount >= 2 && cs.state.waiting?.reason === 'CrashLoopBackOff' ? p : undefined;
    });
    expect(pod.status.phase).toBe('Running');
    const cs = pod.status.containerStatuses[0];
    expect(cs.ready).toBe(false);
    expect(cs.state.waiting.message).toMatch(/^back-off \d+s restarting failed container=app pod=crash-/);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    // The table is read by a kubectl process of its own, and at speed 100 a back-off lasts 0.1-3 s of real
    // time: on a loaded machine the container may have started again by then. Wait for a read inside one.
    const table = await waitFor('the table to show CrashLoopBackOff', async () => {
      const text = await h.ok(['get', 'pod', pod.metadata.name]);
      return /CrashLoopBackOff\s+\d+/.test(text) ? text : undefined;
    });
    expect(table).toMatch(/^crash-\S+\s+0\/1\s+CrashLoopBackOff\s+[2-9]/m);
    expect(await h.ok(['logs', pod.metadata.name, '--previous'])).toContain('panic: sandbox failure scenario "crashloop": exiting with code 1');
    expect((await warnings(pod)).some((w) => w.startsWith('BackOff: Back-off restarting failed container app in pod'))).toBe(true);
  });

  it('crash loop with the log lines a rule gives: logs --previous shows them and no generic panic', async () => {
    h.api.state.addRule({ image: 'app:needs-db', failure: 'crashloop', logs: ['fatal: DATABASE_URL is not set'] });
    await h.ok(['apply', '-f', '-'], { input: deployment('needs-db', 'app:needs-db', { replicas: 1 }) });
    const pod = await waitFor('a restart', async () => {
      const p = await podOf('needs-db');
      const cs = p?.status?.containerStatuses?.[0];
      return cs?.restartCount >= 1 && cs.state.waiting?.reason === 'CrashLoopBackOff' ? p : undefined;
    });
    const previous = await h.ok(['logs', pod.metadata.name, '--previous']);
    expect(previous).toContain('fatal: DATABASE_URL is not set');
    expect(previous).not.toContain('panic: sandbox failure scenario');
  });

  it('OOMKilled: lastState.terminated reason OOMKilled, exit 137', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('oom', 'app:1', { replicas: 1, annotations: { 'sandbox.eks-kit/failure': 'oom' } }) });
    const pod = await waitFor('an OOM kill', async () => {
      const p = await podOf('oom');
      return p?.status?.containerStatuses?.[0]?.lastState?.terminated ? p : undefined;
    });
    expect(pod.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('image the registry does not have: ErrImagePull "not found", then ImagePullBackOff', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('ghost', 'registry.example/missing:v1', { replicas: 1 }) });
    await waitForWaiting('ghost', 'ErrImagePull');
    const later = await waitFor('ImagePullBackOff', async () => {
      const p = await podOf('ghost');
      return p?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff' ? p : undefined;
    });
    expect(later.status.phase).toBe('Pending');
    expect(later.status.containerStatuses[0].state.waiting.message).toBe('Back-off pulling image "registry.example/missing:v1"');
    const w = await warnings(later);
    expect(w).toContain('Failed: Error: ErrImagePull');
    expect(w.some((x) => /^Failed: Failed to pull image "registry.example\/missing:v1": .*not found/.test(x))).toBe(true);
    const logs = await h.kubectl(['logs', later.metadata.name]);
    expect(logs.stderr).toContain('is waiting to start: trying and failing to pull image');
  });

  it('an image pushed after the first failed pull is pulled on the next retry', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('late', 'registry.example/late:v1', { replicas: 1 }) });
    await waitForWaiting('late', 'ErrImagePull');
    pushed = true;
    await h.ok(['rollout', 'status', 'deploy/late', '--timeout=20s']);
    expect((await podOf('late')).status.containerStatuses[0]).toMatchObject({ ready: true, restartCount: 0 });
  });

  it('transient pull error: ErrImagePull without "not found"', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('blip', 'app:1', { replicas: 1, annotations: { 'sandbox.eks-kit/failure': 'image-pull-error' } }) });
    const pod = await waitForWaiting('blip', 'ErrImagePull');
    const pulls = (await warnings(pod)).filter((w) => w.startsWith('Failed: Failed to pull image'));
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.every((w) => !/not found/i.test(w))).toBe(true);
  });

  it('missing ConfigMap: CreateContainerConfigError until it is created', async () => {
    const env = [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }];
    await h.ok(['apply', '-f', '-'], { input: deployment('cfg', 'app:1', { replicas: 1, env }) });
    const pod = await waitForWaiting('cfg', 'CreateContainerConfigError');
    expect(pod.status.containerStatuses[0].state.waiting.message).toBe('configmap "settings" not found');
    expect(await warnings(pod)).toContain('Failed: Error: configmap "settings" not found');
    await h.ok(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } }) });
    await h.ok(['rollout', 'status', 'deploy/cfg', '--timeout=20s']);
  });

  it('requests larger than any node: Pending, PodScheduled=False Unschedulable, FailedScheduling', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('big', 'app:1', { replicas: 1, resources: { requests: { cpu: '16', memory: '1Gi' } } }) });
    const pod = await waitFor('unschedulable', async () => {
      const p = await podOf('big');
      return p?.status?.conditions?.some((c: any) => c.type === 'PodScheduled' && c.reason === 'Unschedulable') ? p : undefined;
    });
    expect(pod.status.phase).toBe('Pending');
    const message = pod.status.conditions.find((c: any) => c.type === 'PodScheduled').message;
    expect(message).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    const events = await h.json(['get', 'events', '--field-selector', `involvedObject.name=${pod.metadata.name},reason=FailedScheduling`]);
    expect(events.items[0].source.component).toBe('default-scheduler');
  });

  it('readiness that never comes: Running, not ready, Unhealthy events, ProgressDeadlineExceeded', async () => {
    const manifest = JSON.parse(deployment('slow', 'app:1', { replicas: 1, progressDeadlineSeconds: 30, annotations: { 'sandbox.eks-kit/failure': 'never-ready' } }));
    manifest.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/healthz', port: 8080 } };
    await h.ok(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
    const status = await h.kubectl(['rollout', 'status', 'deploy/slow', '--timeout=20s']);
    expect(status.stderr).toContain('deployment "slow" exceeded its progress deadline');
    const pod = await podOf('slow');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.containerStatuses[0]).toMatchObject({ ready: false, state: { running: {} } });
    expect(await warnings(pod)).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503');
  });

  it('missing ServiceAccount: FailedCreate and ReplicaFailure on the ReplicaSet and the Deployment', async () => {
    const manifest = JSON.parse(deployment('nosa', 'app:1', { replicas: 1 }));
    manifest.spec.template.spec.serviceAccountName = 'deployer';
    await h.ok(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
    const d = await waitFor('ReplicaFailure', async () => {
      const x = await h.json(['get', 'deploy', 'nosa']);
      return x.status?.conditions?.some((c: any) => c.type === 'ReplicaFailure') ? x : undefined;
    });
    expect(d.status.conditions.find((c: any) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate', message: expect.stringContaining('serviceaccount "deployer" not found') });
    const rs = (await h.json(['get', 'rs', '-l', 'app=nosa'])).items[0];
    const events = await h.json(['get', 'events', '--field-selector', `involvedObject.name=${rs.metadata.name},reason=FailedCreate`]);
    expect(events.items[0].message).toMatch(/^Error creating: pods "nosa-[a-z0-9]+-" is forbidden: error looking up service account default\/deployer/);
    await h.ok(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer' } }) });
    await h.ok(['rollout', 'status', 'deploy/nosa', '--timeout=20s']);
    expect((await h.json(['get', 'deploy', 'nosa'])).status.conditions.some((c: any) => c.type === 'ReplicaFailure')).toBe(false);
  });

  it('the failure annotation covers unschedulable and config-error too', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('taint', 'app:1', { replicas: 1, annotations: { 'sandbox.eks-kit/failure': 'unschedulable' } }) });
    await h.ok(['apply', '-f', '-'], { input: deployment('secret', 'app:1', { replicas: 1, annotations: { 'sandbox.eks-kit/failure': 'config-error' } }) });
    await waitForWaiting('secret', 'CreateContainerConfigError');
    const pod = await waitFor('unschedulable', async () => {
      const p = await podOf('taint');
      return p?.status?.conditions?.[0]?.reason === 'Unschedulable' ? p : undefined;
    });
    expect(pod.spec.nodeName).toBeUndefined();
    expect(h.api.state.controllerErrors).toEqual([]);
  });
});
