import { InputError } from '@eks-kit/core';
import { namedTargets, parseMinor, roleAccounts, type DriftPolicy } from '@eks-kit/eks';
import { OUTPUT_FILE, textOrJsonFormat } from './common-inputs.js';
import { defineTable } from './spec.js';
import type { ReaderOf } from './spec-names.js';

export const VERSION_DRIFT_TABLE = defineTable({
  action: 'version-drift',
  cli: {
    command: 'version-drift',
    usage: '[options] [clusters…]',
    intro: `Checks EKS clusters against the EKS support calendar (DescribeClusterVersions, else the bundled
calendar), node group and add-on skew, upgrade insights and the manifests in this directory, and
prints the upgrade playbook for the next minor. Clusters are names, region/name or ARNs; without
any, every cluster in --regions is checked.`,
    outro: `Credentials and endpoints come from the usual AWS variables and profiles.
Exit codes: 0 within policy, 1 policy failure, 2 bad usage or a cluster that could not be checked,
3 unexpected error.`,
  },
  inputs: [
    {
      name: 'clusters',
      kind: 'list',
      description: 'Clusters to check, one a line or comma-separated, as name, region/name or ARN. Default every cluster in `regions`.',
      default: '',
      cli: { positional: 'clusters', help: 'names, region/name or ARNs (default: every cluster in --regions)' },
    },
    {
      name: 'regions',
      kind: 'list',
      description: 'Regions (one a line or comma-separated). A bare cluster name is in the first; with no clusters, every cluster in each is checked. Default AWS_REGION.',
      default: '',
      cli: { short: 'r', repeatable: true, value: '<list>', help: 'regions, comma-separated (default: AWS_REGION)' },
    },
    {
      name: 'roles',
      kind: 'list',
      description: 'IAM roles to assume (one a line or comma-separated), one per AWS account: each account\'s clusters in `regions` are checked through its role (STS AssumeRole), all under `concurrency`. With roles, `clusters` are ARNs or empty. Default none: the credentials\' own account.',
      default: '',
      cli: { repeatable: true, value: '<list>', help: 'IAM role ARNs to assume, one per account, comma-separated' },
    },
    {
      name: 'target-version',
      kind: 'string',
      description: "Kubernetes version to judge manifests against. Default each cluster's next minor.",
      default: '',
      cli: { value: '<x.y>', help: "judge manifests against this version (default: each cluster's next minor)" },
    },
    {
      name: 'warn-days',
      kind: 'integer',
      unit: 'days',
      min: 0,
      max: 3650,
      description: 'Warn this many days (or fewer) before the end of standard support.',
      default: '90',
      cli: { value: '<n>', help: 'warn this many days before the end of standard support' },
    },
    {
      name: 'fail-days',
      kind: 'integer',
      unit: 'days',
      min: -3650,
      max: 3650,
      description: 'Fail this many days (or fewer) before the end of standard support, and once in extended support.',
      default: '30',
      cli: { value: '<n>', help: 'fail this many days before it, and in extended support' },
    },
    {
      name: 'fail-on-blockers',
      kind: 'boolean',
      description: 'Fail when the next upgrade has a blocker (node group skew, add-on with no version, failing insight, removed API in the manifests).',
      default: 'true',
      cli: { value: '<bool>', help: 'fail when the next upgrade has a blocker' },
    },
    {
      name: 'scan-manifests',
      kind: 'boolean',
      description: "Scan the repository's YAML for deprecated and removed Kubernetes APIs.",
      default: 'true',
      cli: { value: '<bool>', help: 'scan YAML for deprecated/removed APIs' },
    },
    {
      name: 'manifests',
      kind: 'list',
      description: 'Files or directories to scan (one a line or comma-separated), relative to the repository root. Default the whole repository.',
      default: '',
      cli: { short: 'm', repeatable: true, value: '<list>', help: 'files or directories to scan, comma-separated (default: .)' },
    },
    {
      name: 'additional-versions',
      kind: 'string',
      description: "A versions file in pluto's format (`deprecated-versions:` entries of version, kind, deprecated-in, removed-in, replacement-api), relative to the repository root: your own CRDs' or APIs' lifecycles, judged with the bundled list and winning over it. Empty for none.",
      default: '',
      cli: { value: '<file>', help: "a versions file in pluto's format, judged with the bundled API list" },
    },
    {
      name: 'render-helm',
      kind: 'boolean',
      description: 'Render Helm charts (directories with a Chart.yaml) with `helm template` when helm is on PATH; otherwise their templates are scanned line by line, and the summary says so.',
      default: 'true',
      cli: { value: '<bool>', help: 'render charts with helm template when helm is on PATH' },
    },
    {
      name: 'cluster-access',
      kind: 'boolean',
      description: "Read each cluster's Kubernetes API (an EKS token made in process from the AWS credentials, as deploy does) for PodDisruptionBudgets that block node drains, single replicas, missing spread and readiness probes, unmanaged pods, Docker socket mounts and in-tree EBS storage. Needs an EKS access entry with list on those kinds (AmazonEKSAdminViewPolicy); a refusal is one warning and the AWS-side checks still run.",
      default: 'false',
      cli: { value: '<bool>', help: "read each cluster's API for the workload checks" },
    },
    {
      name: 'concurrency',
      kind: 'integer',
      min: 1,
      max: 32,
      description: 'Clusters checked at once.',
      default: '4',
      cli: { value: '<n>', help: 'clusters checked at once' },
    },
    {
      name: 'create-issues',
      kind: 'boolean',
      description: 'Keep one GitHub issue per drifting cluster (created, updated, closed when healthy). Needs `issues: write`.',
      default: 'true',
      cliValue: 'false',
    },
    { name: 'issue-label', kind: 'string', description: 'Label of the issues this action manages.', default: 'eks-version-drift' },
    { name: 'github-token', kind: 'string', description: 'Token for the issues.', default: '${{ github.token }}' },
    {
      name: 'report-file',
      kind: 'string',
      description: 'Write the full report as JSON here (for dashboards). Empty for none.',
      default: 'eks-version-drift.json',
      cliValue: '',
    },
    textOrJsonFormat(),
    OUTPUT_FILE,
  ],
  outputs: [
    { name: 'status', description: 'ok, warning, failure (policy), or error (a cluster could not be checked).' },
    { name: 'current-version', description: 'Kubernetes version of the most urgent cluster.' },
    { name: 'target-version', description: 'Version that cluster was judged against (its next minor unless target-version is set).' },
    { name: 'days-left', description: "Days until that cluster's end of standard support (negative once passed)." },
    { name: 'clusters', description: 'Clusters checked.' },
    { name: 'failed-clusters', description: 'Clusters that could not be checked.' },
    { name: 'blockers', description: 'Upgrade blockers across all clusters.' },
    { name: 'report-file', description: 'Path of the JSON report, when one was written.' },
  ],
});

