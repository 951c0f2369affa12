import type { Inputs } from '@eks-kit/action-runtime';
import { InputError } from '@eks-kit/core';
import { DEFAULT_FIELD_MANAGER, parseImageMappings } from '@eks-kit/kube';

export interface DeployInputs {
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
  rollback: boolean;
  deleteNewOnFailure: boolean;
  preflight: 'warn' | 'fail' | 'off';
  preflightIgnore: string[];
  fargate: boolean;
  githubDeployment: boolean;
  environment: string;
  environmentUrl?: string;
  githubToken?: string;
  summary: boolean;
  kubectl: string;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Every input checked before any AWS or cluster call. */
export function readInputs(inputs: Inputs, env: NodeJS.ProcessEnv): DeployInputs {
  const clusterName = inputs.optional('cluster-name');
  const kubeconfig = inputs.optional('kubeconfig');
  if (!clusterName && !kubeconfig) throw new InputError('cluster-name', 'give the EKS cluster name (or a kubeconfig file)');
  if (clusterName && kubeconfig) throw new InputError('kubeconfig', 'give cluster-name or kubeconfig, not both');
  const region = inputs.optional('region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (clusterName && !region) throw new InputError('region', 'no AWS region: give the region input or set AWS_REGION (aws-actions/configure-aws-credentials does)');

  const namespace = inputs.string('namespace', { default: 'default' });
  if (!NAME.test(namespace) || namespace.length > 63) throw new InputError('namespace', `"${namespace}" is not a valid namespace name`);
  const manifests = inputs.list('manifests');
  const kustomize = inputs.list('kustomize');
  if (manifests.length === 0 && kustomize.length === 0) throw new InputError('manifests', 'give manifest files, directories or globs (or kustomize directories)');
  const images = inputs.list('images');
  parseImageMappings(images);

  const pollSeconds = Number(inputs.string('poll-interval', { default: '1' }));
  if (!(pollSeconds >= 0.1 && pollSeconds <= 60)) throw new InputError('poll-interval', `"${inputs.raw('poll-interval')}" must be between 0.1 and 60 seconds`);
  const repository = (env.GITHUB_REPOSITORY ?? '').split('/').pop() ?? '';

  return {
    ...(clusterName ? { clusterName } : {}),
    ...(kubeconfig ? { kubeconfig } : {}),
    ...(region ? { region } : {}),
    namespace,
    manifests,
    kustomize,
    images,
    mode: inputs.oneOf('mode', ['apply', 'diff'] as const, 'apply'),
    serverSide: inputs.boolean('server-side', true),
    fieldManager: inputs.string('field-manager', { default: DEFAULT_FIELD_MANAGER }),
    forceConflicts: inputs.boolean('force-conflicts', false),
    prune: inputs.boolean('prune', false),
    deployId: inputs.string('deploy-id', { default: repository || namespace }),
    timeoutMs: inputs.integer('timeout', { default: 600, min: 1, max: 6 * 3600 }) * 1000,
    pollMs: Math.round(pollSeconds * 1000),
    unschedulableGraceMs: inputs.integer('unschedulable-timeout', { default: 60, min: 0, max: 6 * 3600 }) * 1000,
    rollback: inputs.boolean('rollback', true),
    deleteNewOnFailure: inputs.boolean('delete-new-on-failure', false),
    preflight: inputs.oneOf('preflight', ['warn', 'fail', 'off'] as const, 'warn'),
    preflightIgnore: inputs.list('preflight-ignore').map((r) => r.toUpperCase()),
    fargate: inputs.boolean('fargate', false),
    githubDeployment: inputs.boolean('github-deployment', false),
    environment: inputs.string('environment', { default: 'production' }),
    ...(inputs.optional('environment-url') ? { environmentUrl: inputs.optional('environment-url') } : {}),
    ...(inputs.optional('github-token') ? { githubToken: inputs.optional('github-token') } : {}),
    summary: inputs.boolean('summary', true),
    kubectl: inputs.string('kubectl', { default: 'kubectl' }),
  };
}
