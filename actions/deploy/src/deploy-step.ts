import path from 'node:path';
import { tmpdir } from 'node:os';
import { EKSClient } from '@aws-sdk/client-eks';
import type { ActionContext } from '@eks-kit/action-runtime';
import { AWS_CLIENT_SETTINGS, PolicyFailure, ProcessRunner, systemClock, withAwsRetries } from '@eks-kit/core';
import {
  checkAccess, clusterApi, connectToEks, deploy, Kubectl, type KubeApi, loadManifests, preflight, prepareManifests, type DeployResult,
} from '@eks-kit/kube';
import type { DeploySettings } from '@eks-kit/inputs/deploy';
import { GitHubDeployment } from './github-deployment.js';
import { headline, renderNoVerdict, renderSummary } from './summary.js';

export const KUBECONFIG_STATE = 'kubeconfig-dir';

/**
 * The deploy after its inputs were read. `entryFile` is the bundle kubectl runs as the EKS token
 * plugin (main.ts): this module is a chunk of it, so its own file would not answer `eks-token`.
 */
export async function deployStep(context: ActionContext, inputs: DeploySettings, entryFile: string): Promise<void> {
  const started = Date.now();
  if (inputs.githubToken) context.setSecret(inputs.githubToken);
  const { logger } = context;
  const runner = new ProcessRunner();

  // Everything that needs no cluster first: bad YAML or a stray image mapping fails here.
  const offline = new Kubectl({ runner, command: inputs.kubectl });
  const where = `${inputs.clusterName ?? 'kubeconfig'}/${inputs.namespace}`;
  const manifests = await logger.group('Validate manifests', async () => {
    const loaded = await loadManifests({ paths: inputs.manifests, kustomize: inputs.kustomize, cwd: context.workspace }, offline);
    const prepared = prepareManifests(loaded, {
      namespace: inputs.namespace, images: inputs.images, deployId: inputs.deployId,
      ...(context.env.GITHUB_SHA ? { changeCause: `${context.env.GITHUB_REPOSITORY ?? ''}@${context.env.GITHUB_SHA.slice(0, 12)} ${runUrl(context.env) ?? ''}`.trim() } : {}),
    });
    logger.info(`${prepared.length} objects: ${prepared.map((m) => `${m.object.kind}/${m.object.metadata.name}`).join(', ')}`);
    return prepared;
  });
  const findings = inputs.preflight === 'off' ? [] : preflight(manifests, { fargate: inputs.fargate, ignore: inputs.preflightIgnore });
  for (const f of findings) {
    const kind = f.severity === 'error' && inputs.preflight === 'fail' ? 'error' : 'warning';
    context.annotate(kind, `${f.resource}: ${f.message}`, { title: `${f.rule} ${f.resource}`, file: f.file, startLine: f.line });
  }
  const blocking = findings.filter((f) => f.severity === 'error');
  if (inputs.preflight === 'fail' && blocking.length > 0) {
    context.setOutput('status', 'failure');
    throw new PolicyFailure(`preflight: ${blocking.length} finding(s) block the deploy (first: ${blocking[0]?.file}:${blocking[0]?.line} ${blocking[0]?.message}); nothing was applied`);
  }

  let kubeconfig = inputs.kubeconfig ? path.resolve(context.workspace, inputs.kubeconfig) : undefined;
  let cacheDir: string | undefined;
  let privateOnly = false;
  let server: string | undefined;
  let api: KubeApi | undefined;
  if (inputs.clusterName) {
    const eks = new EKSClient({ region: inputs.region, ...AWS_CLIENT_SETTINGS });
    try {
      const written = await connectToEks({
        eks: withAwsRetries(eks, { service: 'EKS', clock: systemClock, logger: context.logger, stats: { calls: 0 } }), clusterName: inputs.clusterName, clusterNameLabel: inputs.names.clusterName, region: inputs.region ?? '', parentDir: context.env.RUNNER_TEMP || tmpdir(),
        plugin: { command: process.execPath, args: [entryFile] },
      });
      // Saved at once, so the post step removes it whatever happens next.
      context.saveState(KUBECONFIG_STATE, written.dir);
      kubeconfig = written.path;
      cacheDir = written.cacheDir;
      privateOnly = written.privateOnly;
      server = written.server;
      api = clusterApi(written, inputs.clusterName, inputs.region ?? '', context.env);
      logger.info(`Cluster ${inputs.clusterName}: ${written.server}${written.version ? ` (Kubernetes ${written.version})` : ''}`);
    } finally {
      eks.destroy();
    }
  }
  const kubectl = new Kubectl({ runner, command: inputs.kubectl, ...(kubeconfig ? { kubeconfig } : {}), ...(cacheDir ? { cacheDir } : {}) });
  await checkAccess(kubectl, inputs.namespace, privateOnly, server, api);

  const [owner = '', repo = ''] = (context.env.GITHUB_REPOSITORY ?? '').split('/');
  const github = inputs.githubDeployment && inputs.githubToken && owner && context.env.GITHUB_SHA
    ? new GitHubDeployment({
      token: inputs.githubToken, owner, repo, ref: context.env.GITHUB_SHA, environment: inputs.environment,
      ...(inputs.environmentUrl ? { environmentUrl: inputs.environmentUrl } : {}),
      ...(runUrl(context.env) ? { logUrl: runUrl(context.env) } : {}),
      payload: { cluster: inputs.clusterName ?? null, namespace: inputs.namespace, images: inputs.images },
    }, logger)
    : undefined;
  if (inputs.mode === 'apply') await github?.start(`Deploying to ${where}`);

  let result: DeployResult;
  try {
    result = await deploy({
      kubectl, clock: systemClock, logger, manifests, mode: inputs.mode,
      apply: { serverSide: inputs.serverSide, fieldManager: inputs.fieldManager, forceConflicts: inputs.forceConflicts },
      deployId: inputs.deployId, prune: inputs.prune, timeoutMs: inputs.timeoutMs, pollMs: inputs.pollMs,
      unschedulableGraceMs: inputs.unschedulableGraceMs, ...(api ? { api } : {}), rollback: inputs.rollback, deleteNewOnFailure: inputs.deleteNewOnFailure, pausedDeployments: inputs.onPaused, verifyForMs: inputs.verifyForMs,
    });
  } catch (error) {
    // No verdict (apply refused, the cluster went away): say so where people look, then fail.
    context.setOutput('status', 'error');
    await github?.status('error', (error as Error).message);
    if (inputs.summary) await context.writeSummary(renderNoVerdict(where, (error as Error).message));
    throw error;
  }

  const revisions = Object.fromEntries(result.resources.filter((r) => r.revisionAfter || r.revisionBefore).map((r) => [`${r.kind}/${r.name}`, { before: r.revisionBefore ?? null, after: r.revisionAfter ?? null }]));
  context.setOutput('status', result.status);
  context.setOutput('revisions', JSON.stringify(revisions));
  context.setOutput('rolled-back', result.rolledBack);
  context.setOutput('duration', ((Date.now() - started) / 1000).toFixed(1));
  context.setOutput('resources', JSON.stringify(result.resources.map((r) => ({ kind: r.kind, name: r.name, namespace: r.namespace, result: r.state }))));
  if (result.diff) context.setOutput('changed', result.diff.changed);

  for (const r of result.resources.filter((x) => x.state === 'failed' || x.state === 'timed-out')) {
    logger.error(`${r.kind}/${r.name} ${r.state === 'failed' ? 'FAILED' : 'TIMED OUT'}: ${r.message}`);
  }
  if (inputs.summary) await context.writeSummary(renderSummary(result, where, findings, { ...(runUrl(context.env) ? { run: runUrl(context.env) } : {}), ...(inputs.environmentUrl ? { environment: inputs.environmentUrl } : {}) }));
  const line = headline(result, where);
  if (inputs.mode === 'apply') await github?.status(result.status === 'success' ? 'success' : 'failure', line);
  if (result.status === 'failure' || result.status === 'timeout') throw new PolicyFailure(`${line}: ${result.resources.find((r) => r.state === 'failed' || r.state === 'timed-out')?.message ?? ''}`);
  logger.info(line);
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

/** The deploy step: validate, connect, apply, verify, report. */
