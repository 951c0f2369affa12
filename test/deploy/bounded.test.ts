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

/** Resolves once `condition` holds, looking every 50 ms; fails after `deadlineMs` naming what it waited for. */
async function until(condition: () => boolean, deadlineMs: number, what: string): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what} after ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
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
    // A generous timeout: it covers the apply too, which a loaded machine can slow by seconds. The
    // stall ends once the rollback has put the old template back, so the wait for the old pods
    // answers instead of taking the rollback's whole bound (the same timeout) as well.
    env.sandbox.faults.kube.inject({ kind: 'stall', fraction: 1, match: [`kube:GET /api/v1/namespaces/${namespace}/pods`] });
    const running = env.run(ws, { namespace, timeout: '30', images: `shop/web=${image(OTHER_DIGEST)}` }, 200_000);
    let result;
    try {
      await until(() => env.imageOf(namespace) === image(OTHER_DIGEST), 120_000, 'the new template applied');
      await until(() => env.imageOf(namespace) === image(DIGEST), 120_000, 'the rollback putting the old template back');
    } finally {
      env.sandbox.faults.kube.clear();
      result = await running;
    }
    // Its own verdict, not the harness stopping it.
    expect(result.outputs.status).toBe('timeout');
    expect(result.failure).toMatch(/timed out after 30s/);
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
    // The apply goes in-process for a cluster the action connected to: the PATCH's own bound names the endpoint.
    expect(result.failure).toMatch(/^the apply did not finish within the deploy's timeout of 8 s \(the API server is not answering\?\): cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: no answer within \d s$/);
  });
});
