import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EKSClient } from '@aws-sdk/client-eks';
import { AWS_CLIENT_SETTINGS, InputError, ProcessRunner, systemClock, withAwsRetries } from '@eks-kit/core';
import { checkFleet, formatText, helmRendering, parseMinor } from '@eks-kit/eks';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const VERSION_DRIFT_HELP = `Usage: eks-kit version-drift [options] [clusters…]

Checks EKS clusters against the EKS support calendar (DescribeClusterVersions, else the bundled
calendar), node group and add-on skew, upgrade insights and the manifests in this directory, and
prints the upgrade playbook for the next minor. Clusters are names, region/name or ARNs; without
any, every cluster in --regions is checked.

Options:
  -r, --regions <list>            regions, comma-separated (default: AWS_REGION)
      --target-version <x.y>      judge manifests against this version (default: each cluster's next minor)
      --warn-days <n>             warn this many days before the end of standard support (default 90)
      --fail-days <n>             fail this many days before it, and in extended support (default 30)
      --fail-on-blockers <bool>   fail when the next upgrade has a blocker (default true)
      --scan-manifests <bool>     scan YAML for deprecated/removed APIs (default true)
      --render-helm <bool>        render charts with helm template when helm is on PATH (default true)
  -m, --manifests <list>          files or directories to scan, comma-separated (default: .)
      --concurrency <n>           clusters checked at once (default 4)
  -f, --format <format>           text | json (default: text)
  -o, --output <file>             write the report to a file instead of stdout
  -h, --help                      this help

Credentials and endpoints come from the usual AWS variables and profiles.
Exit codes: 0 within policy, 1 policy failure, 2 bad usage or a cluster that could not be checked,
3 unexpected error.
`;

export const versionDriftCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      regions: { type: 'string', short: 'r', multiple: true },
      'target-version': { type: 'string' },
      'warn-days': { type: 'string' },
      'fail-days': { type: 'string' },
      'fail-on-blockers': { type: 'string' },
      'scan-manifests': { type: 'string' },
      'render-helm': { type: 'string' },
      manifests: { type: 'string', short: 'm', multiple: true },
      concurrency: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(VERSION_DRIFT_HELP);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError('--format', `"${format}" is not a format; expected text or json`);
  const target = values['target-version'];
  if (target && !parseMinor(target)) throw new InputError('--target-version', `"${target}" is not a Kubernetes version like 1.33`);
  const warnDays = integer('--warn-days', values['warn-days'], 90);
  const failDays = integer('--fail-days', values['fail-days'], 30);
  if (failDays > warnDays) throw new InputError('--fail-days', `${failDays} is more than --warn-days (${warnDays})`);
  const listed = split(values.regions);
  const defaultRegion = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION;

  const report = await checkFleet({
    clusters: positionals.flatMap((p) => split([p])),
    regions: listed.length > 0 ? listed : defaultRegion ? [defaultRegion] : [],
    eksFor: (region) => withAwsRetries(new EKSClient({ region, ...AWS_CLIENT_SETTINGS }), { service: 'EKS', clock: systemClock, logger: io.logger, stats: { calls: 0 } }),
    clock: systemClock,
    policy: { warnDays, failDays, failOnBlockers: bool('--fail-on-blockers', values['fail-on-blockers'], true) },
    ...(target ? { targetVersion: target.replace(/^v/, '') } : {}),
    ...(bool('--scan-manifests', values['scan-manifests'], true) ? { manifestPaths: split(values.manifests), root: io.cwd } : {}),
    ...(await helmRendering(bool('--render-helm', values['render-helm'], true), new ProcessRunner(), io.env)),
    concurrency: integer('--concurrency', values.concurrency, 4),
    logger: io.logger,
  });
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatText(report);
  if (values.output) {
    writeFileSync(path.resolve(io.cwd, values.output), text);
    io.logger.info(`Result: ${report.status}. Report written to ${values.output}.`);
  } else io.stdout(text);
  for (const failure of report.failures) io.logger.error(`${failure.cluster} (${failure.region}): ${failure.message}`);
  if (report.failures.length > 0) return EXIT.usage;
  return report.status === 'failure' ? EXIT.policy : EXIT.ok;
};

function split(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function integer(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new InputError(flag, `"${value}" is not a whole number`);
  return Number(value);
}

function bool(flag: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (['true', 'yes', '1'].includes(value.toLowerCase())) return true;
  if (['false', 'no', '0'].includes(value.toLowerCase())) return false;
  throw new InputError(flag, `"${value}" is not a boolean; expected true or false`);
}
