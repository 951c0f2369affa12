import { describe, expect, it, jest } from '@jest/globals';
import { appManifest, DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';

jest.setTimeout(180_000);
// The stand-in operator writes a new generation's conditions 3 s (real) after it: until then the
// previous generation's stay, stale.
const env = deploySandbox({ timings: { customResourceMs: 120_000 } });

function crd(annotations: Record<string, string> = {}): string {
  const lines = Object.entries(annotations).map(([k, v]) => `\n    ${k}: "${v}"`).join('');
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com${lines ? `\n  annotations:${lines}` : ''}
spec:
  group: example.com
  scope: Namespaced
  names:
    plural: widgets
    singular: widget
    kind: Widget
  versions:
    - name: v1
      served: true
      storage: true
      subresources:
        status: {}
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;
}

function widget(size: number, annotations: Record<string, string>): string {
  const lines = Object.entries(annotations).map(([k, v]) => `\n    ${k}: "${v}"`).join('');
  return `apiVersion: example.com/v1
kind: Widget
metadata:
  name: blue${lines ? `\n  annotations:${lines}` : ''}
spec:
  size: ${size}
`;
}

const run = (namespace: string, extra: string) =>
  env.run(workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, extra }) }), { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });

describe('custom resources judged by their status conditions', () => {
  it('waits for Ready True when asked; the next deploy is judged at its own generation, not by the stale Ready of the last one', async () => {
    const namespace = 'cr-ready';
    // Before its operator writes any condition a custom resource counts as applied, unless the annotation asks to wait.
    const first = await run(namespace, `${crd()}---\n${widget(1, { 'sandbox.eks-kit/conditions': 'Ready=True', 'eks-kit.dev/rollout-conditions': 'Ready' })}`);
    expect(first.outputs.status).toBe('success');
    expect(first.stdout).toMatch(/… Widget\/blue: waiting for its Ready condition/);
    expect(first.stdout).toMatch(/✓ Widget\/blue: Ready True/);

    // Ready True of generation 1 stays for 3 s after the apply; generation 2 turns out False.
    const second = await run(namespace, `${crd()}---\n${widget(2, { 'sandbox.eks-kit/conditions': 'Ready=False:QuotaExceeded:no capacity left in the pool' })}`);
    expect(second.outputs.status).toBe('failure');
    expect(second.stdout).toMatch(/… Widget\/blue: waiting for its controller to observe generation 2 \(Ready is of generation 1\)/);
    expect(second.failure).toMatch(/Widget\/blue.*Ready False, QuotaExceeded: no capacity left in the pool/);
  });

  it('a custom resource without conditions counts as applied, not awaited', async () => {
    const namespace = 'cr-plain';
    const result = await run(namespace, `${crd()}---\n${widget(1, {})}`);
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).toMatch(/✓ Widget\/blue: applied \(no status conditions to judge\)/);
  });

  it('the object\'s eks-kit.dev/rollout-conditions names the conditions; its CRD\'s does so for the kind', async () => {
    const synced = await run('cr-synced', `${crd()}---\n${widget(1, { 'sandbox.eks-kit/conditions': 'Ready=True;Synced=False:AuthFailed:the key was refused', 'eks-kit.dev/rollout-conditions': 'Synced' })}`);
    expect(synced.outputs.status).toBe('failure');
    expect(synced.failure).toMatch(/Widget\/blue.*Synced False, AuthFailed: the key was refused/);

    const kind = await run('cr-kind', `${crd({ 'eks-kit.dev/rollout-conditions': 'none' })}---\n${widget(1, { 'sandbox.eks-kit/conditions': 'Ready=False:Broken:never mind' })}`);
    expect(kind.outputs.status).toBe('success');
    expect(kind.stdout).toMatch(/✓ Widget\/blue: applied \(eks-kit.dev\/rollout-conditions: none\)/);
  });
});
