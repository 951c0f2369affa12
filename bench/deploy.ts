/**
 * deploy beside `kubectl apply` + `kubectl rollout status`, on the same simulated cluster and
 * scenarios: time to a verdict on success (after the rollout really completed) and on an image
 * that does not exist, and the API requests each makes. Prints a Markdown section.
 *
 *   npx tsx bench/deploy.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryLogger, ProcessRunner, systemClock } from '@eks-kit/core';
import { createEksToken, deploy, Kubectl, parseManifests, prepareManifests } from '@eks-kit/kube';
import { startSandbox } from '@eks-kit/sandbox';
import { appManifest, DIGEST, OTHER_DIGEST } from '../test/deploy/fixtures.js';

// 10x keeps kubectl's 600 s progress deadline to a minute of wall time while the fixed costs of
// each kubectl process (0.1–0.3 s here) inflate only tenfold in simulated time; at 40x they
// dominated eks-kit's simulated figures.
const SPEED = 10;
const sandbox = await startSandbox({ kubeApi: { options: { speed: SPEED, knownImages: (image) => !image.includes('missing') } } });
const kube = sandbox.kube!;
const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-deploy-'));
// One token for both tools (valid 15 minutes, longer than the run), so neither pays for the plugin.
const token = createEksToken({ clusterName: 'demo', region: sandbox.region, credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' } });
const kubeconfig = path.join(dir, 'kubeconfig');
writeFileSync(kubeconfig, kube.kubeconfig({ token }), { mode: 0o600 });
const runner = new ProcessRunner();
const kubectl = new Kubectl({ runner, kubeconfig, cacheDir: path.join(dir, 'cache') });

interface Row {
  tool: string;
  scenario: string;
  verdict: string;
  wallMs: number;
  /** Success: from the rollout completing (as the simulator sees it) to the verdict. */
  afterDoneMs?: number;
  requests: number;
}

function manifest(namespace: string, digest: string, image = 'registry.example/shop/web'): string {
  return appManifest({ namespace, image: `${image}@${digest}`, replicas: 3 });
}

/** The moment the simulator has the Deployment fully rolled out at a new revision. */
function watchCompletion(namespace: string, revision: string): { at: () => number | undefined; stop: () => void } {
  let done: number | undefined;
  const timer = setInterval(() => {
    const d = kube.state.get('Deployment', namespace, 'web') as { metadata: { annotations?: Record<string, string> }; spec: { replicas: number }; status?: Record<string, number> } | undefined;
    const s = d?.status;
    if (done === undefined && d?.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision && s && s.updatedReplicas === d.spec.replicas && s.availableReplicas === d.spec.replicas && s.replicas === d.spec.replicas) done = Date.now();
  }, 10);
  return { at: () => done, stop: () => clearInterval(timer) };
}

async function seed(namespace: string, fieldManager = 'kubectl'): Promise<void> {
  const file = path.join(dir, `${namespace}-seed.yaml`);
  writeFileSync(file, manifest(namespace, DIGEST));
  await kubectl.run(['apply', '--server-side', `--field-manager=${fieldManager}`, '-n', namespace, '-f', file]);
  await kubectl.run(['rollout', 'status', 'deployment/web', '-n', namespace, '--timeout=120s']);
}

async function withKubectl(scenario: string, namespace: string, text: string): Promise<Row> {
  await seed(namespace);
  const file = path.join(dir, `${namespace}.yaml`);
  writeFileSync(file, text);
  const completion = watchCompletion(namespace, '2');
  const requestsBefore = kube.state.requests.length;
  const start = Date.now();
  await kubectl.run(['apply', '--server-side', '-n', namespace, '-f', file]);
  const status = await kubectl.run(['rollout', 'status', 'deployment/web', '-n', namespace, '--timeout=20m'], { allowFailure: true });
  const end = Date.now();
  completion.stop();
  const done = completion.at();
  return {
    tool: 'kubectl apply + rollout status', scenario,
    verdict: status.exitCode === 0 ? 'success' : `failure: ${status.stderr.trim().split('\n').pop() ?? ''}`,
    wallMs: end - start, ...(done ? { afterDoneMs: end - done } : {}), requests: kube.state.requests.length - requestsBefore,
  };
}

