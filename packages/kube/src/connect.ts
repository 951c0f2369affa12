import { CommandError, EksKitError } from '@eks-kit/core';
import { describeClusterEndpoint, type EksClientLike } from './cluster-access.js';
import { buildKubeconfig, writeKubeconfig, type WrittenKubeconfig } from './kubeconfig.js';
import { explainKubectlError, type Kubectl } from './kubectl.js';
import { ApiUnreachable, kubeApi, statusMessage, type ApiAnswer, type KubeApi } from './api-client.js';
import { cachedEksToken } from './eks-token.js';
import { credentialsFromEnv, credentialsFromSdkChain, tokenPluginArgs } from './token-plugin.js';

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
export async function connectToEks(options: ConnectOptions): Promise<WrittenKubeconfig & { server: string; caData: string; privateOnly: boolean; version?: string }> {
  const endpoint = await describeClusterEndpoint(options.eks, options.clusterName, options.clusterNameLabel);
  const content = buildKubeconfig({
    server: endpoint.server,
    caData: endpoint.caData,
    exec: { command: options.plugin.command, args: [...options.plugin.args, ...tokenPluginArgs(options.clusterName, options.region)] },
  });
  const written = writeKubeconfig(options.parentDir, content);
  return { ...written, server: endpoint.server, caData: endpoint.caData, privateOnly: endpoint.privateOnly, ...(endpoint.version ? { version: endpoint.version } : {}) };
}

/** What to do when a private-only endpoint does not answer, through kubectl or in-process. */
const PRIVATE_ENDPOINT_HINT = 'the cluster endpoint is private: run the job inside the VPC (a self-hosted runner) or enable public access';

/** How long the first read may take: a cluster that answers at all answers it in well under this. */
export const ACCESS_CHECK_MS = 15_000;

/**
 * One authenticated read before anything is applied, so rejected credentials or a private
 * endpoint out of reach fail with what to do, not halfway through a deploy. It is bounded on its
 * own (a black-holed endpoint otherwise costs kubectl's discovery retries, minutes) and names the
 * endpoint it could not reach.
 */
export async function checkAccess(kubectl: Pick<Kubectl, 'run'>, namespace: string, privateOnly = false, server?: string, api?: Pick<KubeApi, 'get' | 'server'>): Promise<void> {
  if (api) return checkAccessInProcess(api, namespace, privateOnly);
  const args = ['get', 'namespace', namespace, '--ignore-not-found', '-o', 'name', `--request-timeout=${Math.round(ACCESS_CHECK_MS / 3000)}s`];
  const result = await kubectl.run(args, { allowFailure: true, timeoutMs: ACCESS_CHECK_MS }).catch((error: unknown) => {
    if (error instanceof CommandError) return { exitCode: error.exitCode ?? 1, stdout: '', stderr: `no answer within ${ACCESS_CHECK_MS / 1000} s (${error.message})` };
    throw error;
  });
  if (result.exitCode === 0) return;
  const endpoint = server ?? (await serverOf(kubectl));
  const hint = explainKubectlError(result.stderr) ??
    (/timeout|timed out|no answer|no such host|connection refused|unreachable/i.test(result.stderr) && privateOnly ? PRIVATE_ENDPOINT_HINT : undefined);
  const last = result.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  throw new CommandError('kubectl', result.exitCode, result.stderr, `cannot reach the cluster${endpoint ? ` at ${endpoint}` : ''}: ${last}${hint ? ` — ${hint}` : ''}`);
}

const ACCESS_ATTEMPTS = 3;

/**
 * The same read from this process, for a cluster whose API the deploy reaches itself (no kubectl
 * process and token plugin to start): a few tries, each request a third of the bound, as kubectl
 * retries its discovery.
 */
async function checkAccessInProcess(api: Pick<KubeApi, 'get' | 'server'>, namespace: string, privateOnly: boolean): Promise<void> {
  const deadline = Date.now() + ACCESS_CHECK_MS;
  let answer: ApiAnswer | undefined;
  let unreachable: ApiUnreachable | undefined;
  for (let attempt = 0; attempt < ACCESS_ATTEMPTS && !answer; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(500, left)));
    try {
      answer = await api.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, { timeoutMs: Math.max(1, Math.min(ACCESS_CHECK_MS / ACCESS_ATTEMPTS, deadline - Date.now())) });
    } catch (error) {
      if (!(error instanceof ApiUnreachable)) throw error;
      unreachable = error;
    }
  }
  // A namespace that does not exist yet is fine: the deploy may create it.
  if (answer && (answer.status < 300 || answer.status === 404)) return;
  const detail = answer ? `${answer.status} ${statusMessage(answer.body)}` : (unreachable?.detail ?? 'no answer');
  const hint = explainKubectlError(detail) ?? (!answer && privateOnly ? PRIVATE_ENDPOINT_HINT : undefined);
  // Reached but refused (401, 403) is not "cannot reach": the message says which it was.
  const what = answer ? `the cluster at ${api.server} refused the first read (namespace ${namespace})` : `cannot reach the cluster at ${api.server}`;
  throw new EksKitError(`${what}: ${detail}${hint ? ` — ${hint}` : ''}`);
}

/** The API server the kubeconfig points at, for messages; read offline. */
async function serverOf(kubectl: Pick<Kubectl, 'run'>): Promise<string | undefined> {
  const view = await kubectl.run(['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}'], { allowFailure: true, timeoutMs: 5_000 }).catch(() => undefined);
  return view?.exitCode === 0 && view.stdout.trim() ? view.stdout.trim() : undefined;
}

/**
 * The connected cluster's API for the deploy's own reads and watches, with the token kubectl's
 * plugin would hand out, made in this process and renewed before it expires. None behind an
 * HTTPS proxy: node:https does not go through one, kubectl does.
 */
export function clusterApi(endpoint: { server: string; caData: string }, clusterName: string, region: string, env: NodeJS.ProcessEnv): KubeApi | undefined {
  if (env.HTTPS_PROXY || env.https_proxy) return undefined;
  return kubeApi({
    server: endpoint.server,
    caData: endpoint.caData,
    token: cachedEksToken({ clusterName, region, credentials: async () => credentialsFromEnv(env) ?? (await credentialsFromSdkChain(region)) }),
  });
}
