import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { EKSClient } from '@aws-sdk/client-eks';
import { AWS_CLIENT_SETTINGS, InputError, ProcessRunner, systemClock, withAwsRetries } from '@eks-kit/core';
import {
  checkAccess, connectToEks, credentialsFromEnv, credentialsFromSdkChain, deploy, formatDiagnosis, Kubectl, loadManifests, preflight, prepareManifests, removeKubeconfig, TOKEN_PLUGIN_COMMAND,
  tokenPluginOutput, type DeployResult,
} from '@eks-kit/kube';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const DEPLOY_HELP = `Usage: eks-kit deploy [options] <manifests…>

Applies manifests (files, directories, globs) to an EKS cluster, verifies the rollout by krane's
rules (fails fast on crash loops, missing images, config errors, deadlines), explains failures
with events and logs, and rolls changed workloads back to the revision they had before.

Options:
  -c, --cluster <name>           EKS cluster (DescribeCluster + a token from your AWS credentials)
      --kubeconfig <file>        use this kubeconfig instead of --cluster
  -r, --region <region>          default AWS_REGION
  -n, --namespace <ns>           for objects that name none (default: default)
  -k, --kustomize <dir>          render a kustomization (repeatable)
  -i, --image <name=image>       replace an image, e.g. web=…/web@sha256:… (repeatable)
      --mode <apply|diff>        diff: server-side dry run, prints the diff, changes nothing
      --client-side              client-side apply instead of server-side
      --field-manager <name>     default eks-kit
      --force-conflicts          take over fields other managers own
      --prune                    delete what the previous deploy with this --deploy-id created and this one does not ship
      --deploy-id <id>           label value tying objects to this deploy (default: the namespace)
      --timeout <seconds>        default 600
      --unschedulable-timeout <s> default 60
      --no-rollback              leave a failed rollout as it is
      --delete-new-on-failure    delete workloads this deploy created when it fails
      --preflight <warn|fail|off> default warn
      --fargate                  report what Fargate rejects
      --kubectl <program>        default kubectl
  -h, --help                     this help

Exit codes: 0 deployed (or diff shown), 1 rollout failed or timed out, 2 bad usage or an
unreachable cluster, 3 unexpected error.
`;

export const deployCommand: Command = async (argv, io) => {
  // kubectl runs us as its credential plugin through the CLI too.
  if (argv[0] === TOKEN_PLUGIN_COMMAND) {
    io.stdout(await tokenPluginOutput(argv, async (region) => credentialsFromEnv(io.env) ?? (await credentialsFromSdkChain(region))));
    return EXIT.ok;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cluster: { type: 'string', short: 'c' },
      kubeconfig: { type: 'string' },
      region: { type: 'string', short: 'r' },
      namespace: { type: 'string', short: 'n', default: 'default' },
      kustomize: { type: 'string', short: 'k', multiple: true },
      image: { type: 'string', short: 'i', multiple: true },
      mode: { type: 'string', default: 'apply' },
      'client-side': { type: 'boolean', default: false },
      'field-manager': { type: 'string', default: 'eks-kit' },
      'force-conflicts': { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      'deploy-id': { type: 'string' },
      timeout: { type: 'string', default: '600' },
      'unschedulable-timeout': { type: 'string', default: '60' },
      'no-rollback': { type: 'boolean', default: false },
      'delete-new-on-failure': { type: 'boolean', default: false },
      preflight: { type: 'string', default: 'warn' },
      fargate: { type: 'boolean', default: false },
      kubectl: { type: 'string', default: 'kubectl' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(DEPLOY_HELP);
    return EXIT.ok;
  }
  const mode = values.mode;
  if (mode !== 'apply' && mode !== 'diff') throw new InputError('--mode', `"${mode}" is not apply or diff`);
  const preflightMode = values.preflight;
  if (!['warn', 'fail', 'off'].includes(preflightMode)) throw new InputError('--preflight', `"${preflightMode}" is not warn, fail or off`);
  if (!values.cluster && !values.kubeconfig) throw new InputError('--cluster', 'give the EKS cluster (or --kubeconfig)');
  const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (values.cluster && !region) throw new InputError('--region', 'no AWS region: pass --region or set AWS_REGION');
  const seconds = (flag: string, text: string) => {
    if (!/^\d+$/.test(text)) throw new InputError(flag, `"${text}" is not a number of seconds`);
    return Number(text) * 1000;
  };
  const timeoutMs = seconds('--timeout', values.timeout);
  const unschedulableGraceMs = seconds('--unschedulable-timeout', values['unschedulable-timeout']);

  const runner = new ProcessRunner();
  const loaded = await loadManifests({ paths: positionals, kustomize: values.kustomize ?? [], cwd: io.cwd }, new Kubectl({ runner, command: values.kubectl }));
  const deployId = values['deploy-id'] ?? values.namespace;
  const manifests = prepareManifests(loaded, { namespace: values.namespace, images: values.image ?? [], deployId });
  const findings = preflightMode === 'off' ? [] : preflight(manifests, { fargate: values.fargate });
  for (const f of findings) io.logger.warning(`${f.file}:${f.line}: ${f.rule} ${f.resource}: ${f.message}`);
  if (preflightMode === 'fail' && findings.some((f) => f.severity === 'error')) {
    io.stdout('Preflight blocked the deploy; nothing was applied.\n');
    return EXIT.policy;
  }

  let dir: string | undefined;
  let kubeconfig = values.kubeconfig;
  let cacheDir: string | undefined;
  try {
    if (values.cluster) {
      const eks = new EKSClient({ region, ...AWS_CLIENT_SETTINGS });
      try {
        const script = process.argv[1] ?? '';
        const written = await connectToEks({
          eks: withAwsRetries(eks, { service: 'EKS', clock: systemClock, logger: io.logger, stats: { calls: 0 } }), clusterName: values.cluster, region: region ?? '', parentDir: tmpdir(),
          plugin: { command: process.execPath, args: [...process.execArgv, script, 'deploy'] },
        });
        dir = written.dir;
        kubeconfig = written.path;
        cacheDir = written.cacheDir;
      } finally {
        eks.destroy();
      }
    }
    const kubectl = new Kubectl({ runner, command: values.kubectl, ...(kubeconfig ? { kubeconfig } : {}), ...(cacheDir ? { cacheDir } : {}) });
    try {
      await checkAccess(kubectl, values.namespace);
    } catch (error) {
      // Nothing was judged: like bad input, not like a failed rollout.
      io.logger.error((error as Error).message);
      return EXIT.usage;
    }
    const result = await deploy({
      kubectl, clock: systemClock, logger: io.logger, manifests, mode,
      apply: { serverSide: !values['client-side'], fieldManager: values['field-manager'], forceConflicts: values['force-conflicts'] },
      deployId, prune: values.prune, timeoutMs, unschedulableGraceMs, rollback: !values['no-rollback'], deleteNewOnFailure: values['delete-new-on-failure'],
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
