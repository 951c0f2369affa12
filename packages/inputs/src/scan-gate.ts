import { InputError, parseRegistryId } from '@eks-kit/core';
import {
  imageFromInputs,
  loadAllowlist,
  parseAcceptStatuses,
  baselineFromInputs,
  parseFailOnRule,
  parseMinCvss,
  parseThresholds,
  type BaselineRequest,
  type ImageReference,
  type Policy,
} from '@eks-kit/ecr';
import { regionFromSources, textOrJsonFormat } from './common-inputs.js';
import { defineTable } from './spec.js';
import type { ReaderOf } from './spec-names.js';

export const SCAN_GATE_TABLE = defineTable({
  action: 'scan-gate',
  cli: {
    command: 'scan-gate',
    usage: '[options] <image>',
    intro: `Waits for the Amazon ECR scan of an image (basic or enhanced) and passes or fails it on a policy.
<image> is repository@sha256:…, repository:tag, or <account>.dkr.ecr.<region>.amazonaws.com/repository:tag
(or use --repository with --tag or --digest). AWS credentials and region come from the usual
AWS environment (AWS_PROFILE, AWS_REGION, …).`,
    outro: `Exit codes: 0 pass, 1 the policy failed (or the scan could not be judged), 2 bad usage or input,
3 unexpected error.`,
  },
  inputs: [
    {
      name: 'image',
      kind: 'string',
      description: 'The image: repository@sha256:…, repository:tag, or a full ECR URI (<account>.dkr.ecr.<region>.amazonaws.com/repository:tag). Or use repository with tag or digest.',
      default: '',
      cli: { positional: '<image>', help: 'repository@sha256:…, repository:tag or a full ECR URI', group: 'Image' },
    },
    {
      name: 'repository',
      kind: 'string',
      description: 'ECR repository name, with tag or digest, instead of image.',
      default: '',
      cli: { value: '<name>', help: 'the repository, with --tag or --digest, instead of <image>', group: 'Image' },
    },
    { name: 'tag', kind: 'string', description: 'Image tag in repository.', default: '', cli: { value: '<tag>', help: 'image tag in --repository', group: 'Image' } },
    {
      name: 'digest',
      kind: 'string',
      description: 'Image digest (sha256:…) in repository; preferred over a tag, which can move.',
      default: '',
      cli: { value: '<sha256:…>', help: 'image digest in --repository', group: 'Image' },
    },
    {
      name: 'registry-id',
      kind: 'string',
      description: "Account id of the registry, when it is not the credentials' own account and image is not a full URI.",
      default: '',
      cli: { value: '<account>', help: "the registry's account, when not the credentials' own", group: 'Image' },
    },
    {
      name: 'region',
      kind: 'string',
      description: "AWS region of the registry. Default the full URI's region, else AWS_REGION.",
      default: '',
      cli: { value: '<region>', help: "the registry's region (default: the URI's, else AWS_REGION)", group: 'Image' },
    },
    {
      name: 'fail-on',
      kind: 'string',
      description:
        'Fail on any counted finding at or above this severity (critical, high, medium, low, informational, undefined, none). new (= new:high) or new:<severity> judges only the findings the baseline image does not have.',
      default: 'high',
      cli: { value: '<severity>', help: 'critical | high | … | none, or new / new:<severity> (only findings not in the baseline)', group: 'Policy' },
    },
    {
      name: 'baseline',
      kind: 'string',
      description:
        "Image to compare findings with: a tag or sha256: digest in the same repository, or none. Default on a pull request: the base branch's tag (GITHUB_BASE_REF, as build-push tags branch pushes); elsewhere none. New and fixed findings go in the summary and the PR comment.",
      default: '',
      cli: { value: '<tag|digest>', help: 'compare with this tag or digest in the same repository (or none)', group: 'Policy' },
    },
    {
      name: 'baseline-missing',
      kind: 'choice',
      choices: ['fail', 'all'],
      description: 'With fail-on new, when the baseline cannot be found or its scan has not finished: fail (closed) or all (judge every finding as new).',
      default: 'fail',
      cli: { value: '<fail|all>', help: 'with fail-on new and no usable baseline: fail, or judge all findings', group: 'Policy' },
    },
    {
      name: 'thresholds',
      kind: 'string',
      description: 'Most counted findings allowed per severity, e.g. "critical: 0, high: 5"; wins over fail-on for the severities it names.',
      default: '',
      cli: { value: '<spec>', help: 'most findings per severity, e.g. "critical: 0, high: 5"', group: 'Policy' },
    },
    {
      name: 'allowlist',
      kind: 'string',
      description: 'YAML file of accepted vulnerabilities (id, reason, expires YYYY-MM-DD; optional package). Expired entries stop counting.',
      default: '',
      cli: { value: '<file>', help: 'YAML of accepted CVEs (id, reason, expires YYYY-MM-DD, package)', group: 'Policy' },
    },
    {
      name: 'min-cvss',
      kind: 'string',
      description: 'Findings with a CVSS score below this (0–10) do not count; findings without a score still do.',
      default: '',
      cli: { value: '<score>', help: 'findings scored below this do not count', group: 'Policy' },
    },
    {
      name: 'fixable-only',
      kind: 'boolean',
      description: 'Count only findings with a fix available (enhanced scanning says; basic findings still count).',
      default: 'false',
      cli: { switch: 'on', help: 'count only findings with a fix available', group: 'Policy' },
    },
    {
      name: 'accept-scan-status',
      kind: 'list',
      description:
        'Scan statuses that pass with a warning instead of failing (FAILED, UNSUPPORTED_IMAGE, SCAN_ELIGIBILITY_EXPIRED, FINDINGS_UNAVAILABLE, LIMIT_EXCEEDED, IMAGE_ARCHIVED). UNSUPPORTED_IMAGE also covers basic scanning\'s FAILED "UnsupportedImageError" (images built FROM scratch, static binaries): nothing in them was scanned. Default none - fail closed.',
      default: '',
      cli: { value: '<list>', help: 'statuses that pass with a warning (FAILED, UNSUPPORTED_IMAGE, …)', group: 'Policy' },
    },
    {
      name: 'start-scan',
      kind: 'boolean',
      description: 'Start a basic scan when the image has none (ECR allows one per image per 24 hours).',
      default: 'true',
      cli: { flag: 'no-start-scan', switch: 'off', help: 'never start a scan when the image has none', group: 'Waiting' },
    },
    {
      name: 'timeout',
      kind: 'integer',
      unit: 'seconds',
      min: 1,
      max: 6 * 3600,
      description: 'Seconds to wait for the scan and its findings before failing.',
      default: '600',
      cli: { value: '<seconds>', help: 'overall limit', group: 'Waiting' },
    },
    {
      name: 'poll-interval',
      kind: 'integer',
      unit: 'seconds',
      min: 1,
      max: 300,
      description: 'Longest pause between scan status reads, in seconds (reads start at 2 s and back off to this).',
      default: '10',
      cli: { value: '<seconds>', help: 'longest pause between status reads', group: 'Waiting' },
    },
    {
      name: 'expected-scan-time',
      kind: 'integer',
      unit: 'seconds',
      min: 0,
      max: 6 * 3600,
      description:
        "Seconds after the wait starts by which the scan usually finishes. 0: learned from the repository's earlier scans (push to completion, from DescribeImages), when there are any. Around then (from one poll-interval before to one after) reads are 2 s apart, so the verdict follows a scan that ends then within 2 s; elsewhere they back off to poll-interval.",
      default: '0',
      cli: { value: '<seconds>', help: "when the scan usually finishes (default: learned from the repository's earlier scans); polls densely around then", group: 'Waiting' },
    },
    {
      name: 'sarif-file',
      kind: 'string',
      description: 'Write SARIF 2.1.0 with the counted findings here (for github/codeql-action/upload-sarif).',
      default: '',
      cli: { flag: 'sarif', value: '<file>', help: 'also write SARIF 2.1.0 with the counted findings', group: 'Output' },
    },
    {
      name: 'dockerfile',
      kind: 'string',
      description: 'File that SARIF results point at (code scanning needs a file in the repository).',
      default: 'Dockerfile',
      cli: { value: '<path>', help: 'file the SARIF results point at', group: 'Output' },
    },
    {
      name: 'pr-comment',
      kind: 'boolean',
      description: 'On pull requests, post the report as one comment that later runs update in place.',
      default: 'true',
      cliValue: 'false',
    },
    {
      name: 'github-token',
      kind: 'string',
      description: 'Token for the pull request comment (needs pull-requests write).',
      default: '${{ github.token }}',
    },
    textOrJsonFormat('Output'),
  ],
  outputs: [
    { name: 'verdict', description: 'pass or fail; error when no verdict was reached (timeout, missing repository, access denied).' },
    { name: 'critical', description: 'Counted critical findings.' },
    { name: 'high', description: 'Counted high findings.' },
    { name: 'medium', description: 'Counted medium findings.' },
    { name: 'low', description: 'Counted low findings.' },
    { name: 'informational', description: 'Counted informational findings.' },
    { name: 'undefined', description: "Counted findings without a severity (Inspector's UNTRIAGED)." },
    { name: 'counted', description: 'Findings that counted against the policy (after the allowlist, min-cvss and fixable-only).' },
    { name: 'findings', description: 'Every finding ECR reported (distinct across platforms).' },
    { name: 'digest', description: 'The digest gated (the index digest for a multi-arch tag).' },
    { name: 'new-findings', description: 'Findings (vulnerability and package) this image has and the baseline does not; empty when no baseline was read.' },
    { name: 'fixed-findings', description: 'Findings the baseline has and this image does not; empty when no baseline was read.' },
    { name: 'baseline-digest', description: 'The digest of the baseline compared with; empty when none was found.' },
    { name: 'sarif-file', description: 'Path of the SARIF file, when one was written.' },
    { name: 'comment-url', description: 'URL of the pull request comment, when one was posted or updated.' },
  ],
});

