import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ExecPlugin {
  /** The program kubectl runs for a token: the node binary running us, as `node` may not be on PATH. */
  command: string;
  args: string[];
  /** Extra variables for the plugin; credentials are inherited from kubectl's environment, never written here. */
  env?: Record<string, string>;
}

export interface KubeconfigSpec {
  server: string;
  /** base64 PEM, as EKS DescribeCluster returns it. */
  caData?: string;
  exec: ExecPlugin;
  namespace?: string;
}

/**
 * A kubeconfig whose user is an exec plugin: kubectl asks it for a fresh token whenever the last one
 * nears expiry, so a rollout longer than the 15-minute token keeps working. It holds no secret.
 */
export function buildKubeconfig(spec: KubeconfigSpec): string {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'eks', cluster: { server: spec.server, ...(spec.caData ? { 'certificate-authority-data': spec.caData } : {}) } }],
    users: [
      {
        name: 'eks',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            command: spec.exec.command,
            args: spec.exec.args,
            env: Object.entries(spec.exec.env ?? {}).map(([name, value]) => ({ name, value })),
            interactiveMode: 'Never',
            provideClusterInfo: false,
          },
        },
      },
    ],
    contexts: [{ name: 'eks', context: { cluster: 'eks', user: 'eks', ...(spec.namespace ? { namespace: spec.namespace } : {}) } }],
    'current-context': 'eks',
  };
  // JSON is YAML, and kubectl reads either.
  return `${JSON.stringify(config, null, 2)}\n`;
}

export interface WrittenKubeconfig {
  /** The directory holding the kubeconfig and kubectl's discovery cache; remove it to clean up. */
  dir: string;
  path: string;
  cacheDir: string;
}

/** Writes the kubeconfig, readable by its owner only, in a fresh directory under `parent`. */
export function writeKubeconfig(parent: string, content: string): WrittenKubeconfig {
  const dir = mkdtempSync(path.join(parent, 'eks-kit-deploy-'));
  chmodSync(dir, 0o700);
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(file, content, { mode: 0o600 });
  return { dir, path: file, cacheDir: path.join(dir, 'cache') };
}

/** Removes what writeKubeconfig made; only a directory of ours (by name) is touched. */
export function removeKubeconfig(dir: string): boolean {
  if (!path.basename(dir).startsWith('eks-kit-deploy-')) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}
