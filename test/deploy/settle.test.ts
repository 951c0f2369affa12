import { describe, expect, it } from '@jest/globals';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';
const env = deploySandbox();

describe('the settle window (verify-for)', () => {
  it('a rollout that completes and then crashes fails inside the window, says so, and is rolled back', async () => {
    const namespace = 'settle';
    const good = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace }) }), { namespace, images: `shop/web=${image(DIGEST)}` });
    expect(good.outputs.status).toBe('success');
    expect(good.stdout).toMatch(/Settle window: watching the new pods for 10s/);

    // Ready first (the rollout completes, as kubectl rollout status would report), then exit 1.
    const late = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, failure: 'crash-after-ready' }) }), { namespace, 'verify-for': '30', images: `shop/web=${image(OTHER_DIGEST)}` });
    expect(late.outputs.status).toBe('failure');
    expect(late.failure).toMatch(/rolled out, then failed within the 30s settle window: pod web-\S+ restarted \(container "web" exited 1, Error\)/);
    expect(late.outputs['rolled-back']).toBe('true');
    expect(late.summary).toContain('### Diagnostics');
    expect(env.imageOf(namespace)).toBe(image(DIGEST));
  });

  it('verify-for: 0 turns the window off: the same rollout ends green at once', async () => {
    const namespace = 'settle-off';
    const result = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, failure: 'crash-after-ready' }) }), { namespace, 'verify-for': '0', images: `shop/web=${image(DIGEST)}` });
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).not.toMatch(/Settle window/);
  });
});
