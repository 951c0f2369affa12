import { describe, expect, it } from '@jest/globals';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';
const env = deploySandbox();

/** Stalls every matching request (the API server never answers them) while `body` runs. */
async function withStall<T>(match: string[] | undefined, body: () => Promise<T>): Promise<T> {
  env.sandbox.faults.kube.inject({ kind: 'stall', fraction: 1, ...(match ? { match } : {}) });
  try {
    return await body();
  } finally {
    env.sandbox.faults.kube.clear();
  }
}

async function baseline(namespace: string): Promise<void> {
  const result = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) }), { namespace, images: `shop/web=${image(DIGEST)}` });
  expect(result.outputs.status).toBe('success');
}

describe('a stalled or unreachable API server', () => {
  it('an endpoint that never answers fails at the first read, naming the endpoint', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'dark' }) });
    const result = await withStall(undefined, () => env.run(ws, { namespace: 'dark', images: `shop/web=${image(DIGEST)}` }));
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBeUndefined();
    expect(result.failure).toContain(`cannot reach the cluster at ${env.sandbox.kube!.url}`);
    expect(env.sandbox.kube!.state.list('Deployment', 'dark')).toHaveLength(0);
  });

  it('reads that stall during verification end in a timeout verdict at `timeout`, then the rollback runs on its own bound', async () => {
    const namespace = 'stall-verify';
    await baseline(namespace);
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) });
    const result = await withStall([`kube:GET /api/v1/namespaces/${namespace}/pods`], () =>
      env.run(ws, { namespace, timeout: '8', images: `shop/web=${image(OTHER_DIGEST)}` }));
    // Its own verdict, not the harness stopping it.
    expect(result.outputs.status).toBe('timeout');
    expect(result.failure).toMatch(/timed out after 8s/);
    expect(result.outputs['rolled-back']).toBe('true');
    expect(env.imageOf(namespace)).toBe(image(DIGEST));
  });

  it('an apply that stalls is stopped at `timeout` and says so', async () => {
    const namespace = 'stall-apply';
    await baseline(namespace);
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) });
    const result = await withStall([`kube:PATCH /apis/apps/v1/namespaces/${namespace}/deployments/web`], () =>
      env.run(ws, { namespace, timeout: '8', images: `shop/web=${image(OTHER_DIGEST)}` }));
    expect(result.outputs.status).toBe('error');
    expect(result.failure).toMatch(/kubectl apply did not finish within the deploy's timeout of 8 s/);
  });
});
