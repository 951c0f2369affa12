import type { Inputs } from '@eks-kit/action-runtime';
import { InputError } from '@eks-kit/core';
import {
  DEFAULT_FAIL_ON,
  imageFromInputs,
  loadAllowlist,
  parseAcceptStatuses,
  parseFailOn,
  parseMinCvss,
  parseRegistryId,
  parseThresholds,
  type ImageReference,
  type Policy,
} from '@eks-kit/ecr';

export interface ScanGateInputs {
  reference: ImageReference;
  region: string;
  policy: Policy;
  timeoutMs: number;
  pollMaxMs: number;
  startScan: boolean;
  sarifFile?: string;
  dockerfile: string;
  prComment: boolean;
  githubToken?: string;
}

/** Validates every input, and reads the allowlist, before any API call. */
export function readInputs(inputs: Inputs, workspace: string, env: NodeJS.ProcessEnv): ScanGateInputs {
  const reference = imageFromInputs(
    { image: inputs.optional('image'), repository: inputs.optional('repository'), tag: inputs.optional('tag'), digest: inputs.optional('digest') },
    { image: 'image', repository: 'repository', tag: 'tag', digest: 'digest' },
  );
  const registryId = inputs.optional('registry-id');
  if (registryId) reference.registryId = parseRegistryId(registryId, 'registry-id');

  const region = reference.region ?? inputs.optional('region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new InputError('region', 'no AWS region: give a full ECR image URI, the region input, or set AWS_REGION (aws-actions/configure-aws-credentials does)');

  const failOn = inputs.optional('fail-on');
  const minCvss = inputs.optional('min-cvss');
  const allowlist = inputs.optional('allowlist');
  const pollMaxSeconds = inputs.integer('poll-interval', { default: 10, min: 1, max: 300 });
  const timeoutSeconds = inputs.integer('timeout', { default: 600, min: 1, max: 6 * 3600 });

  return {
    reference,
    region,
    policy: {
      thresholds: parseThresholds(inputs.raw('thresholds'), 'thresholds'),
      failOn: failOn === undefined ? DEFAULT_FAIL_ON : parseFailOn(failOn, 'fail-on'),
      ...(minCvss === undefined ? {} : { minCvss: parseMinCvss(minCvss, 'min-cvss') }),
      fixableOnly: inputs.boolean('fixable-only', false),
      allowlist: allowlist ? loadAllowlist(allowlist, workspace, 'allowlist') : [],
      acceptStatuses: parseAcceptStatuses(inputs.list('accept-scan-status'), 'accept-scan-status'),
    },
    timeoutMs: timeoutSeconds * 1000,
    pollMaxMs: pollMaxSeconds * 1000,
    startScan: inputs.boolean('start-scan', true),
    sarifFile: inputs.optional('sarif-file'),
    dockerfile: inputs.string('dockerfile', { default: 'Dockerfile' }),
    prComment: inputs.boolean('pr-comment', true),
    githubToken: inputs.optional('github-token'),
  };
}
