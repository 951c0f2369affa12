import { afterAll, beforeAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEksToken } from '@eks-kit/kube';
import { startSandbox, type Sandbox, type SimNode, type Timings } from '@eks-kit/sandbox';
import { runBundle, type BundleRun } from '../harness/run-bundle.js';
import { DIGEST } from './fixtures.js';

export interface DeploySandbox {
  /** The running sandbox (set in beforeAll). */
  readonly sandbox: Sandbox;
  /** Runs dist/deploy against the sandbox's EKS cluster "demo", with the given inputs over the defaults. */
  run(workspace: string, inputs: Record<string, string>, timeoutMs?: number): Promise<BundleRun>;
  imageOf(namespace: string, name?: string): string | undefined;
  /** The real kubectl against the sandbox's cluster, as a person at a terminal would run it. */
  kubectl(args: readonly string[]): Promise<string>;
}

export const image = (digest = DIGEST) => `registry.example/shop/web@${digest}`;

/** One sandbox per test file, started before and stopped after its tests. */
export function deploySandbox(options: { speed?: number; nodes?: SimNode[]; timings?: Partial<Timings> } = {}): DeploySandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ kubeApi: { options: { speed: options.speed ?? 40, knownImages: (i) => !i.includes('missing'), ...(options.nodes ? { nodes: options.nodes } : {}), ...(options.timings ? { scenario: { timings: options.timings } } : {}) } } });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  const started = (): Sandbox => {
    if (!sandbox) throw new Error('the sandbox is not running');
    return sandbox;
  };
  return {
    get sandbox() {
      return started();
    },
    run: (workspace, inputs, timeoutMs = 90_000) =>
      runBundle('deploy', {
        workspace,
        inputs: { 'cluster-name': 'demo', manifests: 'k8s', ...inputs },
        env: { ...started().env, GITHUB_RUN_ID: '42' },
        timeoutMs,
      }),
    kubectl: async (args) => {
      const s = started();
      const token = createEksToken({ clusterName: 'demo', region: s.region, credentials: { accessKeyId: s.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: s.env.AWS_SECRET_ACCESS_KEY ?? '' } });
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'eks-kit-kubectl-')), 'kubeconfig');
      writeFileSync(file, s.kube!.kubeconfig({ token }), { mode: 0o600 });
      // Asynchronous: the sandbox answering it runs in this process.
      return (await promisify(execFile)('kubectl', ['--kubeconfig', file, ...args])).stdout;
    },
    imageOf: (namespace, name = 'web') => {
      const live = started().kube!.state.get('Deployment', namespace, name) as { spec: { template: { spec: { containers: { image: string }[] } } } } | undefined;
      return live?.spec.template.spec.containers[0]?.image;
    },
  };
}
