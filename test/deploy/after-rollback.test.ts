import { describe, expect, it } from '@jest/globals';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';
const env = deploySandbox();
const THIRD_DIGEST = `sha256:${'c'.repeat(64)}`;

describe('the deploy after a rollback', () => {
  it('succeeds with default inputs: the rollback left the template with deploy\'s field manager', async () => {
    const namespace = 'second';
    const deployOf = (digest: string, failure?: string) => env.run(
      workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, ...(failure ? { failure } : {}) }) }),
      { namespace, images: `shop/web=${image(digest)}` },
    );
    expect((await deployOf(DIGEST)).outputs.status).toBe('success');

    const failed = await deployOf(OTHER_DIGEST, 'crashloop');
    expect(failed.outputs.status).toBe('failure');
    expect(failed.outputs['rolled-back']).toBe('true');
    expect(env.imageOf(namespace)).toBe(image(DIGEST));

    const next = await deployOf(THIRD_DIGEST);
    expect(next.failure).toBeUndefined();
    expect(next.outputs.status).toBe('success');
    expect(env.imageOf(namespace)).toBe(image(THIRD_DIGEST));
    const live = env.sandbox.kube!.state.get('Deployment', namespace, 'web') as { metadata: { managedFields: { manager: string; fieldsV1: object }[] } };
    const byKubectl = live.metadata.managedFields.filter((m) => m.manager === 'kubectl');
    expect(JSON.stringify(byKubectl)).not.toContain('f:image');
  });

  it('after a change by hand (`kubectl set image`), says the whole conflict and applies nothing; `force-conflicts` takes the field back', async () => {
    const namespace = 'by-hand';
    const deployOf = (digest: string, inputs: Record<string, string> = {}) =>
      env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) }), { namespace, images: `shop/web=${image(digest)}`, ...inputs });
    expect((await deployOf(DIGEST)).outputs.status).toBe('success');
    await env.kubectl(['set', 'image', 'deployment/web', `web=${image(OTHER_DIGEST)}`, '-n', namespace]);

    const refused = await deployOf(THIRD_DIGEST);
    expect(refused.outputs.status).toBe('error');
    expect(refused.failure).toMatch(/^apply failed: Deployment\/web \(namespace by-hand\): Apply failed with 1 conflict: conflict with "kubectl-set" using apps\/v1: \.spec\.template\.spec\.containers\[name="web"\]\.image$/);
    expect(refused.summary).toContain('conflict with "kubectl-set"');
    expect(env.imageOf(namespace)).toBe(image(OTHER_DIGEST));

    const forced = await deployOf(THIRD_DIGEST, { 'force-conflicts': 'true' });
    expect(forced.outputs.status).toBe('success');
    expect(env.imageOf(namespace)).toBe(image(THIRD_DIGEST));
    // The field is the deploy's again: the next deploy needs no force.
    expect((await deployOf(DIGEST)).outputs.status).toBe('success');
  });
});
