/**
 * Kubernetes API simulator benchmarks: start-to-ready time (plain and TLS) and a 50-replica
 * Deployment rollout at 100x. Run: npx tsx packages/sandbox/bench/kube.ts
 */
import { request } from 'node:http';
import { startKubeApi } from '../src/kube/index.js';
import type { KubeApiHandle } from '../src/kube/index.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function call(api: KubeApiHandle, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve, reject) => {
    const req = request(`${api.url}${path}`, { method, headers: body ? { 'content-type': contentType } : {} }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function startToReady(tls: boolean): Promise<number> {
  const started = performance.now();
  const api = await startKubeApi({ speed: 100, tls });
  const ready = performance.now() - started;
  await api.stop();
  return ready;
}

function manifest(image: string): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 50, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image }] } } },
  };
}

async function rollout(api: KubeApiHandle, write: () => Promise<unknown>): Promise<{ realMs: number; simS: number }> {
  const clock = api.state.cluster.clock;
  const t0 = performance.now();
  const s0 = clock.now();
  await write();
  for (;;) {
    const d = api.state.get('Deployment', 'default', 'web');
    const progressing = (d?.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
    const done = d?.status?.observedGeneration === d?.metadata.generation && d?.status?.updatedReplicas === 50 && d?.status?.availableReplicas === 50 && d?.status?.replicas === 50 && progressing?.reason === 'NewReplicaSetAvailable';
    if (done) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { realMs: performance.now() - t0, simS: (clock.now() - s0) / 1000 };
}

const rows: [string, string, string][] = [];
const plain: number[] = [];
const tls: number[] = [];
for (let i = 0; i < 7; i++) plain.push(await startToReady(false));
for (let i = 0; i < 5; i++) tls.push(await startToReady(true));
rows.push(['start to ready (http), median of 7', `${median(plain).toFixed(1)} ms`, '']);
rows.push(['start to ready (https, CA made once per process), median of 5', `${median(tls).toFixed(1)} ms`, `first: ${tls[0]!.toFixed(0)} ms`]);

const api = await startKubeApi({ speed: 100 });
const create = await rollout(api, () => call(api, 'POST', '/apis/apps/v1/namespaces/default/deployments', manifest('nginx:1.25')));
rows.push(['50-replica Deployment, create to available at 100x', `${create.realMs.toFixed(0)} ms`, `${create.simS.toFixed(1)} s simulated`]);
const update = await rollout(api, () => call(api, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } }, 'application/strategic-merge-patch+json'));
rows.push(['50-replica rolling update (25% surge/unavailable) at 100x', `${update.realMs.toFixed(0)} ms`, `${update.simS.toFixed(1)} s simulated`]);
rows.push(['controller errors', String(api.state.controllerErrors.length), '']);
await api.stop();

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(10)}  note`);
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${note}`);
