import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Harness } from './kubectl.js';
import { deployment, startHarness, waitFor } from './kubectl.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
function workload(kind: 'StatefulSet' | 'DaemonSet', name: string, image: string, spec: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name },
    spec: {
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      ...spec,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    },
  });
}

function job(name: string, annotations: Record<string, string> = {}, spec: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { metadata: { annotations }, spec: { restartPolicy: 'Never', containers: [{ name: 'task', image: 'busybox:1.36' }] } } },
  });
}

describe('StatefulSets, DaemonSets, Jobs and Services', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ speed: 200 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('StatefulSet: ordered pods, rolling update from the top, partition, history', async () => {
    const created: string[] = [];
    const off = h.api.state.cluster.store.subscribe((e) => {
      if (e.type === 'ADDED' && e.object.kind === 'Pod' && e.object.metadata.labels?.app === 'db') created.push(e.object.metadata.name!);
    });
    await h.ok(['apply', '-f', '-'], { input: workload('StatefulSet', 'db', 'postgres:16', { replicas: 3 }) });
    // partition defaults to 0 on a real server too, so kubectl reports a "partitioned" roll out.
    expect(await h.ok(['rollout', 'status', 'sts/db', '--timeout=20s'])).toContain('partitioned roll out complete: 3 new pods have been updated');
    const pods = await h.json(['get', 'pods', '-l', 'app=db']);
    expect(pods.items.map((p: any) => p.metadata.name).sort()).toEqual(['db-0', 'db-1', 'db-2']);
    off();
    expect(created).toEqual(['db-0', 'db-1', 'db-2']);

    await h.ok(['patch', 'sts/db', '--type=merge', '-p', JSON.stringify({ spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, template: { spec: { containers: [{ name: 'app', image: 'postgres:17' }] } } } })]);
    expect(await h.ok(['rollout', 'status', 'sts/db', '--timeout=20s'])).toContain('partitioned roll out complete: 1 new pods have been updated');
    const images = Object.fromEntries((await h.json(['get', 'pods', '-l', 'app=db'])).items.map((p: any) => [p.metadata.name, p.spec.containers[0].image]));
    expect(images).toEqual({ 'db-0': 'postgres:16', 'db-1': 'postgres:16', 'db-2': 'postgres:17' });

    await h.ok(['patch', 'sts/db', '--type=merge', '-p', JSON.stringify({ spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } })]);
    expect(await h.ok(['rollout', 'status', 'sts/db', '--timeout=20s'])).toContain('partitioned roll out complete: 3 new pods have been updated');
    const set = await h.json(['get', 'sts', 'db']);
    expect(set.status.currentRevision).toBe(set.status.updateRevision);
    expect(await h.ok(['rollout', 'history', 'sts/db'])).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
  });

  it('DaemonSet: one pod per simulated node, rolled on a template change', async () => {
    await h.ok(['apply', '-f', '-'], { input: workload('DaemonSet', 'agent', 'fluent-bit:3.0') });
    expect(await h.ok(['rollout', 'status', 'ds/agent', '--timeout=20s'])).toContain('daemon set "agent" successfully rolled out');
    const pods = (await h.json(['get', 'pods', '-l', 'app=agent'])).items;
    expect(new Set(pods.map((p: any) => p.spec.nodeName)).size).toBe(3);
    await h.ok(['set', 'image', 'ds/agent', 'app=fluent-bit:3.1']);
    expect(await h.ok(['rollout', 'status', 'ds/agent', '--timeout=20s'])).toContain('successfully rolled out');
    const after = (await h.json(['get', 'pods', '-l', 'app=agent'])).items;
    expect(after.map((p: any) => p.spec.containers[0].image)).toEqual(['fluent-bit:3.1', 'fluent-bit:3.1', 'fluent-bit:3.1']);
    expect(after.every((p: any) => p.metadata.labels['pod-template-generation'] === '2')).toBe(true);

    // A change outside the template bumps the generation but keeps the pods, whose
    // controller-revision-hash still matches: they keep pod-template-generation 2, as on a real cluster.
    const names = after.map((p: any) => p.metadata.name).sort();
    await h.ok(['patch', 'ds/agent', '--type=merge', '-p', '{"spec":{"minReadySeconds":1}}']);
    expect(await h.ok(['rollout', 'status', 'ds/agent', '--timeout=20s'])).toContain('successfully rolled out');
    const ds = await h.json(['get', 'ds', 'agent']);
    expect(ds.metadata.generation).toBe(3);
    expect(ds.status.updatedNumberScheduled).toBe(3);
    const kept = (await h.json(['get', 'pods', '-l', 'app=agent'])).items;
    expect(kept.map((p: any) => p.metadata.name).sort()).toEqual(names);
    expect(kept.every((p: any) => p.metadata.labels['pod-template-generation'] === '2')).toBe(true);
  });

  it('Job: runs to completion; kubectl wait sees condition=complete', async () => {
    await h.ok(['apply', '-f', '-'], { input: job('migrate', {}, { completions: 2 }) });
    expect(await h.ok(['wait', '--for=condition=complete', 'job/migrate', '--timeout=20s'])).toContain('condition met');
    const j = await h.json(['get', 'job', 'migrate']);
    expect(j.status).toMatchObject({ succeeded: 2 });
    expect(j.status.conditions.map((c: any) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(await h.ok(['logs', 'job/migrate'])).toContain('sandbox: work complete');
  });

  it('Job: fails after backoffLimit with BackoffLimitExceeded', async () => {
    await h.ok(['apply', '-f', '-'], { input: job('broken', { 'sandbox.eks-kit/failure': 'crashloop' }, { backoffLimit: 1 }) });
    expect(await h.ok(['wait', '--for=condition=failed', 'job/broken', '--timeout=20s'])).toContain('condition met');
    const j = await h.json(['get', 'job', 'broken']);
    expect(j.status.failed).toBe(2);
    expect(j.status.conditions.find((c: any) => c.type === 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded' });
    const pods = (await h.json(['get', 'pods', '-l', 'job-name=broken'])).items;
    expect(pods.every((p: any) => p.status.phase === 'Failed')).toBe(true);
  });

  it('HPA holds its target within min/max and reports no metrics; PDB counts allowed disruptions', async () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'scaled' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'scaled' }, minReplicas: 3, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } };
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'scaled' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'scaled' } } } };
    await h.ok(['apply', '-f', '-'], { input: deployment('scaled', 'nginx:1.25', { replicas: 1 }) });
    await h.ok(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [hpa, pdb] }) });
    await waitFor('scaled to minReplicas', async () => ((await h.json(['get', 'deploy', 'scaled'])).spec.replicas === 3 ? true : undefined));
    await h.ok(['rollout', 'status', 'deploy/scaled', '--timeout=20s']);
    const status = await waitFor('pdb status', async () => {
      const p = await h.json(['get', 'pdb', 'scaled']);
      return p.status?.currentHealthy === 3 ? p.status : undefined;
    });
    expect(status).toMatchObject({ expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 });
    const live = await h.json(['get', 'hpa', 'scaled']);
    expect(live.status).toMatchObject({ currentReplicas: 3, desiredReplicas: 3 });
    expect(live.status.conditions.find((c: any) => c.type === 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric' });
  });

  it('Service: Endpoints and EndpointSlices follow ready pods; LoadBalancer gets a hostname', async () => {
    await h.ok(['apply', '-f', '-'], { input: deployment('web', 'nginx:1.25', { replicas: 2 }) });
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
    await h.ok(['apply', '-f', '-'], { input: JSON.stringify(svc) });
    await h.ok(['rollout', 'status', 'deploy/web', '--timeout=20s']);
    const ep = await waitFor('two endpoints', async () => {
      const e = await h.json(['get', 'endpoints', 'web']);
      return e.subsets?.[0]?.addresses?.length === 2 ? e : undefined;
    });
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const slices = await h.json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web']);
    expect(slices.items[0].endpoints).toHaveLength(2);
    const live = await h.json(['get', 'svc', 'web']);
    expect(live.spec.clusterIP).toMatch(/^10\.100\./);
    expect(live.status.loadBalancer.ingress[0].hostname).toMatch(/\.elb\.us-east-1\.amazonaws\.com$/);
    expect(h.api.state.controllerErrors).toEqual([]);
  });
});
