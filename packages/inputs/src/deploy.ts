import { InputError } from '@eks-kit/core';
import { DEFAULT_FIELD_MANAGER, parseImageMappings } from '@eks-kit/kube';
import { regionFromSources } from './common-inputs.js';
import { defineTable } from './spec.js';
import type { ReaderOf } from './spec-names.js';

export const DEPLOY_TABLE = defineTable({
  action: 'deploy',
  cli: {
    command: 'deploy',
    usage: '[options] <manifests…>',
    intro: `Applies manifests (files, directories, globs) to an EKS cluster, verifies the rollout by krane's
rules (fails fast on crash loops, missing images, config errors, deadlines), explains failures
with events and logs, and rolls changed workloads back to the revision they had before.`,
    outro: `Exit codes: 0 deployed (or diff shown), 1 rollout failed or timed out, 2 bad usage or an
unreachable cluster, 3 unexpected error.`,
  },
  inputs: [
    {
      name: 'cluster-name',
      kind: 'string',
      description: "EKS cluster name. Endpoint and CA come from DescribeCluster; tokens are made from the job's AWS credentials and refreshed during long rollouts.",
      default: '',
      cli: { flag: 'cluster', short: 'c', value: '<name>', help: 'EKS cluster (DescribeCluster + a token from your AWS credentials)' },
    },
    {
      name: 'region',
      kind: 'string',
      description: 'AWS region of the cluster. Default AWS_REGION.',
      default: '',
      cli: { short: 'r', value: '<region>', help: 'the cluster\'s region (default: AWS_REGION)' },
    },
    {
      name: 'kubeconfig',
      kind: 'string',
      description: 'Path of a kubeconfig to use instead of cluster-name.',
      default: '',
      cli: { value: '<file>', help: 'use this kubeconfig instead of --cluster' },
    },
    {
      name: 'namespace',
      kind: 'string',
      description: 'Namespace for objects that name none.',
      default: 'default',
      cli: { short: 'n', value: '<ns>', help: 'for objects that name none' },
    },
    {
      name: 'manifests',
      kind: 'list',
      description: 'Manifest files, directories or globs (** allowed), one a line or comma-separated.',
      default: '',
      cli: { positional: 'manifests', help: 'manifest files, directories or globs' },
    },
    {
      name: 'kustomize',
      kind: 'list',
      description: 'Kustomization directories, rendered with kubectl kustomize.',
      default: '',
      cli: { short: 'k', repeatable: true, value: '<dir>', help: 'render a kustomization' },
    },
    {
      name: 'images',
      kind: 'list',
      description: "Images to run, one a line: name=repository@sha256:… (build-push's output). name matches a container image repository or its last path part; a name that matches nothing fails the step.",
      default: '',
      cli: { flag: 'image', short: 'i', repeatable: true, value: '<name=image>', help: 'replace an image, e.g. web=…/web@sha256:…' },
    },
    {
      name: 'mode',
      kind: 'choice',
      choices: ['apply', 'diff'],
      description: 'apply, or diff (server-side dry run into the job summary; nothing changes).',
      default: 'apply',
      cli: { value: '<apply|diff>', help: 'diff: server-side dry run, prints the diff, changes nothing' },
    },
    {
      name: 'server-side',
      kind: 'boolean',
      description: 'Server-side apply with field-manager; false for client-side apply.',
      default: 'true',
      cli: { flag: 'client-side', switch: 'off', help: 'client-side apply instead of server-side' },
    },
    {
      name: 'field-manager',
      kind: 'string',
      description: 'Field manager name for server-side apply.',
      default: DEFAULT_FIELD_MANAGER,
      cli: { value: '<name>', help: 'field manager of server-side apply' },
    },
    {
      name: 'force-conflicts',
      kind: 'boolean',
      description: 'Take over fields another field manager owns (server-side apply).',
      default: 'false',
      cli: { switch: 'on', help: 'take over fields other managers own' },
    },
    {
      name: 'prune',
      kind: 'boolean',
      description: 'After a successful deploy, delete objects the previous deploy with the same deploy-id created and this one does not ship.',
      default: 'false',
      cli: { switch: 'on', help: 'delete what the previous deploy with this --deploy-id created and this one does not ship' },
    },
    {
      name: 'deploy-id',
      kind: 'string',
      description: 'Label value (eks-kit.dev/deploy) that ties objects to this deploy, for prune. Default the repository name.',
      default: '',
      cli: { value: '<id>', help: 'label value tying objects to this deploy (default: the namespace)' },
    },
    {
      name: 'timeout',
      kind: 'integer',
      unit: 'seconds',
      min: 1,
      max: 6 * 3600,
      description: "Seconds for the whole deploy up to its verdict: apply and verification (the rollback gets as long again). A resource's eks-kit.dev/timeout annotation (90s, 5m) shortens it for that resource.",
      default: '600',
      cli: { value: '<seconds>', help: 'bound on apply and verification together' },
    },
    {
      name: 'verify-for',
      kind: 'integer',
      unit: 'seconds',
      min: 0,
      max: 3600,
      description: 'Seconds the new pods must stay up after a rollout completes: a pod that restarts or turns unready in that window fails the deploy (and rolls it back). 0 turns the window off.',
      default: '10',
      cli: { value: '<seconds>', help: 'settle window after the rollout completes' },
    },
    {
      name: 'unschedulable-timeout',
      kind: 'integer',
      unit: 'seconds',
      min: 0,
      max: 6 * 3600,
      description: 'Seconds pods may stay unschedulable (an autoscaler adding a node) before the rollout fails.',
      default: '60',
      cli: { value: '<seconds>', help: 'how long pods may stay unschedulable' },
    },
    {
      name: 'poll-interval',
      kind: 'number',
      unit: 'seconds',
      min: 0.1,
      max: 60,
      description: 'Seconds between looks at deadlines and grace periods while verifying; status changes arrive by watch as they happen.',
      default: '1',
    },
    {
      name: 'rollback',
      kind: 'boolean',
      description: 'On failure, roll each changed Deployment back to the revision recorded before apply (StatefulSets and DaemonSets to their previous one) and wait for it.',
      default: 'true',
      cli: { flag: 'no-rollback', switch: 'off', help: 'leave a failed rollout as it is' },
    },
    {
      name: 'on-paused',
      kind: 'choice',
      choices: ['fail', 'resume'],
      description: 'A Deployment found paused after apply rolls nothing out: fail at once (and roll back), or resume it and verify the rollout. One its own manifest pauses is never resumed.',
      default: 'fail',
      cli: { value: '<fail|resume>', help: 'what to do with a paused Deployment' },
    },
    {
      name: 'delete-new-on-failure',
      kind: 'boolean',
      description: 'On failure, delete workloads this deploy created (they have nothing to roll back to).',
      default: 'false',
      cli: { switch: 'on', help: 'delete workloads this deploy created when it fails' },
    },
    {
      name: 'preflight',
      kind: 'choice',
      choices: ['warn', 'fail', 'off'],
      description: 'Checks on the rendered manifests before apply: warn, fail (on privileged containers, mutable tags, Fargate rejections) or off.',
      default: 'warn',
      cli: { value: '<warn|fail|off>', help: 'checks on the rendered manifests before apply' },
    },
    { name: 'preflight-ignore', kind: 'list', description: 'Preflight rule ids to skip (EKD001…EKD008).', default: '' },
    {
      name: 'fargate',
      kind: 'boolean',
      description: 'The pods run on Fargate; preflight reports what a Fargate profile rejects.',
      default: 'false',
      cli: { switch: 'on', help: 'report what Fargate rejects' },
    },
    {
      name: 'github-deployment',
      kind: 'boolean',
      description: 'Create a GitHub deployment with statuses (needs permissions deployments write). A job with environment already gets one from GitHub.',
      default: 'false',
    },
    { name: 'environment', kind: 'string', description: 'GitHub environment name for github-deployment.', default: 'production' },
    { name: 'environment-url', kind: 'string', description: 'URL of the deployed environment, for the deployment status and the summary.', default: '' },
    { name: 'github-token', kind: 'string', description: 'Token for github-deployment.', default: '${{ github.token }}' },
    { name: 'summary', kind: 'boolean', description: 'Write the job summary.', default: 'true' },
    {
      name: 'kubectl',
      kind: 'string',
      description: 'kubectl program name or path.',
      default: 'kubectl',
      cli: { value: '<program>', help: 'kubectl program name or path' },
    },
  ],
  outputs: [
    { name: 'status', description: 'success, failure, timeout, diff, or error (no verdict).' },
    { name: 'revisions', description: 'JSON: {"Deployment/web": {"before": "3", "after": "4"}} for each rollable workload.' },
    { name: 'rolled-back', description: 'true when a workload was rolled back or deleted after a failure.' },
    { name: 'duration', description: 'Seconds the step took.' },
    { name: 'resources', description: 'JSON list of {kind, name, namespace, result}.' },
    { name: 'changed', description: 'In diff mode, whether the cluster differs from the manifests.' },
  ],
});