export interface VersionDriftSettings {
  clusters: string[];
  regions: string[];
  roles: string[];
  targetVersion?: string;
  policy: DriftPolicy;
  /** undefined: do not scan manifests. */
  manifests?: string[];
  renderHelm: boolean;
  /** A versions file in pluto's format, relative to the root; with the name the user knows it by. */
  additionalVersions?: { path: string; label: string };
  clusterAccess: boolean;
  concurrency: number;
  createIssues: boolean;
  issueLabel: string;
  githubToken?: string;
  reportFile?: string;
  format: 'text' | 'json';
  output?: string;
}

/** Validates every setting before any AWS call. */
export function readVersionDriftSettings(read: ReaderOf<typeof VERSION_DRIFT_TABLE>, env: NodeJS.ProcessEnv): VersionDriftSettings {
  const regions = read.list('regions');
  const defaultRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const targetVersion = read.optional('target-version');
  if (targetVersion && !parseMinor(targetVersion)) throw new InputError(read.label('target-version'), `"${targetVersion}" is not a Kubernetes version like 1.33`);
  const warnDays = read.integer('warn-days');
  const failDays = read.integer('fail-days');
  if (failDays > warnDays) throw new InputError(read.label('fail-days'), `${failDays} is more than ${read.label('warn-days')} (${warnDays}); failing must come after warning`);
  const createIssues = read.boolean('create-issues');
  const token = read.optional('github-token');
  if (createIssues && !token) throw new InputError(read.label('github-token'), `is needed to manage issues (or set ${read.label('create-issues')}: false)`);
  const reportFile = read.optional('report-file');
  const output = read.optional('output');
  const additionalVersions = read.optional('additional-versions');
  const roles = read.list('roles');
  const accounts = roleAccounts(roles, read.label('roles'));
  const clusters = read.list('clusters');
  const targetRegions = regions.length > 0 ? regions : defaultRegion ? [defaultRegion] : [];
  namedTargets({ clusters, regions: targetRegions, accounts }, { clusters: read.label('clusters'), regions: read.label('regions'), roles: read.label('roles') });
  return {
    clusters,
    roles,
    regions: targetRegions,
    ...(targetVersion ? { targetVersion: targetVersion.replace(/^v/, '') } : {}),
    policy: { warnDays, failDays, failOnBlockers: read.boolean('fail-on-blockers') },
    ...(read.boolean('scan-manifests') ? { manifests: read.list('manifests') } : {}),
    renderHelm: read.boolean('render-helm'),
    ...(additionalVersions ? { additionalVersions: { path: additionalVersions, label: read.label('additional-versions') } } : {}),
    clusterAccess: read.boolean('cluster-access'),
    concurrency: read.integer('concurrency'),
    createIssues,
    issueLabel: read.text('issue-label'),
    ...(token ? { githubToken: token } : {}),
    ...(reportFile ? { reportFile } : {}),
    format: read.choice<'text' | 'json'>('format'),
    ...(output ? { output } : {}),
  };
}
