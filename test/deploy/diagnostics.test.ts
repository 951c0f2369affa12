import { describe, expect, it } from '@jest/globals';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';
const env = deploySandbox();

describe('diagnostics of a failed deploy', () => {
  it('a pull that fails on a host that does not resolve times out with the reason in the verdict, and the events are this rollout\'s only', async () => {
    const namespace = 'diag';
    const good = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) }), { namespace, images: `shop/web=${image(DIGEST)}` });
    expect(good.outputs.status).toBe('success');
    const firstReplicaSet = env.sandbox.kube!.state.list('ReplicaSet', namespace)[0]?.metadata.name ?? '';
    expect(firstReplicaSet).not.toBe('');

    const typo = appManifest({ namespace, annotations: { 'eks-kit.dev/timeout': '5s' } });
    const result = await env.run(workspaceWith({ 'k8s/app.yaml': typo }), { namespace, images: `shop/web=registry.invalid/shop/web@${OTHER_DIGEST}` });
    expect(result.outputs.status).toBe('timeout');
    // The registry's answer is in the verdict, not only in the events.
    expect(result.failure).toMatch(/timed out after 5s.*ImagePullBackOff; the last attempt: Failed to pull image .*no such host|timed out after 5s.*ErrImagePull.*no such host/);
    // The first rollout's "Scaled up replica set <first> to 2" is not this deploy's.
    const diagnostics = result.summary.slice(result.summary.indexOf('### Diagnostics'));
    expect(diagnostics).toContain('### Diagnostics');
    expect(diagnostics).not.toContain(`Scaled up replica set ${firstReplicaSet} to 2`);
    expect(result.outputs['rolled-back']).toBe('true');
  });
});
