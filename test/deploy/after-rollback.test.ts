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
});
