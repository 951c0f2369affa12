/**
 * Runs the real kubectl against a simulator, with its own kubeconfig and cache directory so tests
 * never share discovery caches. `KUBECTL` picks the binary (default: kubectl on PATH).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeApi } from '../../../src/kube/index.js';
import type { KubeApiHandle, KubeApiOptions, KubeconfigOptions } from '../../../src/kube/index.js';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Harness {
  api: KubeApiHandle;
  dir: string;
  kubectl(args: string[], options?: { input?: string; kubeconfig?: KubeconfigOptions; timeoutMs?: number }): Promise<Result>;
  /** kubectl that must succeed, returning stdout. */
  ok(args: string[], options?: { input?: string }): Promise<string>;
  json<T = any>(args: string[]): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export async function startHarness(options: KubeApiOptions = {}, kubeconfig: KubeconfigOptions = {}): Promise<Harness> {
  const api = await startKubeApi({ speed: 100, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'kube-sandbox-test-'));
  const configs = new Map<string, string>();
  const configFor = (kc: KubeconfigOptions): string => {
    const key = JSON.stringify(kc);
    let file = configs.get(key);
    if (!file) {
      file = join(dir, `kubeconfig-${configs.size}`);
      writeFileSync(file, api.kubeconfig(kc), { mode: 0o600 });
      configs.set(key, file);
    }
    return file;
  };
  const kubectl: Harness['kubectl'] = (args, opts = {}) =>
    new Promise((resolve, reject) => {
      const child = execFile(
        KUBECTL,
        args,
        {
          env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: configFor(opts.kubeconfig ?? kubeconfig), KUBECACHEDIR: join(dir, 'cache') },
          timeout: opts.timeoutMs ?? 30_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') return reject(new Error(`${KUBECTL} ${args.join(' ')} could not run: ${error.message}`));
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
      if (opts.input !== undefined) child.stdin?.end(opts.input);
      else child.stdin?.end();
    });
  const ok: Harness['ok'] = async (args, opts) => {
    const r = await kubectl(args, opts);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  return {
    api,
    dir,
    kubectl,
    ok,
    json: async (args) => JSON.parse(await ok([...args, '-o', 'json'])),
    close: async () => {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function deployment(name: string, image: string, extra: { replicas?: number; annotations?: Record<string, string>; progressDeadlineSeconds?: number; env?: unknown[]; resources?: unknown } = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: extra.replicas ?? 2,
      ...(extra.progressDeadlineSeconds ? { progressDeadlineSeconds: extra.progressDeadlineSeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }], ...(extra.env ? { env: extra.env } : {}), ...(extra.resources ? { resources: extra.resources } : {}) }] },
      },
    },
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
