import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Harness } from './kubectl.js';
import { deployment, startHarness, waitFor } from './kubectl.js';

describe('rollouts through kubectl rollout, wait and logs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ speed: 200 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('rollout status returns once the new ReplicaSet is available', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('web', 'nginx:1.25', { replicas: 4 }) });
    expect(await h.ok(['rollout', 'status', 'deploy/web', '--timeout=20s'])).toContain('deployment "web" successfully rolled out');
    const d = await h.json(['get', 'deploy', 'web']);
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    const conditions = Object.fromEntries(d.status.conditions.map((c: { type: string; reason: string }) => [c.type, c.reason]));
    expect(conditions).toEqual({ Available: 'MinimumReplicasAvailable', Progressing: 'NewReplicaSetAvailable' });
    const rs = await h.json(['get', 'rs', '-l', 'app=web']);
    expect(rs.items).toHaveLength(1);
    const hash = rs.items[0].metadata.labels['pod-template-hash'];
    expect(rs.items[0].metadata.name).toBe(`web-${hash}`);
    expect(rs.items[0].metadata.ownerReferences[0]).toMatchObject({ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true });
    const events = await h.ok(['get', 'events', '--field-selector', 'involvedObject.kind=Deployment,involvedObject.name=web', '-o', 'json']);
    expect(JSON.parse(events).items.map((e: { reason: string; message: string }) => `${e.reason}: ${e.message}`)).toContain(`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 4`);
  });

  it('rolls a new template per maxSurge/maxUnavailable, records history, and undoes to the previous template', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('web', 'nginx:1.26', { replicas: 4 }) });
    // Watch the rollout from the store: never more than replicas + maxSurge (25% of 4 = 1) pods exist.
    let maxPods = 0;
    const off = h.api.state.cluster.store.subscribe(() => {
      maxPods = Math.max(maxPods, h.api.state.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web').length);
    });
    expect(await h.ok(['rollout', 'status', 'deploy/web', '--timeout=20s'])).toContain('successfully rolled out');
    off();
    expect(maxPods).toBeLessThanOrEqual(5);
    const pods = await h.json(['get', 'pods', '-l', 'app=web']);
    expect(pods.items).toHaveLength(4);
    expect(pods.items.every((p: { spec: { containers: { image: string }[] } }) => p.spec.containers[0]!.image === 'nginx:1.26')).toBe(true);

    const history = await h.ok(['rollout', 'history', 'deploy/web']);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

    expect(await h.ok(['rollout', 'undo', 'deploy/web'])).toContain('deployment.apps/web rolled back');
    await h.ok(['rollout', 'status', 'deploy/web', '--timeout=20s']);
    const d = await h.json(['get', 'deploy', 'web']);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    // The old ReplicaSet came back under revision 3 instead of a new one being made.
    const rs = await h.json(['get', 'rs', '-l', 'app=web']);
    expect(rs.items).toHaveLength(2);
    const undo = h.api.state.requests.find((r) => r.method === 'PATCH' && r.contentType === 'application/json-patch+json');
    expect(undo?.path).toBe('/apis/apps/v1/namespaces/default/deployments/web');
    expect(await h.ok(['rollout', 'history', 'deploy/web'])).toMatch(/2\s+<none>\n3\s+<none>/);

    await h.ok(['annotate', 'deploy/web', 'kubernetes.io/change-cause=deploy run 42']);
    await waitFor('change-cause on the ReplicaSet', async () => /3\s+deploy run 42/.test(await h.ok(['rollout', 'history', 'deploy/web'])) || undefined);

    const toRevision = await h.ok(['rollout', 'undo', 'deploy/web', '--to-revision=2']);
    expect(toRevision).toContain('rolled back');
    const missing = await h.kubectl(['rollout', 'undo', 'deploy/web', '--to-revision=99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('unable to find specified revision 99 in history');
  });

  it('a paused Deployment takes a new template but rolls nothing out, and says DeploymentPaused', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('held', 'nginx:1.25', { replicas: 1 }) });
    expect(await h.ok(['rollout', 'status', 'deploy/held', '--timeout=20s'])).toContain('successfully rolled out');
    await h.ok(['rollout', 'pause', 'deploy/held']);
    await h.ok(['apply', '-f', '-'], { input: deployment('held', 'nginx:1.26', { replicas: 1 }) });
    const d = await waitFor('the paused condition', async () => {
      const live = await h.json(['get', 'deploy', 'held']);
      return live.status.observedGeneration === live.metadata.generation ? live : undefined;
    });
    expect(d.spec.paused).toBe(true);
    expect(d.status.conditions.find((c: { type: string }) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect((await h.json(['get', 'rs', '-l', 'app=held'])).items).toHaveLength(1);
  });

  it('a controller-lag fault leaves a new generation unobserved for a while: the template changes first, status follows', async () => {
    const lagged = (image: string) => {
      const d = JSON.parse(deployment('lagged', image, { replicas: 1 }));
      d.metadata.annotations = { 'sandbox.eks-kit/controller-lag': '400' };
      return JSON.stringify(d);
    };
    await h.ok(['apply', '-f', '-'], { input: lagged('nginx:1.25') });
    expect(await h.ok(['rollout', 'status', 'deploy/lagged', '--timeout=20s'])).toContain('successfully rolled out');
    await h.ok(['apply', '-f', '-'], { input: lagged('nginx:1.26') });
    const early = await h.json(['get', 'deploy', 'lagged']);
    expect(early.metadata.generation).toBe(2);
    expect(early.status.observedGeneration).toBe(1);
    expect(early.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    // 400 simulated seconds at speed 200: about 2 s later the controller catches up.
    const caught = await waitFor('the controller to observe generation 2', async () => {
      const live = await h.json(['get', 'deploy', 'lagged']);
      return live.status.observedGeneration === 2 ? live : undefined;
    });
    expect(caught.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('rollout undo with no history says so', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('fresh', 'nginx:1.25', { replicas: 1 }) });
    const r = await h.kubectl(['rollout', 'undo', 'deploy/fresh']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no rollout history found for deployment "fresh"');
  });

  it('rollout status fails on ProgressDeadlineExceeded', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('stuck', 'nginx:1.25', { replicas: 2, progressDeadlineSeconds: 60, annotations: { 'sandbox.eks-kit/failure': 'never-ready' } }) });
    const r = await h.kubectl(['rollout', 'status', 'deploy/stuck', '--timeout=20s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('deployment "stuck" exceeded its progress deadline');
    const d = await h.json(['get', 'deploy', 'stuck']);
    expect(d.status.conditions.find((c: { type: string }) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
  });

  it('wait --for=condition=Available and scale through the scale subresource', async () => {
    await h.ok(['scale', 'deploy/web', '--replicas=6']);
    expect(await h.ok(['wait', '--for=condition=Available', 'deploy/web', '--timeout=20s'])).toContain('condition met');
    await h.ok(['rollout', 'status', 'deploy/web', '--timeout=20s']);
    expect((await h.json(['get', 'deploy', 'web'])).status.availableReplicas).toBe(6);
    expect(h.api.state.requests.some((r) => r.path.endsWith('/deployments/web/scale'))).toBe(true);
  });

  it('logs of a pod and of a deployment, with tail and timestamps', async () => {
    const pods = await h.json(['get', 'pods', '-l', 'app=web']);
    const name = pods.items[0].metadata.name;
    const logs = await h.ok(['logs', name]);
    expect(logs).toContain('sandbox: starting container app from nginx:1.26');
    expect(await h.ok(['logs', name, '--tail=1'])).toBe('listening on :8080\n');
    expect(await h.ok(['logs', name, '--timestamps'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z sandbox: starting/);
    expect(await h.ok(['logs', 'deploy/web'])).toContain('listening on :8080');
    const previous = await h.kubectl(['logs', name, '--previous']);
    expect(previous.code).toBe(1);
    expect(previous.stderr).toContain(`previous terminated container "app" in pod "${name}" not found`);
  });

  it('old ReplicaSets are scaled to zero and their pods deleted', async () => {
    await waitFor('old pods gone', () => h.api.state.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web').length === 6 || undefined);
    const rs = await h.json(['get', 'rs', '-l', 'app=web']);
    const active = rs.items.filter((r: { spec: { replicas: number } }) => r.spec.replicas > 0);
    expect(active).toHaveLength(1);
  });

  it('delete waits for the object to go', async () => {
    expect(await h.ok(['delete', 'deploy', 'stuck', '--wait=true'])).toContain('deployment.apps "stuck" deleted');
    expect(h.api.state.get('Deployment', 'default', 'stuck')).toBeUndefined();
    expect(h.api.state.controllerErrors).toEqual([]);
  });
});
