import { describe, expect, it } from '@jest/globals';
import type { ApiAnswer, KubeApi, SendOptions } from '../src/api-client.js';
import type { KubeObject } from '../src/manifests/types.js';
import { applyInProcess, ApplyRefused, resourceMapper } from '../src/server-side-apply.js';

const DISCOVERY: Record<string, object> = {
  '/api/v1': { resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }, { name: 'namespaces', kind: 'Namespace', namespaced: false }] },
  '/apis/apps/v1': { resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true }, { name: 'deployments/scale', kind: 'Scale', namespaced: true }, { name: 'deployments/status', kind: 'Deployment', namespaced: true }] },
};

/** An API server that answers discovery from DISCOVERY (plus `extra`) and PATCHes with `patch`. */
class FakeApi implements Pick<KubeApi, 'get' | 'send'> {
  readonly requests: { method: string; path: string; body?: string; contentType?: string }[] = [];
  constructor(
    private readonly patch: (path: string, body: KubeObject) => ApiAnswer = (_path, body) => ({ status: 201, body: JSON.stringify({ ...body, metadata: { ...body.metadata, generation: 1 } }) }),
    readonly extra: Record<string, object> = {},
  ) {}
  get(path: string, options: { timeoutMs: number }): Promise<ApiAnswer> {
    return this.send('GET', path, options);
  }
  async send(method: 'GET' | 'PATCH', path: string, options: SendOptions): Promise<ApiAnswer> {
    this.requests.push({ method, path, ...(options.body === undefined ? {} : { body: options.body }), ...(options.contentType ? { contentType: options.contentType } : {}) });
    if (method === 'PATCH') return this.patch(path, JSON.parse(options.body ?? '{}') as KubeObject);
    const found = DISCOVERY[path] ?? this.extra[path];
    return found ? { status: 200, body: JSON.stringify(found) } : { status: 404, body: JSON.stringify({ kind: 'Status', message: 'the server could not find the requested resource' }) };
  }
}

const object = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });
const options = { fieldManager: 'eks-kit', timeoutMs: () => 5_000 };
const patches = (api: FakeApi) => api.requests.filter((r) => r.method === 'PATCH');

