import { describe, expect, it, jest } from '@jest/globals';
import { appManifest, DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';

jest.setTimeout(120_000);
const env = deploySandbox();

describe('a Service in front of a workload scaled to zero', () => {
  it('is not a timeout: the deploy succeeds without endpoints and says why', async () => {
    const namespace = 'idle';
    const result = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, replicas: 0 }) }), { namespace, images: `shop/web=${image(DIGEST)}`, timeout: '60' });
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).toMatch(/✓ Service\/web: selects Deployment\/web, which has 0 replicas: no endpoints expected/);
  });
});