export interface ScanGateSettings {
  reference: ImageReference;
  region: string;
  policy: Policy;
  /** Absent when no comparison is asked for; `absent` says why there is none when one matters. */
  baseline?: BaselineRequest | { absent: string };
  timeoutMs: number;
  pollMaxMs: number;
  /** When the scan usually finishes, in ms; undefined when unknown. */
  expectedMs?: number;
  startScan: boolean;
  sarifFile?: string;
  dockerfile: string;
  prComment: boolean;
  githubToken?: string;
  format: 'text' | 'json';
}

/** Validates every setting, and reads the allowlist, before any API call. */
export function readScanGateSettings(read: ReaderOf<typeof SCAN_GATE_TABLE>, cwd: string, env: NodeJS.ProcessEnv): ScanGateSettings {
  const reference = imageFromInputs(
    { image: read.optional('image'), repository: read.optional('repository'), tag: read.optional('tag'), digest: read.optional('digest') },
    { image: read.label('image'), repository: read.label('repository'), tag: read.label('tag'), digest: read.label('digest') },
  );
  const registryId = read.optional('registry-id');
  if (registryId) reference.registryId = parseRegistryId(registryId, read.label('registry-id'));

  const region = regionFromSources([[read.label('image'), reference.region], [read.label('region'), read.optional('region')]], env);
  if (!region) throw new InputError(read.label('region'), `no AWS region: give a full ECR image URI, ${read.mention('region')}, or set AWS_REGION (aws-actions/configure-aws-credentials does)`);

  const minCvss = read.optional('min-cvss');
  const allowlist = read.optional('allowlist');
  const { failOn, gateOn } = parseFailOnRule(read.text('fail-on'), read.label('fail-on'));
  const baseline = baselineFromInputs(read.text('baseline'), reference, env.GITHUB_BASE_REF, read.label('baseline'));
  return {
    reference,
    region,
    // Outside a pull request and with no baseline given, a comparison matters only to fail-on new.
    ...(baseline && (!('absent' in baseline) || gateOn === 'new') ? { baseline } : {}),
    policy: {
      thresholds: parseThresholds(read.text('thresholds'), read.label('thresholds')),
      failOn,
      gateOn,
      baselineMissing: read.choice<'fail' | 'all'>('baseline-missing'),
      ...(minCvss === undefined ? {} : { minCvss: parseMinCvss(minCvss, read.label('min-cvss')) }),
      fixableOnly: read.boolean('fixable-only'),
      allowlist: allowlist ? loadAllowlist(allowlist, cwd, read.label('allowlist')) : [],
      acceptStatuses: parseAcceptStatuses(read.list('accept-scan-status'), read.label('accept-scan-status')),
    },
    timeoutMs: read.integer('timeout') * 1000,
    pollMaxMs: read.integer('poll-interval') * 1000,
    ...(read.integer('expected-scan-time') > 0 ? { expectedMs: read.integer('expected-scan-time') * 1000 } : {}),
    startScan: read.boolean('start-scan'),
    ...(read.optional('sarif-file') ? { sarifFile: read.text('sarif-file') } : {}),
    dockerfile: read.text('dockerfile'),
    prComment: read.boolean('pr-comment'),
    ...(read.optional('github-token') ? { githubToken: read.text('github-token') } : {}),
    format: read.choice<'text' | 'json'>('format'),
  };
}
