import { describe, expect, it, jest } from '@jest/globals';
import { appManifest, DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';

jest.setTimeout(180_000);
// Established 2 s (real) after the CRD is created: a custom resource applied straight after it is refused.
const env = deploySandbox({ timings: { crdEstablishMs: 80_000 } });
// One whose CRDs are never Established (an API server that does not get to them).
const stuck = deploySandbox({ timings: { crdEstablishMs: Number.MAX_SAFE_INTEGER } });

function crd(plural: string, kind: string): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    plural: ${plural}
    singular: ${plural.replace(/s$/, '')}
    kind: ${kind}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;
}

const widget = (size: number) => `apiVersion: example.com/v1
kind: Widget
metadata:
  name: blue
spec:
  size: ${size}
`;

describe('CustomResourceDefinitions Established before their custom resources', () => {
  it('waits for the CRD, then applies its custom resource; the second deploy needs no wait', async () => {
    const namespace = 'crd-ok';
    const files = (size: number) => workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, extra: `${crd('widgets', 'Widget')}---\n${widget(size)}` }) });
    const first = await env.run(files(1), { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });
    expect(first.failure).toBeUndefined();
    expect(first.outputs.status).toBe('success');
    expect(first.stdout).toMatch(/CustomResourceDefinition widgets\.example\.com established/);
    expect(JSON.parse(await env.kubectl(['get', 'widgets.example.com', 'blue', '-n', namespace, '-o', 'json'])).spec.size).toBe(1);

    const second = await env.run(files(2), { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });
    expect(second.outputs.status).toBe('success');
    expect(second.stdout).not.toMatch(/CustomResourceDefinition widgets\.example\.com established/);
    expect(JSON.parse(await env.kubectl(['get', 'widgets.example.com', 'blue', '-n', namespace, '-o', 'json'])).spec.size).toBe(2);
  });

  it('a CRD whose kind another CRD of its group already has is a failure naming the conflict, and nothing else is applied', async () => {
    const namespace = 'crd-conflict';
    // A peer's older definition of the same kind under another plural.
    const peer = workspaceWith({ 'k8s/peer.yaml': crd('gadgets', 'Gadget').replace('gadgets.example.com', 'gizmos.example.com').replace('plural: gadgets', 'plural: gizmos') });
    expect((await env.run(peer, { namespace: 'default', 'verify-for': '0' })).outputs.status).toBe('success');
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, extra: `${crd('gadgets', 'Gadget')}---\n${widget(1).replace('Widget', 'Gadget')}` }) });
    const result = await env.run(ws, { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/CustomResourceDefinition\/gadgets\.example\.com is not Established: its names were not accepted \(NamesAccepted False, KindConflict: "Gadget" is already in use\)/);
    expect(env.imageOf(namespace)).toBeUndefined();
  });

  it('a CRD not Established within the timeout is a timeout naming its condition, with its custom resources and workloads unapplied', async () => {
    const namespace = 'crd-stuck';
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, extra: `${crd('widgets', 'Widget')}---\n${widget(1)}` }) });
    const result = await stuck.run(ws, { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0', timeout: '10' });
    expect(result.outputs.status).toBe('timeout');
    expect(result.failure).toMatch(/CustomResourceDefinition\/widgets\.example\.com \(Established False, Installing: the initial names are being accepted\) not Established within the deploy's timeout of 10 s; its custom resources were not applied/);
    expect(stuck.imageOf(namespace)).toBeUndefined();
  });
});