export interface DeploySettings {
  /** EKS cluster to reach through DescribeCluster; or `kubeconfig` instead. */
  clusterName?: string;
  kubeconfig?: string;
  region?: string;
  namespace: string;
  manifests: string[];
  kustomize: string[];
  images: string[];
  mode: 'apply' | 'diff';
  serverSide: boolean;
  fieldManager: string;
  forceConflicts: boolean;
  prune: boolean;
  deployId: string;
  timeoutMs: number;
  pollMs: number;
  unschedulableGraceMs: number;
  verifyForMs: number;
  rollback: boolean;
  deleteNewOnFailure: boolean;
  onPaused: 'fail' | 'resume';
  preflight: 'warn' | 'fail' | 'off';
  preflightIgnore: string[];
  fargate: boolean;
  githubDeployment: boolean;
  environment: string;
  environmentUrl?: string;
  githubToken?: string;
  summary: boolean;
  kubectl: string;
  /** What the user calls the settings the libraries report on. */
  names: { clusterName: string };
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Every setting checked before any AWS or cluster call. */
export function readDeploySettings(read: ReaderOf<typeof DEPLOY_TABLE>, env: NodeJS.ProcessEnv): DeploySettings {
  const clusterName = read.optional('cluster-name');
  const kubeconfig = read.optional('kubeconfig');
  const cluster = read.label('cluster-name');
  if (!clusterName && !kubeconfig) throw new InputError(cluster, `give the EKS cluster name (or ${read.mention('kubeconfig')})`);
  if (clusterName && kubeconfig) throw new InputError(read.label('kubeconfig'), `give ${cluster} or ${read.label('kubeconfig')}, not both`);
  const region = regionFromSources([[read.label('region'), read.optional('region')]], env);
  if (clusterName && !region) throw new InputError(read.label('region'), `no AWS region: give ${read.mention('region')} or set AWS_REGION (aws-actions/configure-aws-credentials does)`);

  const namespace = read.text('namespace');
  if (!NAME.test(namespace) || namespace.length > 63) throw new InputError(read.label('namespace'), `"${namespace}" is not a valid namespace name`);
  const manifests = read.list('manifests');
  const kustomize = read.list('kustomize');
  if (manifests.length === 0 && kustomize.length === 0) throw new InputError(read.label('manifests'), `give manifest files, directories or globs (or ${read.mention('kustomize')} directories)`);
  const images = read.list('images');
  parseImageMappings(images, read.label('images'));

  // In a workflow the repository names the deploy; on a terminal the namespace does, as --help says.
  const repository = read.surface === 'action' ? ((env.GITHUB_REPOSITORY ?? '').split('/').pop() ?? '') : '';
  const environmentUrl = read.optional('environment-url');
  const githubToken = read.optional('github-token');
  return {
    ...(clusterName ? { clusterName } : {}),
    ...(kubeconfig ? { kubeconfig } : {}),
    ...(region ? { region } : {}),
    namespace,
    manifests,
    kustomize,
    images,
    mode: read.choice<'apply' | 'diff'>('mode'),
    serverSide: read.boolean('server-side'),
    fieldManager: read.text('field-manager'),
    forceConflicts: read.boolean('force-conflicts'),
    prune: read.boolean('prune'),
    deployId: read.optional('deploy-id') ?? (repository || namespace),
    timeoutMs: read.integer('timeout') * 1000,
    pollMs: Math.round(read.number('poll-interval') * 1000),
    unschedulableGraceMs: read.integer('unschedulable-timeout') * 1000,
    verifyForMs: read.integer('verify-for') * 1000,
    rollback: read.boolean('rollback'),
    deleteNewOnFailure: read.boolean('delete-new-on-failure'),
    onPaused: read.choice<'fail' | 'resume'>('on-paused'),
    preflight: read.choice<'warn' | 'fail' | 'off'>('preflight'),
    preflightIgnore: read.list('preflight-ignore').map((rule) => rule.toUpperCase()),
    fargate: read.boolean('fargate'),
    githubDeployment: read.boolean('github-deployment'),
    environment: read.text('environment'),
    ...(environmentUrl ? { environmentUrl } : {}),
    ...(githubToken ? { githubToken } : {}),
    summary: read.boolean('summary'),
    kubectl: read.text('kubectl'),
    names: { clusterName: cluster },
  };
}
