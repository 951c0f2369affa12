import { tmpdir } from 'node:os';
import { EKSClient } from '@aws-sdk/client-eks';
import { AWS_CLIENT_SETTINGS, ProcessRunner, systemClock, withAwsRetries } from '@eks-kit/core';
import {
  checkAccess, clusterApi, connectToEks, credentialsFromEnv, credentialsFromSdkChain, deploy, formatDiagnosis, Kubectl, loadManifests, preflight, prepareManifests, removeKubeconfig, TOKEN_PLUGIN_COMMAND,
  tokenPluginOutput, type KubeApi, type DeployResult,
} from '@eks-kit/kube';
import { DEPLOY_TABLE, readDeploySettings } from '@eks-kit/inputs/deploy';
import type { Command } from '../command.js';
import { readCommandLine } from '../command-line.js';
import { EXIT } from '../exit-codes.js';

export const deployCommand: Command = async (argv, io) => {
  // kubectl runs us as its credential plugin through the CLI too.
  if (argv[0] === TOKEN_PLUGIN_COMMAND) {
    io.stdout(await tokenPluginOutput(argv, async (region) => credentialsFromEnv(io.env) ?? (await credentialsFromSdkChain(region))));
    return EXIT.ok;
  }
  const read = readCommandLine(DEPLOY_TABLE, argv, io);
  if (!read) return EXIT.ok;
  const settings = readDeploySettings(read, io.env);

  const runner = new ProcessRunner();
  const loaded = await loadManifests({ paths: settings.manifests, kustomize: settings.kustomize, cwd: io.cwd }, new Kubectl({ runner, command: settings.kubectl }));
  const manifests = prepareManifests(loaded, { namespace: settings.namespace, images: settings.images, deployId: settings.deployId });
  const findings = settings.preflight === 'off' ? [] : preflight(manifests, { fargate: settings.fargate, ignore: settings.preflightIgnore });
  for (const f of findings) io.logger.warning(`${f.file}:${f.line}: ${f.rule} ${f.resource}: ${f.message}`);
  if (settings.preflight === 'fail' && findings.some((f) => f.severity === 'error')) {
    io.stdout('Preflight blocked the deploy; nothing was applied.\n');
    return EXIT.policy;
  }

  let dir: string | undefined;
  let kubeconfig = settings.kubeconfig;
  let cacheDir: string | undefined;
  let api: KubeApi | undefined;
  try {
    if (settings.clusterName) {
      const eks = new EKSClient({ region: settings.region, ...AWS_CLIENT_SETTINGS });
      try {
        const script = process.argv[1] ?? '';
        const written = await connectToEks({
          eks: withAwsRetries(eks, { service: 'EKS', clock: systemClock, logger: io.logger, stats: { calls: 0 } }), clusterName: settings.clusterName, clusterNameLabel: settings.names.clusterName, region: settings.region ?? '', parentDir: tmpdir(),
          plugin: { command: process.execPath, args: [...process.execArgv, script, 'deploy'] },
        });
        dir = written.dir;
        kubeconfig = written.path;
        cacheDir = written.cacheDir;
        api = clusterApi(written, settings.clusterName, settings.region ?? '', io.env);
      } finally {
        eks.destroy();
      }
    }
    const kubectl = new Kubectl({ runner, command: settings.kubectl, ...(kubeconfig ? { kubeconfig } : {}), ...(cacheDir ? { cacheDir } : {}) });
    try {
      await checkAccess(kubectl, settings.namespace, false, undefined, api);
    } catch (error) {
      // Nothing was judged: like bad input, not like a failed rollout.
      io.logger.error((error as Error).message);
      return EXIT.usage;
    }
    const result = await deploy({
      kubectl, clock: systemClock, logger: io.logger, manifests, mode: settings.mode,
      apply: { serverSide: settings.serverSide, fieldManager: settings.fieldManager, forceConflicts: settings.forceConflicts },
      deployId: settings.deployId, prune: settings.prune, timeoutMs: settings.timeoutMs, unschedulableGraceMs: settings.unschedulableGraceMs, ...(api ? { api } : {}), rollback: settings.rollback, deleteNewOnFailure: settings.deleteNewOnFailure, pausedDeployments: settings.onPaused, verifyForMs: settings.verifyForMs,
    });
    io.stdout(report(result));
    return result.status === 'success' || result.status === 'diff' ? EXIT.ok : EXIT.policy;
  } finally {
    if (dir) removeKubeconfig(dir);
  }
};

/** The human report: one line per resource, then rollback and diagnostics. */
export function report(result: DeployResult): string {
  const lines: string[] = [];
  if (result.status === 'diff') return result.diff?.changed ? result.diff.text : 'No changes.\n';
  for (const r of result.resources) {
    const revision = r.revisionBefore || r.revisionAfter ? ` [revision ${r.revisionBefore ?? 'new'} -> ${r.revisionAfter ?? '?'}]` : '';
    lines.push(`${r.state.padEnd(12)} ${r.kind}/${r.name}${revision}: ${r.message}`);
  }
  for (const r of result.rollbacks) lines.push(`rollback     ${r.kind}/${r.name}: ${r.action} (${r.message})`);
  for (const d of result.diagnostics) lines.push('', formatDiagnosis(d));
  for (const p of result.pruned) lines.push(`pruned       ${p.kind}/${p.name} (${p.namespace})`);
  lines.push('', `${result.status.toUpperCase()} in ${(result.durationMs / 1000).toFixed(1)} s${result.rolledBack ? ', rolled back' : ''}`);
  return `${lines.join('\n')}\n`;
}
