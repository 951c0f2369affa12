import { describe, expect, it } from '@jest/globals';
import { applyManifests, kubectlApplier } from '../src/apply.js';
import type { KubeApi } from '../src/api-client.js';
import type { Manifest } from '../src/manifests/types.js';
import { readWorkloads } from '../src/revisions.js';
import { deployment, FakeKubectl, ok } from './fakes.js';

const manifest = (kind: string, name: string, apiVersion = 'v1'): Manifest => ({ object: { apiVersion, kind, metadata: { name } }, source: { file: 'k8s/app.yaml', line: 1 } }) as Manifest;
const applyAnswer = (args: readonly string[], call: number) => ok({ kind: 'List', items: [{ kind: `Applied${call}`, metadata: { name: String(args.length) } }] });

describe('applyManifests', () => {
  it('applies a Namespace and what goes into it in one kubectl process, Namespace first', async () => {
    const kubectl = new FakeKubectl(applyAnswer);
    await applyManifests(kubectlApplier(kubectl, { serverSide: true, fieldManager: 'eks-kit' }), [manifest('Namespace', 'shop'), manifest('ConfigMap', 'c'), manifest('Deployment', 'web', 'apps/v1')]);
    expect(kubectl.calls).toHaveLength(1);
    expect(JSON.parse(kubectl.inputs[0] ?? '{}').items.map((i: { kind: string }) => i.kind)).toEqual(['Namespace', 'ConfigMap', 'Deployment']);
  });

  it('applies CRDs (and Namespaces) first, runs the wait in between, then the custom resources', async () => {
    const kubectl = new FakeKubectl(applyAnswer);
    const order: string[] = [];
    const live = await applyManifests(kubectlApplier(kubectl, { serverSide: true, fieldManager: 'eks-kit' }), [manifest('Namespace', 'shop'), manifest('CustomResourceDefinition', 'widgets.example.com', 'apiextensions.k8s.io/v1'), manifest('Widget', 'w', 'example.com/v1')], async (first) => {
      order.push(`wait after ${first.map((o) => o.kind).join(',')} (${kubectl.calls.length} applied)`);
    });
    expect(order).toEqual(['wait after Applied1 (1 applied)']);
    expect(kubectl.inputs.map((i) => JSON.parse(i ?? '{}').items.map((o: { kind: string }) => o.kind))).toEqual([['Namespace', 'CustomResourceDefinition'], ['Widget']]);
    expect(live.map((o) => o.kind)).toEqual(['Applied1', 'Applied2']);
  });
});

describe('readWorkloads', () => {
  it('GETs each rollable workload by name at once; 404 is new, other kinds are not read', async () => {
    const paths: string[] = [];
    const get: Pick<KubeApi, 'get'> = {
      get: async (path) => {
        paths.push(path);
        return path.endsWith('/web') ? { status: 200, body: JSON.stringify(deployment({ generation: 4, revision: '7' })) } : { status: 404, body: '{"kind":"Status"}' };
      },
    };
    const states = await readWorkloads(get, [{ kind: 'Deployment', name: 'web', namespace: 'shop' }, { kind: 'StatefulSet', name: 'db', namespace: 'shop' }, { kind: 'ConfigMap', name: 'x', namespace: 'shop' }], 5_000);
    expect(paths).toEqual(['/apis/apps/v1/namespaces/shop/deployments/web', '/apis/apps/v1/namespaces/shop/statefulsets/db']);
    expect([...states.values()].map((s) => [s.kind, s.existed, s.generation, s.revision])).toEqual([['Deployment', true, 4, '7'], ['StatefulSet', false, undefined, undefined]]);
  });

  it('refuses an answer that is neither the object nor 404, so the caller asks kubectl instead', async () => {
    const get: Pick<KubeApi, 'get'> = { get: async () => ({ status: 401, body: 'Unauthorized' }) };
    await expect(readWorkloads(get, [{ kind: 'Deployment', name: 'web', namespace: 'shop' }], 5_000)).rejects.toThrow('GET Deployment/web in shop answered 401: Unauthorized');
  });
});
