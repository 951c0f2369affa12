import { describe, expect, it, jest } from '@jest/globals';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';

jest.setTimeout(180_000);
const env = deploySandbox();
const ANNOTATION = 'eks-kit.dev/required-rollout';

/** Four replicas replaced two at a time (no surge), each new pod ready 60 simulated seconds after it starts. */
function slowTwoByTwo(namespace: string, rule?: string): string {
  return appManifest({ namespace, replicas: 4, ...(rule ? { annotations: { [ANNOTATION]: rule } } : {}) })
    .replace('  selector:\n', '  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 2\n  selector:\n')
    .replace('image: shop/web:latest', 'image: shop/web:latest\n          readinessProbe:\n            httpGet:\n              path: /\n              port: 80\n            initialDelaySeconds: 60');
}

describe(`required-rollout (${ANNOTATION})`, () => {
  it('maxUnavailable: the deploy succeeds once the first two new pods are available, before the rollout is complete', async () => {
    const namespace = 'partial';
    const first = await env.run(workspaceWith({ 'k8s/app.yaml': slowTwoByTwo(namespace) }), { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });
    expect(first.outputs.status).toBe('success');
    expect(first.stdout).toMatch(/web rolled out: 4\/4 available/);

    const partial = await env.run(workspaceWith({ 'k8s/app.yaml': slowTwoByTwo(namespace, 'maxUnavailable') }), { namespace, images: `shop/web=${image(OTHER_DIGEST)}`, 'verify-for': '0' });
    expect(partial.outputs.status).toBe('success');
    expect(partial.stdout).toMatch(/web rolled out enough: 2\/4 new replicas available, 2 required \(eks-kit\.dev\/required-rollout: maxUnavailable\)/);
  });

  it('none: a crash-looping template is applied and reported without waiting for its pods', async () => {
    const namespace = 'no-wait';
    // Without its Service, which would wait for a ready endpoint.
    const text = appManifest({ namespace, failure: 'crashloop', annotations: { [ANNOTATION]: 'none' } });
    const result = await env.run(workspaceWith({ 'k8s/app.yaml': text.slice(0, text.indexOf('---\napiVersion: v1\nkind: Service')) }), { namespace, images: `shop/web=${image(DIGEST)}` });
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).toMatch(/not waiting for its pods \(eks-kit\.dev\/required-rollout: none\)/);
  });

  it('an unknown value stops the deploy before anything is applied, naming the file and line', async () => {
    const namespace = 'bad-rule';
    const result = await env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, annotations: { [ANNOTATION]: 'half' } }) }), { namespace, images: `shop/web=${image(DIGEST)}` });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/k8s\/app\.yaml:\d+: Deployment\/web: eks-kit\.dev\/required-rollout "half" is not full, maxUnavailable, none or a percentage such as 90%/);
    expect(env.sandbox.kube!.state.list('Deployment', namespace)).toHaveLength(0);
  });
});
