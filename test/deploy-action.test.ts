import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { runBundle, type BundleRun } from './harness/run-bundle.js';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './deploy/fixtures.js';

jest.setTimeout(120_000);
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    kubeApi: { options: { speed: 40, knownImages: (image) => !image.includes('missing') } },
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

function run(workspace: string, inputs: Record<string, string>, timeoutMs = 90_000): Promise<BundleRun> {
  return runBundle('deploy', {
    workspace,
    inputs: { 'cluster-name': 'demo', manifests: 'k8s', 'poll-interval': '0.5', ...inputs },
    env: { ...sandbox.env, GITHUB_RUN_ID: '42' },
    timeoutMs,
  });
}

function deployments(namespace: string) {
  return sandbox.kube!.state.list('Deployment', namespace);
}

describe('deploy action against the Kubernetes simulator with the real kubectl', () => {
  it('applies, verifies and reports success with revisions, then removes the kubeconfig in the post step', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'ok' }) });
    const result = await run(ws, { namespace: 'ok', images: `shop/web=registry.example/shop/web@${DIGEST}` });
    expect(result.failure).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(JSON.parse(result.outputs.revisions ?? '{}')).toEqual({ 'Deployment/web': { before: null, after: '1' } });
    expect(result.outputs['rolled-back']).toBe('false');
    expect(result.summary).toContain('✅ SUCCESS');
    const live = deployments('ok')[0] as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0]?.image).toBe(`registry.example/shop/web@${DIGEST}`);

    const dir = result.state['kubeconfig-dir'];
    expect(dir && existsSync(dir)).toBeTruthy();
    const post = await runBundle('deploy', { workspace: ws, entry: 'post.js', state: result.state, env: sandbox.env });
    expect(post.exitCode).toBe(0);
    expect(existsSync(dir ?? '')).toBe(false);
  });

  it('fails fast on a crash loop, shows the previous container logs, and rolls back to the recorded revision', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'crash' }) });
    expect((await run(ws, { namespace: 'crash', images: `shop/web=registry.example/shop/web@${DIGEST}` })).outputs.status).toBe('success');

    const bad = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'crash', failure: 'crashloop' }) });
    const started = Date.now();
    const result = await run(bad, { namespace: 'crash', images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}` });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failure');
    expect(result.outputs['rolled-back']).toBe('true');
    expect(result.failure).toMatch(/CrashLoopBackOff/);
    expect(result.summary).toContain('previous container');
    expect(result.summary).toMatch(/rolled back to revision 1/);
    expect(Date.now() - started).toBeLessThan(60_000);
    const live = deployments('crash')[0] as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0]?.image).toBe(`registry.example/shop/web@${DIGEST}`);
  });
});
