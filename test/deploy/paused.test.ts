import { describe, expect, it } from '@jest/globals';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';
const env = deploySandbox();

async function pausedBaseline(namespace: string): Promise<void> {
  const first = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) }), { namespace, images: `shop/web=${image(DIGEST)}` });
  expect(first.outputs.status).toBe('success');
  await env.kubectl(['rollout', 'pause', 'deployment/web', '-n', namespace]);
}

describe('a paused Deployment', () => {
  it('fails at once by default, saying it is paused, and the rollback puts the old template back', async () => {
    const namespace = 'paused-fail';
    await pausedBaseline(namespace);
    const result = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) }), { namespace, timeout: '120', images: `shop/web=${image(OTHER_DIGEST)}` });
    // A verdict, not the 120 s timeout.
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/deployment\/web is paused: its new template will not roll out/);
    expect(result.summary).toMatch(/is paused \(spec\.paused: true\)/);
    expect(result.outputs['rolled-back']).toBe('true');
    expect(env.imageOf(namespace)).toBe(image(DIGEST));
  });

  it('is resumed and verified when asked', async () => {
    const namespace = 'paused-resume';
    await pausedBaseline(namespace);
    // The Deployment's watch lags a second behind, as a watch cache can: when the resume has
    // answered, the newest state it has shown is still the applied, paused one, not a verdict.
    env.sandbox.faults.kube.inject({ kind: 'lag-watch', delayMs: 1000, fraction: 1, match: [`kube:GET /apis/apps/v1/namespaces/${namespace}/deployments*`] });
    const result = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) }), { namespace, 'on-paused': 'resume', images: `shop/web=${image(OTHER_DIGEST)}` }).finally(() => env.sandbox.faults.kube.clear());
    // The failure beside the status, so a red run says why.
    expect([result.outputs.status, result.failure]).toEqual(['success', undefined]);
    expect(result.stdout).toMatch(/was paused; resumed it/);
    expect(JSON.parse(result.outputs.revisions ?? '{}')).toEqual({ 'Deployment/web': { before: '1', after: '2' } });
  });
});
