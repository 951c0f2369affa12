import { CommandError } from '@eks-kit/core';
import { describeClusterEndpoint, type EksClientLike } from './cluster-access.js';
import { buildKubeconfig, writeKubeconfig, type WrittenKubeconfig } from './kubeconfig.js';
import { explainKubectlError, type Kubectl } from './kubectl.js';
import { tokenPluginArgs } from './token-plugin.js';

export interface ConnectOptions {
  eks: EksClientLike;
  clusterName: string;
  /** What the caller calls the cluster name (an input, a flag), for errors; default `clusterName`. */
  clusterNameLabel?: string;
  region: string;
  /** Where the kubeconfig directory goes (the runner's temp dir). */
  parentDir: string;
  /** The program and leading arguments that run our token plugin (node + this bundle). */
  plugin: { command: string; args: readonly string[] };
}

/** DescribeCluster, then a 0600 kubeconfig whose user asks our plugin for fresh tokens. */
export async function connectToEks(options: ConnectOptions): Promise<WrittenKubeconfig & { server: string; privateOnly: boolean; version?: string }> {
  const endpoint = await describeClusterEndpoint(options.eks, options.clusterName, options.clusterNameLabel);
  const content = buildKubeconfig({
    server: endpoint.server,
    caData: endpoint.caData,
    exec: { command: options.plugin.command, args: [...options.plugin.args, ...tokenPluginArgs(options.clusterName, options.region)] },
  });
  const written = writeKubeconfig(options.parentDir, content);
  return { ...written, server: endpoint.server, privateOnly: endpoint.privateOnly, ...(endpoint.version ? { version: endpoint.version } : {}) };
}

/**
 * One authenticated read before anything is applied, so rejected credentials or a private
 * endpoint out of reach fail with what to do, not halfway through a deploy.
 */
export async function checkAccess(kubectl: Pick<Kubectl, 'run'>, namespace: string, privateOnly = false): Promise<void> {
  const result = await kubectl.run(['get', 'namespace', namespace, '--ignore-not-found', '-o', 'name'], { allowFailure: true });
  if (result.exitCode === 0) return;
  const hint = explainKubectlError(result.stderr) ??
    (/timeout|i\/o timeout|no such host|connection refused/i.test(result.stderr) && privateOnly ? 'the cluster endpoint is private: run the job inside the VPC (a self-hosted runner) or enable public access' : undefined);
  throw new CommandError('kubectl', result.exitCode, result.stderr, `cannot reach the cluster: ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''}${hint ? ` — ${hint}` : ''}`);
}
