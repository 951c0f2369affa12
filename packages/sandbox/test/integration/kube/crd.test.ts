import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Harness } from './kubectl.js';
import { startHarness, waitFor } from './kubectl.js';

function crd(plural: string, kind: string, name = `${plural}.example.com`): string {
  return JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural, singular: plural.replace(/s$/, ''), kind },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  });
}

const widget = JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'blue' }, spec: { size: 1 }, status: { ignored: true } });

describe('CustomResourceDefinitions: Established after a delay, served per simulator', () => {
  let h: Harness;
  let other: Harness;
  beforeAll(async () => {
    // Not Established until the test says so (the delay is then set to 0).
    h = await startHarness({ scenario: { timings: { crdEstablishMs: Number.MAX_SAFE_INTEGER } } });
    other = await startHarness();
  });
  afterAll(async () => {
    await h.close();
    await other.close();
  });

  it('refuses the custom resource until the CRD is Established, then serves it in discovery, OpenAPI and routing', async () => {
    await h.ok(['apply', '-f', '-'], { input: crd('widgets', 'Widget') });
    const early = await h.kubectl(['apply', '-f', '-'], { input: widget });
    expect(early.code).not.toBe(0);
    expect(early.stderr).toMatch(/no matches for kind "Widget" in version "example.com\/v1"/);
    expect((await h.json(['get', 'crd', 'widgets.example.com'])).status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Established', status: 'False', reason: 'Installing' })]));

    h.api.state.cluster.timings.crdEstablishMs = 0;
    h.api.state.tick();
    const waited = await h.kubectl(['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=30s']);
    expect(waited.code).toBe(0);
    expect(await h.ok(['apply', '--server-side', '-f', '-'], { input: widget })).toContain('widget.example.com/blue serverside-applied');
    const live = await h.json(['get', 'widgets', 'blue']);
    expect(live.spec.size).toBe(1);
    expect(live.status).toBeUndefined(); // the status subresource keeps status out of the main write
    expect(await h.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).toContain('widgets.example.com');

    // Another simulator in the same process knows nothing of it.
    expect(await other.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).not.toContain('widgets');
    expect((await other.kubectl(['get', 'widgets.example.com'])).code).not.toBe(0);
  });

  it('a second CRD of the group with a kind already in use is not accepted, and its plural is not served', async () => {
    await h.ok(['apply', '-f', '-'], { input: crd('widgetz', 'Widget') });
    const conditions = await waitFor('the CRD to have conditions', async () => (await h.json(['get', 'crd', 'widgetz.example.com'])).status?.conditions);
    expect(conditions).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'NamesAccepted', status: 'False', reason: 'KindConflict' }),
      expect.objectContaining({ type: 'Established', status: 'False', reason: 'NotAccepted' }),
    ]));
    expect(await h.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).not.toContain('widgetz');
  });

  it('deleting the CRD stops serving its kind', async () => {
    await h.ok(['delete', 'crd', 'widgets.example.com']);
    await waitFor('the kind to be withdrawn', async () => !(await h.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).includes('widgets.example.com'));
    expect((await h.kubectl(['get', 'widgets.example.com'])).code).not.toBe(0);
  });
});
