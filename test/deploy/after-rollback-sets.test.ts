import { describe, expect, it } from '@jest/globals';
import { daemonSetManifest, DIGEST, OTHER_DIGEST, podSetManifest, workspaceWith } from './fixtures.js';
import { deploySandbox } from './sandbox.js';
const env = deploySandbox();
const THIRD_DIGEST = `sha256:${'c'.repeat(64)}`;

const MANIFESTS: Record<string, (namespace: string, digest: string, failure?: string) => string> = {
  StatefulSet: (namespace, digest, failure) => podSetManifest('StatefulSet', { namespace, digest, extraSpec: '\n  replicas: 2\n  serviceName: agent', ...(failure ? { failure } : {}) }),
  DaemonSet: (namespace, digest, failure) => daemonSetManifest({ namespace, digest, ...(failure ? { failure } : {}) }),
};

describe.each(Object.keys(MANIFESTS))('the deploy after a %s was rolled back', (kind) => {
  it('succeeds with default inputs: the rollback left the template with deploy\'s field manager', async () => {
    const namespace = `after-${kind.toLowerCase()}`;
    const manifest = MANIFESTS[kind]!;
    const live = () => env.sandbox.kube!.state.get(kind, namespace, 'agent') as { spec: { template: { spec: { containers: { image: string }[] } } }; metadata: { managedFields: { manager: string; fieldsV1: object }[] } };
    const imageOf = () => live().spec.template.spec.containers[0]?.image;
    const deployOf = (digest: string, failure?: string) => env.run(workspaceWith({ 'k8s/app.yaml': manifest(namespace, digest, failure) }), { namespace, timeout: '90' });
    expect((await deployOf(DIGEST)).outputs.status).toBe('success');
    // What the rollback returns to was read from the action's own process, not by kubectl.
    const plural = `${kind.toLowerCase()}s`;
    const reads = env.sandbox.kube!.state.requests.filter((r) => r.method === 'GET' && r.path === `/apis/apps/v1/namespaces/${namespace}/${plural}/agent`);
    expect(reads.map((r) => [r.userAgent, r.status])).toEqual([['eks-kit-deploy', 404]]);

    const failed = await deployOf(OTHER_DIGEST, 'crashloop');
    expect(failed.outputs.status).toBe('failure');
    expect(failed.outputs['rolled-back']).toBe('true');
    expect(imageOf()).toBe(`registry.example/shop/agent@${DIGEST}`);

    const next = await deployOf(THIRD_DIGEST);
    expect(next.failure).toBeUndefined();
    expect(next.outputs.status).toBe('success');
    expect(imageOf()).toBe(`registry.example/shop/agent@${THIRD_DIGEST}`);
    const others = live().metadata.managedFields.filter((m) => m.manager !== 'eks-kit' && m.manager !== 'kube-controller-manager');
    expect(JSON.stringify(others)).not.toContain('f:image');
  });
});
