import { afterEach, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { startKubeApi } from '../../../src/kube/index.js';
import type { KubeApiHandle } from '../../../src/kube/index.js';
import { typeOf } from '../../../src/kube/store.js';
import { FaultInjector } from '../../../src/faults.js';
import { startHarness, waitFor } from './kubectl.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
function get(api: KubeApiHandle, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingMessage['headers']; body: any }> {
  return new Promise((resolve, reject) => {
    request(`${api.url}${path}`, { headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text }));
    })
      .on('error', reject)
      .end();
  });
}

/** Opens a watch and collects its events until `until` says stop (or the server ends it). */
function watch(api: KubeApiHandle, path: string, until: (events: any[]) => boolean, headers: Record<string, string> = {}): Promise<{ events: any[]; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const events: any[] = [];
    let buffer = '';
    const req = request(`${api.url}${path}`, { headers }, (res) => {
      res.on('data', (c: Buffer) => {
        buffer += c.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buffer.slice(0, nl)));
          buffer = buffer.slice(nl + 1);
        }
        if (until(events)) {
          req.destroy();
          resolve({ events, ended: false });
        }
      });
      res.on('end', () => resolve({ events, ended: true }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels: { app: name } }, data: { a: '1' } });

describe('watch', () => {
  let api: KubeApiHandle;
  afterEach(async () => {
    await api.stop();
  });

  it('replays events after the listed resourceVersion, filtered by selector, then streams live ones', async () => {
    api = await startKubeApi();
    const list = await get(api, '/api/v1/namespaces/default/configmaps?limit=500');
    expect(list.body.kind).toBe('ConfigMapList');
    const rv = list.body.metadata.resourceVersion;
    api.state.create(cm('one'));
    api.state.create(cm('two'));
    const pending = watch(api, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&labelSelector=app%3Dtwo`, (e) => e.length >= 2);
    await waitFor('the watch to open', () => api.state.openWatches() === 1 || undefined);
    api.state.cluster.store.delete(typeOf('ConfigMap', 'v1'), 'default', 'two');
    const { events } = await pending;
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED two', 'DELETED two']);
  });

  it('resourceVersion 0 starts with the current objects; bookmarks when allowed; ends after timeoutSeconds', async () => {
    api = await startKubeApi();
    api.state.create(cm('one'));
    const { events, ended } = await watch(api, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&allowWatchBookmarks=true&timeoutSeconds=2', () => false);
    expect(ended).toBe(true);
    // The current objects come first, in the list's order (the namespace's root CA ConfigMap too).
    expect(events.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata.name)).toEqual(['kube-root-ca.crt', 'one']);
    expect(events.some((e) => e.type === 'BOOKMARK' && e.object.kind === 'ConfigMap' && typeof e.object.metadata.resourceVersion === 'string')).toBe(true);
  });

  it('sends one-row Tables when kubectl get -w asks for them', async () => {
    api = await startKubeApi();
    api.state.create(cm('one'));
    const named = (e: any) => e.object.rows?.[0]?.object?.metadata?.name === 'one';
    const { events } = await watch(api, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0', (e) => e.some(named), { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(events.find(named)).toMatchObject({ type: 'ADDED', object: { kind: 'Table', rows: [{ cells: ['one', expect.any(String)], object: { metadata: { name: 'one' } } }] } });
  });

  it('a resourceVersion older than the history gets ERROR 410 Expired', async () => {
    api = await startKubeApi();
    for (let i = 0; i < 20050; i++) api.state.cluster.store.mutate(typeOf('Namespace', 'v1'), undefined, 'default', (ns) => {
      ns.metadata.labels = { ...ns.metadata.labels, n: String(i) };
    });
    const { events } = await watch(api, '/api/v1/namespaces?watch=true&resourceVersion=1', (e) => e.length >= 1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });

  it('the expire-watch fault answers a resumed watch with ERROR 410, and leaves a watch from "now" alone', async () => {
    const faults = new FaultInjector();
    api = await startKubeApi({ faults });
    api.state.create(cm('one'));
    faults.inject({ kind: 'expire-watch', match: ['kube:GET /api/v1/namespaces/default/configmaps'], count: 1 });
    const fresh = await watch(api, '/api/v1/namespaces/default/configmaps?watch=true', (e) => e.some((x) => x.object.metadata.name === 'one'));
    const one = fresh.events.find((e) => e.object.metadata.name === 'one');
    expect(one).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'one' } } });
    const rv = one!.object.metadata.resourceVersion;
    const resumed = await watch(api, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, (e) => e.length >= 1);
    expect(resumed.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: expect.stringMatching(/^too old resource version/) } });
    expect(faults.fired).toEqual([{ operation: 'kube:GET /api/v1/namespaces/default/configmaps', kind: 'expire-watch' }]);
  });

  it('the silence-watch fault accepts a watch and then sends nothing, not even a bookmark; the next watch is served', async () => {
    const faults = new FaultInjector();
    api = await startKubeApi({ faults });
    faults.inject({ kind: 'silence-watch', match: ['kube:GET /api/v1/namespaces/default/configmaps'], count: 1 });
    let status = 0;
    let received = '';
    const req = request(`${api.url}/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true`, (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (c: Buffer) => (received += c.toString()));
    });
    req.on('error', () => undefined).end();
    await waitFor('the silent watch to be accepted', () => status || undefined);
    api.state.create(cm('one'));
    // Bookmarks go out every second on a served watch: two seconds of silence is the fault, not chance.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    req.destroy();
    expect(status).toBe(200);
    expect(received).toBe('');
    const next = await watch(api, '/api/v1/namespaces/default/configmaps?watch=true', (e) => e.some((x) => x.object.metadata.name === 'one'));
    expect(next.events.filter((e) => e.object.metadata.name === 'one').map((e) => e.type)).toEqual(['ADDED']);
    expect(faults.fired).toEqual([{ operation: 'kube:GET /api/v1/namespaces/default/configmaps', kind: 'silence-watch' }]);
  });

  it('stop() ends open watches and the server', async () => {
    api = await startKubeApi();
    const pending = watch(api, '/api/v1/namespaces?watch=true', () => false);
    await waitFor('the watch to open', () => api.state.openWatches() === 1 || undefined);
    await api.stop();
    expect((await pending).ended).toBe(true);
    expect(api.state.openWatches()).toBe(0);
  });
});

describe('discovery', () => {
  it('kubectl uses the aggregated discovery document and needs no per-group requests', async () => {
    const h = await startHarness();
    try {
      const resources = await h.ok(['api-resources', '-o', 'name']);
      for (const r of ['deployments.apps', 'pods', 'events', 'jobs.batch', 'horizontalpodautoscalers.autoscaling', 'ingresses.networking.k8s.io', 'endpointslices.discovery.k8s.io', 'poddisruptionbudgets.policy']) {
        expect(resources.split('\n')).toContain(r);
      }
      const apis = h.api.state.requests.find((r) => r.path === '/apis');
      expect(apis?.accept).toContain('as=APIGroupDiscoveryList');
      expect(h.api.state.requests.some((r) => r.path === '/apis/apps/v1')).toBe(false);
      const legacy = await get(h.api, '/apis/apps/v1');
      expect(legacy.body.resources.map((r: any) => r.name)).toEqual(expect.arrayContaining(['deployments', 'deployments/status', 'deployments/scale']));
      const nodes = await h.json(['get', 'nodes']);
      expect(nodes.items).toHaveLength(3);
      expect(nodes.items[0].status).toMatchObject({ allocatable: { cpu: '1930m' }, conditions: [{ type: 'Ready', status: 'True' }] });
      expect(await h.ok(['get', 'nodes'])).toMatch(/ip-10-0-1-23\.ec2\.internal\s+Ready\s+<none>\s+v1\.32\.0-eks-sandbox/);
      const version = await get(h.api, '/version');
      expect(version.body.gitVersion).toMatch(/^v1\.32\./);
      const unknown = await get(h.api, '/apis/example.com/v1/widgets');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' });
    } finally {
      await h.close();
    }
  });
});
