import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultInjector } from '../../../src/faults.js';
import type { Harness } from './kubectl.js';
import { deployment, startHarness } from './kubectl.js';

describe('fault injection seen by kubectl', () => {
  let h: Harness;
  const faults = new FaultInjector();
  const webPath = 'kube:GET /apis/apps/v1/namespaces/default/deployments/web';
  beforeAll(async () => {
    h = await startHarness({ faults, speed: 100 });
    await h.ok(['apply', '-f', '-'], { input: deployment('web', 'nginx:1.25') });
  });
  afterAll(async () => {
    await h.close();
  });

  it('429 with Retry-After: kubectl waits and retries', async () => {
    faults.inject({ kind: 'throttle', match: [webPath], count: 2, retryAfterSeconds: 1 });
    const started = Date.now();
    expect(await h.ok(['get', 'deploy', 'web', '-o', 'name'])).toBe('deployment.apps/web\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const throttled = h.api.state.requests.filter((r) => r.path.endsWith('/deployments/web') && r.status === 429);
    expect(throttled).toHaveLength(2);
  });

  it('500: kubectl reports the server error', async () => {
    faults.inject({ kind: 'server-error', match: [webPath], count: 1 });
    const r = await h.kubectl(['get', 'deploy', 'web']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (InternalError)');
  });

  it('a stalled request is never answered: only kubectl\'s --request-timeout ends it', async () => {
    faults.inject({ kind: 'stall', match: [webPath], count: 1 });
    const r = await h.kubectl(['get', 'deploy', 'web', '-o', 'name', '--request-timeout=1s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Client\.Timeout|context deadline exceeded|timeout/i);
    const stalled = h.api.state.requests.filter((r) => r.path.endsWith('/deployments/web') && r.status === undefined);
    expect(stalled.length).toBeGreaterThanOrEqual(1);
    expect(await h.ok(['get', 'deploy', 'web', '-o', 'name'])).toBe('deployment.apps/web\n');
  });

  it('slow answers are held for the given time', async () => {
    faults.inject({ kind: 'slow', match: [webPath], count: 1, delayMs: 700 });
    const started = Date.now();
    await h.ok(['get', 'deploy', 'web', '-o', 'name']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('a watch dropped mid-stream: rollout status re-watches and still finishes', async () => {
    // Readiness takes 100 s simulated (1 s here), so both drops land before the rollout is done.
    const slow = JSON.parse(deployment('slow', 'nginx:1.25', { replicas: 1 }));
    slow.spec.template.spec.containers[0].readinessProbe = { httpGet: { path: '/', port: 8080 }, initialDelaySeconds: 100 };
    await h.ok(['apply', '-f', '-'], { input: JSON.stringify(slow) });
    faults.inject({ kind: 'drop-watch', match: ['kube:GET /apis/apps/v1/namespaces/default/deployments'], count: 2, delayMs: 20 });
    expect(await h.ok(['rollout', 'status', 'deploy/slow', '--timeout=20s'])).toContain('successfully rolled out');
    expect(faults.fired.filter((f) => f.kind === 'drop-watch')).toHaveLength(2);
    const watches = h.api.state.requests.filter((r) => r.path === '/apis/apps/v1/namespaces/default/deployments' && r.query.watch === 'true');
    expect(watches.length).toBeGreaterThanOrEqual(3);
  });

  it('a reset connection: kubectl retries the GET and gets its answer', async () => {
    faults.inject({ kind: 'reset', match: [webPath], count: 2 });
    const r = await h.kubectl(['get', 'deploy', 'web', '-o', 'name']);
    expect(faults.fired.filter((f) => f.kind === 'reset')).toHaveLength(2);
    expect(r.stdout).toBe('deployment.apps/web\n');
    faults.clear();
  });
});