describe('applyInProcess', () => {
  it('maps each kind from one discovery read per group-version and PATCHes each object server-side in order', async () => {
    const api = new FakeApi();
    const live = await applyInProcess(api, [object('v1', 'Namespace', 'shop', 'shop'), object('v1', 'ConfigMap', 'c', 'shop'), object('apps/v1', 'Deployment', 'web', 'shop'), object('apps/v1', 'Deployment', 'api', 'shop')], options);
    expect(api.requests.filter((r) => r.method === 'GET').map((r) => r.path).sort()).toEqual(['/api/v1', '/apis/apps/v1']);
    expect(patches(api).map((r) => r.path)).toEqual([
      '/api/v1/namespaces/shop?fieldManager=eks-kit&fieldValidation=Strict',
      '/api/v1/namespaces/shop/configmaps/c?fieldManager=eks-kit&fieldValidation=Strict',
      '/apis/apps/v1/namespaces/shop/deployments/web?fieldManager=eks-kit&fieldValidation=Strict',
      '/apis/apps/v1/namespaces/shop/deployments/api?fieldManager=eks-kit&fieldValidation=Strict',
    ]);
    expect(patches(api).every((r) => r.contentType === 'application/apply-patch+yaml')).toBe(true);
    // A namespace on a cluster-scoped object is not sent (kubectl ignores it too).
    expect(JSON.parse(patches(api)[0]?.body ?? '{}').metadata).toEqual({ name: 'shop' });
    expect(live.map((o) => `${o.kind}/${o.metadata.name}@${o.metadata.generation}`)).toEqual(['Namespace/shop@1', 'ConfigMap/c@1', 'Deployment/web@1', 'Deployment/api@1']);
  });

  it('takes fields over only when asked (force=true)', async () => {
    const api = new FakeApi();
    await applyInProcess(api, [object('apps/v1', 'Deployment', 'web', 'shop')], { ...options, forceConflicts: true });
    expect(patches(api)[0]?.path).toMatch(/[?&]force=true(&|$)/);
  });

  it('sends nothing when one kind is not served, and names the kind and version', async () => {
    const api = new FakeApi();
    const error = await applyInProcess(api, [object('apps/v1', 'Deployment', 'web', 'shop'), object('example.com/v1', 'Widget', 'w', 'shop')], options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyRefused);
    expect((error as Error).message).toBe('apply failed: Widget/w (namespace shop): no matches for kind "Widget" in version "example.com/v1" (ensure its CRD is installed first)');
    expect(patches(api)).toEqual([]);
  });

  it('maps while the record is read, and sends nothing until it is complete or when it fails', async () => {
    const api = new FakeApi();
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    const applying = applyInProcess(api, [object('apps/v1', 'Deployment', 'web', 'shop')], options, ready);
    await new Promise((resolve) => setImmediate(resolve));
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /apis/apps/v1']);
    release();
    await applying;
    expect(patches(api)).toHaveLength(1);

    const refused = new FakeApi();
    const failed = applyInProcess(refused, [object('apps/v1', 'Deployment', 'web', 'shop')], options, Promise.reject(new Error('the record failed')));
    await expect(failed).rejects.toThrow('the record failed');
    expect(patches(refused)).toEqual([]);
  });

  it('stops at the first refusal and says the whole conflict: every field and the manager that owns it', async () => {
    const message = 'Apply failed with 2 conflicts: conflicts with "kubectl" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image';
    const api = new FakeApi((path, body) => (path.includes('/deployments/web')
      ? { status: 409, body: JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Conflict', code: 409, message }) }
      : { status: 200, body: JSON.stringify(body) }));
    const error = await applyInProcess(api, [object('v1', 'ConfigMap', 'c', 'shop'), object('apps/v1', 'Deployment', 'web', 'shop'), object('apps/v1', 'Deployment', 'api', 'shop')], options).catch((e: unknown) => e);
    expect((error as ApplyRefused).status).toBe(409);
    expect((error as Error).message).toBe('apply failed: Deployment/web (namespace shop): Apply failed with 2 conflicts: conflicts with "kubectl" using apps/v1: - .spec.replicas - .spec.template.spec.containers[name="web"].image');
    expect(patches(api).map((r) => r.path.split('?')[0])).toEqual(['/api/v1/namespaces/shop/configmaps/c', '/apis/apps/v1/namespaces/shop/deployments/web']);
  });

  it('names an answer that is not JSON instead of failing with a parse error', async () => {
    const api = new FakeApi(() => ({ status: 200, body: '<html>proxy</html>' }));
    await expect(applyInProcess(api, [object('apps/v1', 'Deployment', 'web', 'shop')], options)).rejects.toThrow("apply failed: Deployment/web (namespace shop): the API server's answer is not JSON: <html>proxy</html>");
  });

  it('turns a 403 into what to widen', async () => {
    const api = new FakeApi(() => ({ status: 403, body: JSON.stringify({ kind: 'Status', code: 403, message: 'deployments.apps "web" is forbidden: User "ci" cannot patch resource "deployments" in API group "apps" in the namespace "shop"' }) }));
    await expect(applyInProcess(api, [object('apps/v1', 'Deployment', 'web', 'shop')], options)).rejects.toThrow(/ci may not patch deployments \(403\)/);
  });
});

describe('resourceMapper', () => {
  it('reads a group-version again after it was not served (a CRD established since), and keeps one that was', async () => {
    const api = new FakeApi();
    const map = resourceMapper(api, () => 5_000);
    const widget = object('example.com/v1', 'Widget', 'w', 'shop');
    await expect(map(widget)).rejects.toThrow(/no matches for kind "Widget"/);
    api.extra['/apis/example.com/v1'] = { resources: [{ name: 'widgets', kind: 'Widget', namespaced: false }] };
    expect((await map(widget)).collection('shop')).toBe('/apis/example.com/v1/widgets');
    await map(object('example.com/v1', 'Widget', 'x'));
    expect(api.requests.map((r) => r.path)).toEqual(['/apis/example.com/v1', '/apis/example.com/v1']);
  });
});
