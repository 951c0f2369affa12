import type { Inputs } from '@eks-kit/action-runtime';
import { InputError } from '@eks-kit/core';
import { parseMinor, type DriftPolicy } from '@eks-kit/eks';

export interface VersionDriftInputs {
  clusters: string[];
  regions: string[];
  targetVersion?: string;
  policy: DriftPolicy;
  /** undefined: do not scan manifests. */
  manifests?: string[];
  renderHelm: boolean;
  concurrency: number;
  createIssues: boolean;
  issueLabel: string;
  githubToken?: string;
  reportFile?: string;
}

/** Validates every input before any AWS call. */
export function readInputs(inputs: Inputs, env: NodeJS.ProcessEnv): VersionDriftInputs {
  const regions = inputs.list('regions');
  const defaultRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const targetVersion = inputs.optional('target-version');
  if (targetVersion && !parseMinor(targetVersion)) throw new InputError('target-version', `"${targetVersion}" is not a Kubernetes version like 1.33`);
  const warnDays = inputs.integer('warn-days', { default: 90, min: 0, max: 3650 });
  const failDays = inputs.integer('fail-days', { default: 30, min: -3650, max: 3650 });
  if (failDays > warnDays) throw new InputError('fail-days', `${failDays} is more than warn-days (${warnDays}); failing must come after warning`);
  const createIssues = inputs.boolean('create-issues', true);
  const token = inputs.optional('github-token');
  if (createIssues && !token) throw new InputError('github-token', 'is needed to manage issues (or set create-issues: false)');
  const scan = inputs.boolean('scan-manifests', true);
  return {
    clusters: inputs.list('clusters'),
    regions: regions.length > 0 ? regions : defaultRegion ? [defaultRegion] : [],
    ...(targetVersion ? { targetVersion: targetVersion.replace(/^v/, '') } : {}),
    policy: { warnDays, failDays, failOnBlockers: inputs.boolean('fail-on-blockers', true) },
    ...(scan ? { manifests: inputs.list('manifests') } : {}),
    renderHelm: inputs.boolean('render-helm', true),
    concurrency: inputs.integer('concurrency', { default: 4, min: 1, max: 32 }),
    createIssues,
    issueLabel: inputs.string('issue-label', { default: 'eks-version-drift' }),
    ...(token ? { githubToken: token } : {}),
    ...(inputs.optional('report-file') ? { reportFile: inputs.string('report-file') } : {}),
  };
}
