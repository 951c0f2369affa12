import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryLogger, ProcessRunner, systemClock } from '@eks-kit/core';
import { FaultInjector, startKubeApi, type KubeApiHandle } from '@eks-kit/sandbox';
import { ApiUnreachable, kubeApi, USER_AGENT } from '../../src/api-client.js';
import { deploy } from '../../src/deploy.js';
import { Kubectl } from '../../src/kubectl.js';
import { parseManifests } from '../../src/manifests/parse.js';
import { prepareManifests } from '../../src/prepare.js';
import { CollectionWatch } from '../../src/watch/collection.js';
import { apiTransport } from '../../src/watch/transport.js';
import { appManifest, DIGEST, OTHER_DIGEST } from '../../../../test/deploy/fixtures.js';

const TOKEN = `k8s-aws-v1.in-process-${process.pid}-${Date.now()}`;
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { a: '1' } });
const configMaps = { kind: 'ConfigMap', namespace: 'default', path: '/api/v1/namespaces/default/configmaps' };

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('watching in-process against the Kubernetes simulator (HTTPS, bearer token)', () => {
  let kube: KubeApiHandle;
  const faults = new FaultInjector();
  beforeAll(async () => {
    kube = await startKubeApi({ tls: true, faults, speed: 20, authenticate: async (token) => (token === TOKEN ? { username: 'deployer', groups: ['system:masters'] } : undefined) });
  });
  afterAll(async () => {
    await kube.stop();
  });
  const api = (token = TOKEN) => kubeApi({ server: kube.url, ...(kube.caData ? { caData: kube.caData } : {}), token: () => token });
  const watchesOf = (p: string, from: number) => kube.state.requests.slice(from).filter((r) => r.path === p && r.query.watch === '1');

  it('a watch that goes silent is given up and resumed, and sees what changed meanwhile', async () => {
    faults.inject({ kind: 'silence-watch', match: [`kube:GET ${configMaps.path}`], count: 1 });
    const from = kube.state.requests.length;
    const logger = new MemoryLogger();
    const watch = new CollectionWatch(configMaps, apiTransport(api(), { idleTimeoutMs: 500 }), systemClock, logger, () => undefined);
    watch.start();
    kube.state.create(cm('during-silence'));
    try {
      await until('the object created during the silence', () => watch.objects.has('during-silence'));
    } finally {
      await watch.stop();
    }
    expect(faults.fired.filter((f) => f.kind === 'silence-watch')).toHaveLength(1);
    expect(watchesOf(configMaps.path, from).length).toBeGreaterThanOrEqual(2);
    expect(logger.text()).toMatch(new RegExp(`^Watching ${configMaps.path} failed, resuming: cannot reach the API server at ${kube.url}: nothing received for 500 ms$`));
    expect(kube.state.requests.slice(from).every((r) => r.userAgent === USER_AGENT && r.user === 'deployer')).toBe(true);
  });

  it('a resumed watch answered 410 Expired relists and watches on from the list', async () => {
    kube.state.create(cm('before'));
    faults.inject({ kind: 'drop-watch', match: [`kube:GET ${configMaps.path}`], count: 1, delayMs: 200 });
    faults.inject({ kind: 'expire-watch', match: [`kube:GET ${configMaps.path}`], count: 1 });
    const from = kube.state.requests.length;
    const watch = new CollectionWatch(configMaps, apiTransport(api()), systemClock, new MemoryLogger(), () => undefined);
    watch.start();
    try {
      await until('the relist and the watch after it', () => kube.state.requests.slice(from).filter((r) => r.path === configMaps.path).length >= 4);
      kube.state.create(cm('after-relist'));
      await until('the object created after the relist', () => watch.objects.has('after-relist'));
    } finally {
      await watch.stop();
    }
    const [first, resumed, list, next] = kube.state.requests.slice(from).filter((r) => r.path === configMaps.path);
    expect(first?.query.resourceVersion).toBeUndefined();
    expect(resumed?.query.resourceVersion).toMatch(/^\d+$/);
    expect(list?.query.watch).toBeUndefined();
    expect(next?.query).toMatchObject({ watch: '1', resourceVersion: expect.stringMatching(/^\d+$/) });
    expect(watch.objects.has('before')).toBe(true);
  });

  it('an unreachable endpoint fails in seconds and is named; a stalled one within the headers bound', async () => {
    const port = await closedPort();
    const down = kubeApi({ server: `https://127.0.0.1:${port}`, token: () => TOKEN });
    const started = Date.now();
    await expect(down.get('/api/v1/namespaces', { timeoutMs: 5_000 })).rejects.toThrow(new ApiUnreachable(`https://127.0.0.1:${port}`, 'ECONNREFUSED'));
    const stream = down.stream(`${configMaps.path}?watch=1`)[Symbol.asyncIterator]();
    await expect(stream.next()).rejects.toThrow(`cannot reach the API server at https://127.0.0.1:${port}: ECONNREFUSED`);
    expect(Date.now() - started).toBeLessThan(3_000);
    faults.inject({ kind: 'stall', match: [`kube:GET ${configMaps.path}`], count: 1 });
    const stalled = api().stream(`${configMaps.path}?watch=1`, { headersTimeoutMs: 300 })[Symbol.asyncIterator]();
    await expect(stalled.next()).rejects.toThrow(`cannot reach the API server at ${kube.url}: no answer within 300 ms`);
  });

  it('never sends the bearer token over plain http', async () => {
    let asked = 0;
    const plain = await startKubeApi({ authenticate: async (token) => (token === TOKEN ? { username: 'deployer', groups: [] } : undefined) });
    try {
      const answer = await kubeApi({ server: plain.url, token: () => (asked++, TOKEN) }).get('/api/v1/namespaces/default', { timeoutMs: 5_000 });
      expect(answer.status).toBe(401);
      expect(asked).toBe(0);
      expect(plain.state.requests.map((r) => [r.path, r.user, r.userAgent])).toEqual([['/api/v1/namespaces/default', undefined, USER_AGENT]]);
    } finally {
      await plain.stop();
    }
  });

  it('a refused token is reported by status, and no token reaches the log', async () => {
    const logger = new MemoryLogger();
    const wrong = `${TOKEN}-wrong`;
    const watch = new CollectionWatch(configMaps, apiTransport(api(wrong)), systemClock, logger, () => undefined);
    watch.start();
    try {
      await until('the refusal to be logged', () => logger.text() !== '');
    } finally {
      await watch.stop();
    }
    expect(logger.text()).toMatch(/^Watching \/api\/v1\/namespaces\/default\/configmaps failed, resuming: GET .* answered 401: Unauthorized$/);
    expect(logger.text()).not.toContain(TOKEN);
  });

  it('deploy given the API applies and watches in-process: no kubectl process, every request as eks-kit-deploy, the verdict in the log without the token', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-in-process-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kube.kubeconfig({ token: TOKEN }), { mode: 0o600 });
    const kubectl = new Kubectl({ runner: new ProcessRunner(), kubeconfig, cacheDir: path.join(dir, 'cache') });
    const logger = new MemoryLogger();
    const run = (digest: string) => deploy({
      kubectl, clock: systemClock, logger, mode: 'apply', manifests: prepareManifests(parseManifests(appManifest({ namespace: 'shop', image: `registry.example/shop/web@${digest}`, replicas: 2 }), 'app.yaml'), { namespace: 'shop', images: [], deployId: 'shop' }),
      apply: { serverSide: true, fieldManager: 'eks-kit' }, deployId: 'shop', prune: false, timeoutMs: 60_000, pollMs: 200, api: api(), rollback: true, deleteNewOnFailure: false,
    });
    expect((await run(DIGEST)).status).toBe('success');
    const from = kube.state.requests.length;
    // The second run: the watches resume nothing of the first, and the record finds the Deployment.
    const second = await run(OTHER_DIGEST);
    expect(second.status).toBe('success');
    expect(second.resources.find((r) => r.kind === 'Deployment')).toMatchObject({ state: 'succeeded', revisionBefore: '1', revisionAfter: '2' });
    const requests = kube.state.requests.slice(from);
    const watches = requests.filter((r) => r.query.watch === '1' || r.query.watch === 'true');
    expect(watches.length).toBeGreaterThanOrEqual(3);
    expect(watches.every((r) => r.userAgent === USER_AGENT)).toBe(true);
    // The apply too: a successful deploy given the API sends nothing through kubectl.
    expect(requests.filter((r) => r.method === 'PATCH').every((r) => r.userAgent === USER_AGENT)).toBe(true);
    expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toContain('/apis/apps/v1/namespaces/shop/deployments/web');
    expect(requests.filter((r) => r.userAgent?.startsWith('kubectl'))).toEqual([]);
    expect(logger.text()).not.toContain(TOKEN);
    // The apply's discovery ran beside the record, but nothing was changed before the record was read.
    const record = requests.findIndex((r) => r.method === 'GET' && r.path === '/apis/apps/v1/namespaces/shop/deployments/web');
    expect(record).toBeGreaterThanOrEqual(0);
    expect(requests.findIndex((r) => r.method === 'PATCH')).toBeGreaterThan(record);

    // A record that cannot be read at all (in-process, then by kubectl) stops the waiting apply: nothing is applied.
    faults.inject({ kind: 'server-error', match: ['kube:GET /apis/apps/v1/namespaces/shop/deployments/web'], fraction: 1 });
    const failedFrom = kube.state.requests.length;
    try {
      await expect(run(DIGEST)).rejects.toThrow(/InternalError|Internal Server Error/);
    } finally {
      faults.clear();
    }
    expect(kube.state.requests.slice(failedFrom).filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(kube.state.get('Deployment', 'shop', 'web')?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });
});
