import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEksToken } from '@eks-kit/kube';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { runBundle, type BundleRun } from './harness/run-bundle.js';
import { clockShiftModule } from './harness/clock-shift.js';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './deploy/fixtures.js';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    kubeApi: { options: { speed: 40, knownImages: (image) => !image.includes('missing') } },
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

function run(workspace: string, inputs: Record<string, string>, timeoutMs = 90_000): Promise<BundleRun> {
  return runBundle('deploy', {
    workspace,
    inputs: { 'cluster-name': 'demo', manifests: 'k8s', 'poll-interval': '0.5', ...inputs },
    env: { ...sandbox.env, GITHUB_RUN_ID: '42' },
    timeoutMs,
  });
}

function deployments(namespace: string) {
  return sandbox.kube!.state.list('Deployment', namespace);
}

describe('deploy action against the Kubernetes simulator with the real kubectl', () => {
  it('applies, verifies and reports success with revisions, then removes the kubeconfig in the post step', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'ok' }) });
    const result = await run(ws, { namespace: 'ok', images: `shop/web=registry.example/shop/web@${DIGEST}` });
    expect(result.failure).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('success');
    expect(JSON.parse(result.outputs.revisions ?? '{}')).toEqual({ 'Deployment/web': { before: null, after: '1' } });
    expect(result.outputs['rolled-back']).toBe('false');
    expect(result.summary).toContain('✅ SUCCESS');
    const live = deployments('ok')[0] as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0]?.image).toBe(`registry.example/shop/web@${DIGEST}`);

    const dir = result.state['kubeconfig-dir'];
    expect(dir && existsSync(dir)).toBeTruthy();
    const post = await runBundle('deploy', { workspace: ws, entry: 'post.js', state: result.state, env: sandbox.env });
    expect(post.exitCode).toBe(0);
    expect(existsSync(dir ?? '')).toBe(false);
  });

  it('fails fast on a crash loop, shows the previous container logs, and rolls back to the recorded revision', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'crash' }) });
    expect((await run(ws, { namespace: 'crash', images: `shop/web=registry.example/shop/web@${DIGEST}` })).outputs.status).toBe('success');

    const bad = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'crash', failure: 'crashloop' }) });
    const result = await run(bad, { namespace: 'crash', images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}` });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failure');
    expect(result.outputs['rolled-back']).toBe('true');
    expect(result.failure).toMatch(/CrashLoopBackOff/);
    expect(result.summary).toContain('previous container');
    expect(result.summary).toMatch(/rolled back to revision 1/);
    const live = deployments('crash')[0] as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0]?.image).toBe(`registry.example/shop/web@${DIGEST}`);
  });

  async function baseline(namespace: string, extra: Partial<Parameters<typeof appManifest>[0]> = {}): Promise<void> {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, ...extra }) });
    const result = await run(ws, { namespace, images: `shop/web=registry.example/shop/web@${DIGEST}` });
    expect(result.outputs.status).toBe('success');
  }

  function imageOf(namespace: string): string | undefined {
    const live = deployments(namespace)[0] as { spec: { template: { spec: { containers: { image: string }[] } } } } | undefined;
    return live?.spec.template.spec.containers[0]?.image;
  }

  it.each([
    ['image-not-found', /does not exist \(ErrImagePull/],
    ['config-error', /CreateContainerConfigError/],
    ['oom', /OOMKilled/],
  ])('fails fast on %s, explains it, and rolls back', async (failure, why) => {
    const namespace = `f-${failure}`;
    await baseline(namespace);
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, failure }) });
    // Failed on the pods' evidence: a run that waited for its 120 s timeout would say `timeout`.
    // How much sooner than kubectl rollout status it is, is measured in npm run bench.
    const result = await run(ws, { namespace, images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}`, timeout: '120' });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(why);
    expect(result.outputs['rolled-back']).toBe('true');
    expect(result.summary).toContain('### Diagnostics');
    expect(imageOf(namespace)).toBe(`registry.example/shop/web@${DIGEST}`);
  });

  it('treats a pull back-off that is not "not found" as possibly transient: explained at the timeout, then rolled back', async () => {
    const namespace = 'f-pull-blip';
    await baseline(namespace);
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, failure: 'image-pull-error', annotations: { 'eks-kit.dev/timeout': '4s' } }) });
    const started = Date.now();
    const result = await run(ws, { namespace, images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}` });
    expect(result.outputs.status).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThan(4000);
    expect(result.failure).toMatch(/timed out after 4s.*cannot pull/);
    expect(result.outputs['rolled-back']).toBe('true');
    expect(imageOf(namespace)).toBe(`registry.example/shop/web@${DIGEST}`);
  });

  it('fails pods that stay unschedulable past unschedulable-timeout, naming the scheduler message', async () => {
    const namespace = 'f-sched';
    await baseline(namespace);
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, failure: 'unschedulable' }) });
    const result = await run(ws, { namespace, images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}`, 'unschedulable-timeout': '2' });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/could not be scheduled/);
    expect(result.outputs['rolled-back']).toBe('true');
  });

  it('reports ProgressDeadlineExceeded for pods that never get ready', async () => {
    const namespace = 'f-deadline';
    await baseline(namespace);
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, failure: 'never-ready', progressDeadlineSeconds: 60 }) });
    const result = await run(ws, { namespace, images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}` });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/progress deadline.*readiness probe/);
    expect(result.outputs['rolled-back']).toBe('true');
  });

  it('a new workload that fails has nothing to roll back to: left in place, or deleted when asked', async () => {
    const left = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'new-left', failure: 'crashloop' }) });
    const kept = await run(left, { namespace: 'new-left', images: `shop/web=registry.example/shop/web@${DIGEST}` });
    expect(kept.outputs.status).toBe('failure');
    expect(kept.outputs['rolled-back']).toBe('false');
    expect(kept.summary).toContain('nothing to roll back to');
    expect(deployments('new-left')).toHaveLength(1);

    const gone = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'new-gone', failure: 'crashloop' }) });
    const deleted = await run(gone, { namespace: 'new-gone', images: `shop/web=registry.example/shop/web@${DIGEST}`, 'delete-new-on-failure': 'true' });
    expect(deleted.outputs['rolled-back']).toBe('true');
    expect(deployments('new-gone')).toHaveLength(0);
  });

  it('diff mode shows the change and changes nothing', async () => {
    await baseline('diff');
    const before = JSON.stringify(deployments('diff'));
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'diff', replicas: 3 }) });
    const result = await run(ws, { namespace: 'diff', mode: 'diff', images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}` });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('diff');
    expect(result.outputs.changed).toBe('true');
    expect(result.summary).toMatch(/replicas: 3/);
    expect(JSON.stringify(deployments('diff'))).toBe(before);
  });

  it('prune deletes what the previous deploy created and this one no longer ships', async () => {
    const worker = `apiVersion: v1
kind: ConfigMap
metadata:
  name: old-settings
data:
  A: "1"`;
    await baseline('prune', { extra: worker });
    expect(sandbox.kube!.state.get('ConfigMap', 'prune', 'old-settings')).toBeDefined();
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'prune' }) });
    const result = await run(ws, { namespace: 'prune', prune: 'true', images: `shop/web=registry.example/shop/web@${DIGEST}` });
    expect(result.outputs.status).toBe('success');
    expect(result.summary).toContain('ConfigMap/old-settings (prune)');
    expect(sandbox.kube!.state.get('ConfigMap', 'prune', 'old-settings')).toBeUndefined();
    expect(sandbox.kube!.state.get('ConfigMap', 'prune', 'web-config')).toBeDefined();
  });

  it('keeps verifying through dropped watches, API errors and an expired resourceVersion', async () => {
    // Verification watches: every stream is cut after 100 ms, some watches fail outright, and a
    // resumed one finds its resourceVersion gone; none of it may end the wait.
    sandbox.faults.kube.inject({ kind: 'server-error', match: ['kube:GET /api/v1/namespaces/flaky/pods'], count: 3 });
    sandbox.faults.kube.inject({ kind: 'reset', match: ['kube:GET /apis/apps/v1/namespaces/flaky/deployments'], count: 2 });
    sandbox.faults.kube.inject({ kind: 'expire-watch', match: ['kube:GET /apis/apps/v1/namespaces/flaky/replicasets'], count: 1 });
    sandbox.faults.kube.inject({ kind: 'drop-watch', delayMs: 100, fraction: 1 });
    const before = sandbox.kube!.state.requests.length;
    try {
      const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'flaky' }) });
      const result = await run(ws, { namespace: 'flaky', images: `shop/web=registry.example/shop/web@${DIGEST}` });
      expect(result.outputs.status).toBe('success');
      const fired = sandbox.faults.kube.fired.map((f) => f.kind);
      expect(fired.filter((k) => k === 'server-error' || k === 'reset').length).toBeGreaterThanOrEqual(3);
      expect(fired).toContain('expire-watch');
      expect(fired).toContain('drop-watch');
      expect(result.stdout).toMatch(/Watching \/api\/v1\/namespaces\/flaky\/pods failed, resuming/);
      const requests = sandbox.kube!.state.requests.slice(before);
      // Resumed from where it was, and relisted (a plain list) after the 410.
      expect(requests.some((r) => r.path === '/apis/apps/v1/namespaces/flaky/deployments' && r.query.watch === '1' && Number(r.query.resourceVersion) > 0)).toBe(true);
      expect(requests.some((r) => r.path === '/apis/apps/v1/namespaces/flaky/replicasets' && r.query.watch === undefined && r.query.labelSelector === 'app=web')).toBe(true);
    } finally {
      sandbox.faults.kube.clear();
    }
  });

  it('stops before applying anything on invalid YAML, an image mapping that matches nothing, or an unknown cluster', async () => {
    const broken = workspaceWith({ 'k8s/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [unclosed\n' });
    const yaml = await run(broken, { namespace: 'bad' });
    expect(yaml.failure).toMatch(/k8s\/app\.yaml:\d+: invalid YAML/);

    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'bad' }) });
    const stray = await run(ws, { namespace: 'bad', images: 'nosuch=registry.example/nosuch@' + DIGEST });
    expect(stray.failure).toMatch(/images: "nosuch" matches no container image/);

    const cluster = await run(ws, { namespace: 'bad', 'cluster-name': 'nope' });
    expect(cluster.failure).toMatch(/no EKS cluster named "nope"/);
    expect(sandbox.kube!.state.list('Deployment', 'bad')).toHaveLength(0);
  });

  it('fails clearly when the cluster rejects the credentials', async () => {
    // Valid AWS credentials, but the cluster has no access entry for them.
    const cluster = sandbox.eks.cluster('demo');
    const entries = cluster.accessEntries.splice(0);
    let result: BundleRun;
    try {
      const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'denied' }) });
      result = await run(ws, { namespace: 'denied' });
    } finally {
      cluster.accessEntries.push(...entries);
    }
    // The first read goes in-process for a cluster the action connected to: the 401 is named as such.
    expect(result.failure).toMatch(/^the cluster at https:\/\/127\.0\.0\.1:\d+ refused the first read \(namespace denied\): 401 Unauthorized — the cluster rejected the credentials \(401 Unauthorized\): give the IAM role an EKS access entry/);
    expect(sandbox.kube!.state.list('Deployment', 'denied')).toHaveLength(0);
  });

  it('never prints the kubeconfig or a token; the kubeconfig holds no secret and kubectl gets fresh tokens from the plugin', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'secret', failure: 'crashloop' }) });
    const result = await run(ws, { namespace: 'secret', images: `shop/web=registry.example/shop/web@${DIGEST}` });
    const everything = result.stdout + result.stderr + result.summary + JSON.stringify(result.outputs);
    expect(everything).not.toMatch(/k8s-aws-v1\./);
    expect(everything).not.toContain(sandbox.env.AWS_SECRET_ACCESS_KEY);
    expect(everything).not.toContain('certificate-authority-data');
    const dir = result.state['kubeconfig-dir'] ?? '';
    const files = readdirSync(dir);
    expect(files).toContain('kubeconfig');
    const config = readFileSync(path.join(dir, 'kubeconfig'), 'utf8');
    expect(statSync(path.join(dir, 'kubeconfig')).mode & 0o777).toBe(0o600);
    expect(config).not.toMatch(/k8s-aws-v1|token:|AWS_SECRET/);
    expect(config).toContain('"command"');

    // The plugin kubectl runs mints a new token each time it is asked, valid for the cluster.
    const plugin = JSON.parse(config) as { users: { user: { exec: { command: string; args: string[] } } }[] };
    const exec = plugin.users[0]!.user.exec;
    const mint = (env: NodeJS.ProcessEnv = {}) => execFileSync(exec.command, exec.args, { env: { ...process.env, ...sandbox.env, ...env } }).toString();
    const first = JSON.parse(mint()) as { status: { token: string; expirationTimestamp: string } };
    // Asked again a minute later (its clock moved on, no sleep), it signs a new token for that time.
    const later = JSON.parse(mint({ NODE_OPTIONS: `--import ${clockShiftModule(-60_000)}` })) as { status: { token: string; expirationTimestamp: string } };
    expect(later.status.token).not.toBe(first.status.token);
    expect(Date.parse(later.status.expirationTimestamp) - Date.parse(first.status.expirationTimestamp)).toBeGreaterThanOrEqual(59_000);
    const second = JSON.parse(mint()) as { status: { token: string; expirationTimestamp: string } };
    expect(Date.parse(second.status.expirationTimestamp) - Date.now()).toBeGreaterThan(13 * 60_000);
    expect(await sandbox.authenticateKubeToken(second.status.token, 'demo')).toBeDefined();

    await runBundle('deploy', { workspace: ws, entry: 'post.js', state: result.state, env: sandbox.env });
    expect(existsSync(dir)).toBe(false);
  });

  it('refreshes the token during a rollout that outlives it: kubectl asks the plugin again', async () => {
    // The plugin runs with its clock set back so that each token it makes is only 4 s from the
    // end of its 15-minute life; a kubeconfig with one static token would fail halfway through.
    const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-short-tokens-'));
    const LIFE_LEFT_MS = 4_000;
    const oldClock = clockShiftModule(15 * 60_000 - LIFE_LEFT_MS);
    const kubectl = path.join(dir, 'kubectl');
    writeFileSync(kubectl, `#!/bin/sh\nNODE_OPTIONS="--import ${oldClock}" exec kubectl "$@"\n`);
    chmodSync(kubectl, 0o755);

    const slow = appManifest({ namespace: 'long' }).replace('  replicas: 2', '  replicas: 4\n  minReadySeconds: 300\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0');
    const ws = workspaceWith({ 'k8s/app.yaml': slow });
    const started = Date.now();
    const first = createEksToken({ clusterName: 'demo', region: sandbox.region, credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' }, now: new Date(Date.now() - (15 * 60_000 - LIFE_LEFT_MS)) });
    const result = await run(ws, { namespace: 'long', kubectl, images: `shop/web=registry.example/shop/web@${DIGEST}` });
    expect(result.outputs.status).toBe('success');
    expect(Date.now() - started).toBeGreaterThan(LIFE_LEFT_MS + 2_000);
    // A token made when the rollout started no longer works: the deploy needed fresh ones.
    expect(await sandbox.authenticateKubeToken(first, 'demo')).toBeUndefined();
    // And the plugin kubectl ran did sign with the old clock.
    const config = JSON.parse(readFileSync(path.join(result.state['kubeconfig-dir'] ?? '', 'kubeconfig'), 'utf8')) as { users: { user: { exec: { command: string; args: string[] } } }[] };
    const exec = config.users[0]!.user.exec;
    const minted = JSON.parse(execFileSync(exec.command, exec.args, { env: { ...process.env, ...sandbox.env, NODE_OPTIONS: `--import ${oldClock}` } }).toString()) as { status: { token: string } };
    const url = new URL(Buffer.from(minted.status.token.slice('k8s-aws-v1.'.length), 'base64url').toString());
    const signed = Date.parse((url.searchParams.get('X-Amz-Date') ?? '').replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(Date.now() - signed).toBeGreaterThan(14 * 60_000);
  });

  it('renders a kustomization and records a GitHub deployment with in_progress then success', async () => {
    const ws = workspaceWith({
      'deploy/base/app.yaml': appManifest({ namespace: 'kust', withNamespace: false }),
      'deploy/base/kustomization.yaml': 'resources:\n  - app.yaml\n',
      'deploy/prod/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: prod-\ncommonLabels:\n  tier: web\n',
      'deploy/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kust\n',
    });
    const result = await run(ws, {
      manifests: 'deploy/ns.yaml', kustomize: 'deploy/prod', namespace: 'kust', images: `shop/web=registry.example/shop/web@${DIGEST}`,
      'github-deployment': 'true', 'github-token': 'ghs_test', environment: 'staging', 'environment-url': 'https://staging.example.com',
    });
    expect(result.outputs.status).toBe('success');
    expect(sandbox.kube!.state.get('Deployment', 'kust', 'prod-web')).toBeDefined();
    const [deployment] = sandbox.github.state.deployments('acme/shop').filter((d) => d.environment === 'staging');
    expect(deployment?.sha).toBe('0123456789abcdef0123456789abcdef01234567');
    const states = sandbox.github.state.deploymentStatuses('acme/shop', deployment?.id ?? -1).map((st) => st.state);
    expect(states).toEqual(['in_progress', 'success']);
    expect(result.stdout.split('\n')[0]).toBe('::add-mask::ghs_test');
    expect(result.stdout.split('\n').slice(1).join('\n')).not.toContain('ghs_test');
  });

  function statefulSet(failure?: string): string {
    return `apiVersion: v1
kind: Namespace
metadata:
  name: sts
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: 2
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db${failure ? `\n      annotations:\n        sandbox.eks-kit/failure: ${failure}` : ''}
    spec:
      containers:
        - name: db
          image: registry.example/shop/db@${failure ? OTHER_DIGEST : DIGEST}
`;
  }

  it('verifies a StatefulSet and rolls a crashing one back to its previous revision', async () => {
    const good = await run(workspaceWith({ 'k8s/db.yaml': statefulSet() }), { namespace: 'sts' });
    expect(good.outputs.status).toBe('success');
    const bad = await run(workspaceWith({ 'k8s/db.yaml': statefulSet('crashloop') }), { namespace: 'sts', timeout: '30' });
    expect(bad.outputs.status).toBe('failure');
    expect(bad.failure).toMatch(/StatefulSet|CrashLoopBackOff/);
    expect(bad.outputs['rolled-back']).toBe('true');
    const live = sandbox.kube!.state.get('StatefulSet', 'sts', 'db') as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0]?.image).toBe(`registry.example/shop/db@${DIGEST}`);
  });

  it('fails a Job that crashes past its backoff limit', async () => {
    const job = `apiVersion: v1
kind: Namespace
metadata:
  name: jobs
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  backoffLimit: 1
  template:
    metadata:
      annotations:
        sandbox.eks-kit/failure: crashloop
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: registry.example/shop/migrate@${DIGEST}
`;
    const result = await run(workspaceWith({ 'k8s/job.yaml': job }), { namespace: 'jobs' });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/Job|backoff|BackoffLimitExceeded|failed/i);
  });

  it('applies client-side on request; the same manifests again move no revision', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'csa' }) });
    const inputs = { namespace: 'csa', 'server-side': 'false', images: `shop/web=registry.example/shop/web@${DIGEST}` };
    const first = await run(ws, inputs);
    expect(first.outputs.status).toBe('success');
    expect(first.stdout).toContain('client-side');
    const again = await run(ws, inputs);
    expect(again.outputs.status).toBe('success');
    expect(JSON.parse(again.outputs.revisions ?? '{}')).toEqual({ 'Deployment/web': { before: '1', after: '1' } });
  });

  it('reports an apply the server refuses as an error with no verdict, in the log and the summary, and rolls back what it had changed', async () => {
    // A second Deployment whose selector does not match its pods: the API server refuses it (422)
    // after the first Deployment, before it in the file, was applied.
    const broken = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: zz-broken
spec:
  selector:
    matchLabels:
      app: zz
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
        - name: zz
          image: registry.example/shop/web@${DIGEST}
`;
    await baseline('refused');
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'refused', extra: broken }) });
    const result = await run(ws, { namespace: 'refused', images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}` });
    expect(result.outputs.status).toBe('error');
    expect(result.failure).toMatch(/^apply failed: Deployment\/zz-broken \(namespace refused\): Deployment\.apps "zz-broken" is invalid: spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels` \(apply had already changed Deployment\/web: rolled-back\)$/);
    expect(result.summary).toContain('⚠️ ERROR');
    expect(imageOf('refused')).toBe(`registry.example/shop/web@${DIGEST}`);
  });

  it('changes nothing when a kind is not served (no CRD), and names the kind, its version and the object', async () => {
    const widget = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;
    await baseline('unserved');
    const before = sandbox.kube!.state.requests.length;
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'unserved', extra: widget }) });
    const result = await run(ws, { namespace: 'unserved', images: `shop/web=registry.example/shop/web@${OTHER_DIGEST}` });
    expect(result.outputs.status).toBe('error');
    expect(result.failure).toBe('apply failed: Widget/w (namespace unserved): no matches for kind "Widget" in version "example.com/v1" (ensure its CRD is installed first)');
    expect(sandbox.kube!.state.requests.slice(before).filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(imageOf('unserved')).toBe(`registry.example/shop/web@${DIGEST}`);
  });

  it('uses a given kubeconfig instead of EKS, and then leaves it alone', async () => {
    const token = createEksToken({ clusterName: 'demo', region: sandbox.region, credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' } });
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'given' }), 'kubeconfig.yaml': sandbox.kube!.kubeconfig({ token }) });
    const result = await run(ws, { 'cluster-name': '', kubeconfig: 'kubeconfig.yaml', namespace: 'given', images: `shop/web=registry.example/shop/web@${DIGEST}` });
    expect(result.outputs.status).toBe('success');
    expect(result.state['kubeconfig-dir']).toBeUndefined();
    expect(existsSync(path.join(ws, 'kubeconfig.yaml'))).toBe(true);
  });
});