async function withEksKit(scenario: string, namespace: string, text: string): Promise<Row> {
  await seed(namespace, 'eks-kit');
  const manifests = prepareManifests(parseManifests(text, 'bench.yaml'), { namespace, images: [], deployId: namespace });
  const completion = watchCompletion(namespace, '2');
  const requestsBefore = kube.state.requests.length;
  const start = Date.now();
  const result = await deploy({
    kubectl, clock: systemClock, logger: new MemoryLogger(), manifests, mode: 'apply',
    apply: { serverSide: true, fieldManager: 'eks-kit' }, deployId: namespace, prune: false,
    timeoutMs: 20 * 60_000, pollMs: 500, rollback: false, deleteNewOnFailure: false,
  });
  const end = Date.now();
  completion.stop();
  const done = completion.at();
  const failed = result.resources.find((r) => r.state !== 'succeeded' && r.state !== 'applied');
  return {
    tool: 'eks-kit deploy (no rollback)', scenario,
    verdict: result.status === 'success' ? 'success' : `${result.status}: ${failed?.message.slice(0, 90) ?? ''}…`,
    wallMs: end - start, ...(done ? { afterDoneMs: end - done } : {}), requests: kube.state.requests.length - requestsBefore,
  };
}

const rows: Row[] = [];
try {
  rows.push(await withKubectl('success', 'k-ok', manifest('k-ok', OTHER_DIGEST)));
  rows.push(await withEksKit('success', 'e-ok', manifest('e-ok', OTHER_DIGEST)));
  rows.push(await withKubectl('image not found', 'k-missing', manifest('k-missing', OTHER_DIGEST, 'registry.example/shop/missing')));
  rows.push(await withEksKit('image not found', 'e-missing', manifest('e-missing', OTHER_DIGEST, 'registry.example/shop/missing')));
} finally {
  await sandbox.stop();
}

const simulated = (ms: number) => `${((ms * SPEED) / 1000).toFixed(0)} s`;
const lines = [
  '## deploy: time to a verdict, beside kubectl apply + rollout status',
  '',
  `Same simulated cluster (packages/sandbox, clock ×${SPEED}), same manifests (3 replicas, server-side apply), real kubectl ${'v1.32'} for both. "Simulated" multiplies wall time by the clock speed; default progressDeadlineSeconds (600). eks-kit polls every 0.5 s here (1 s by default); kubectl watches.`,
  '',
  '| scenario | tool | verdict | wall time | simulated time | after the rollout completed | API requests |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.scenario} | ${r.tool} | ${r.verdict.replace(/\|/g, '\\|')} | ${(r.wallMs / 1000).toFixed(1)} s | ${simulated(r.wallMs)} | ${r.afterDoneMs === undefined ? '-' : `${(r.afterDoneMs / 1000).toFixed(2)} s`} | ${r.requests} |`),
  '',
];
const pairs = ['success', 'image not found'].map((s) => {
  const k = rows.find((r) => r.scenario === s && r.tool.startsWith('kubectl'));
  const e = rows.find((r) => r.scenario === s && r.tool.startsWith('eks-kit'));
  return k && e ? `- ${s}: eks-kit reaches its verdict in ${(e.wallMs / k.wallMs).toFixed(2)}× kubectl's time with ${(e.requests / k.requests).toFixed(1)}× its API requests.` : '';
});
lines.push(...pairs.filter(Boolean), '', `Simulated time multiplies every real millisecond by ${SPEED}, including kubectl start-up (about 0.1–0.3 s a process here), so fixed costs look ${SPEED} times larger than on a cluster; the wall time is the fairer figure for eks-kit.`, '', 'eks-kit makes more requests because it reads pods (and, while a pull backs off, Events) to judge them; kubectl rollout status watches one object and never looks at pods, which is why it waits for the progress deadline.', '');
process.stdout.write(lines.join('\n'));
