import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, ProcessRunner, systemClock } from '@eks-kit/core';
import {
  buildAndPush,
  CLI_FLAG_NAMES,
  commitTime,
  createEcrClient,
  gitContextFromCheckout,
  gitContextFromEnv,
  resolveBuildPush,
  type BuildPushResult,
  type GitContext,
  type RawBuildPushOptions,
} from '@eks-kit/image-push';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const BUILD_PUSH_HELP = `Usage: eks-kit build-push [options] --repository <name|uri> [context]

Builds an image (buildx, docker or buildah) and pushes it to Amazon ECR, tagged from git: the short
commit SHA, the branch (or the semver tag HEAD sits on: v1.2.3 → 1.2.3, 1.2, 1), plus --tag.
AWS credentials and region come from the usual AWS environment (AWS_PROFILE, AWS_REGION, …).

Repository:
      --repository <name|uri>       ECR repository (required)
      --region <region>  --registry-id <account>
      --create-repository           create it when missing, with:
        --no-scan-on-push  --mutable  --mutable-tags <wildcards>  --encryption AES256|KMS
        --kms-key <key>  --lifecycle-policy <json|file>
Build:
      --driver auto|buildx|docker|buildah   (default auto)
  -f, --file <Dockerfile>           default <context>/Dockerfile
      --build-arg NAME=value        repeatable
      --secret id=<id>,src=<file>   repeatable; or id=<id>,env=<VAR> with buildx
      --label key=value             repeatable
      --target <stage>  --platform <os/arch>[,…]  --provenance false|true|max
      --network <name>  --pull
      --cache-ref <ref|none>  --cache-from <image|none> (repeatable)
Tags:
  -t, --tag <tag>                   extra tag, repeatable
      --tag-sha short|long|both|none   (default short)
      --no-tag-branch  --no-tag-semver  --no-tag-pr  --tag-latest
      --on-conflict fail|skip       an existing tag in an immutable repository (default fail)
Output:
      --format text|json            (default text)
      --keep-login                  leave the engine logged in to the registry
  -h, --help

Exit codes: 0 pushed, 1 a tag conflict or a failed build or push, 2 bad usage or input, 3 unexpected error.
`;

export const buildPushCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repository: { type: 'string' },
      region: { type: 'string' },
      'registry-id': { type: 'string' },
      'create-repository': { type: 'boolean', default: false },
      'no-scan-on-push': { type: 'boolean', default: false },
      mutable: { type: 'boolean', default: false },
      'mutable-tags': { type: 'string', default: 'buildcache' },
      encryption: { type: 'string' },
      'kms-key': { type: 'string' },
      'lifecycle-policy': { type: 'string' },
      driver: { type: 'string' },
      file: { type: 'string', short: 'f' },
      'build-arg': { type: 'string', multiple: true, default: [] },
      secret: { type: 'string', multiple: true, default: [] },
      label: { type: 'string', multiple: true, default: [] },
      target: { type: 'string' },
      platform: { type: 'string' },
      provenance: { type: 'string' },
      network: { type: 'string' },
      pull: { type: 'boolean', default: false },
      'cache-ref': { type: 'string' },
      'cache-from': { type: 'string', multiple: true, default: [] },
      tag: { type: 'string', short: 't', multiple: true, default: [] },
      'tag-sha': { type: 'string' },
      'no-tag-branch': { type: 'boolean', default: false },
      'no-tag-semver': { type: 'boolean', default: false },
      'no-tag-pr': { type: 'boolean', default: false },
      'tag-latest': { type: 'boolean', default: false },
      'on-conflict': { type: 'string' },
      format: { type: 'string', default: 'text' },
      'keep-login': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(BUILD_PUSH_HELP);
    return EXIT.ok;
  }
  if (!values.repository) throw new InputError('--repository', 'is required');
  if (positionals.length > 1) throw new InputError('[context]', `one build context; got ${positionals.length}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError('--format', `"${format}" is not a format; expected text or json`);

  const raw: RawBuildPushOptions = {
    repository: values.repository,
    region: values.region,
    registryId: values['registry-id'],
    createRepository: values['create-repository'] ?? false,
    scanOnPush: !values['no-scan-on-push'],
    immutableTags: !values.mutable,
    mutableTags: split(values['mutable-tags']),
    encryption: values.encryption,
    kmsKey: values['kms-key'],
    lifecyclePolicy: values['lifecycle-policy'],
    driver: values.driver,
    context: positionals[0],
    file: values.file,
    tags: values.tag ?? [],
    tagSha: values['tag-sha'],
    tagBranch: !values['no-tag-branch'],
    tagSemver: !values['no-tag-semver'],
    tagPr: !values['no-tag-pr'],
    tagLatest: values['tag-latest'] ?? false,
    labels: values.label ?? [],
    buildArgs: values['build-arg'] ?? [],
    secrets: values.secret ?? [],
    target: values.target,
    platforms: split(values.platform),
    provenance: values.provenance,
    network: values.network,
    pull: values.pull ?? false,
    cacheRef: values['cache-ref'],
    cacheFrom: values['cache-from'] ?? [],
    onConflict: values['on-conflict'],
  };

  const runner = new ProcessRunner();
  // In CI the runner's variables describe the commit; on a laptop, the checkout does.
  const fromEnv = gitContextFromEnv(io.env);
  const git: GitContext = fromEnv.sha ? fromEnv : await gitContextFromCheckout(runner, io.cwd, io.env);
  const created = await commitTime(runner, io.cwd, io.env, git.sha);
  const workDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-build-push-'));
  let login: { program: 'docker' | 'buildah'; host: string } | undefined;
  try {
    const request = resolveBuildPush(raw, CLI_FLAG_NAMES, { cwd: io.cwd, env: io.env, git: { ...git, ...(created ? { commitTime: created } : {}) }, now: new Date(), workDir });
    const client = createEcrClient(request.region);
    let result: BuildPushResult;
    try {
      result = await buildAndPush(request, {
        session: { client, clock: systemClock, logger: io.logger, stats: { calls: 0, retries: 0 } },
        runner,
        // A terminal has no masking; the password only ever travels on stdin.
        mask: () => undefined,
        env: io.env,
        onLogin: (value) => (login = value),
      });
    } finally {
      client.destroy();
    }
    io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : textReport(result));
    return EXIT.ok;
  } finally {
    if (login && !values['keep-login']) await runner.run(login.program, ['logout', login.host], { env: io.env, allowFailure: true });
    rmSync(workDir, { recursive: true, force: true });
  }
};

function split(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function textReport(result: BuildPushResult): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const size = result.sizeBytes === undefined ? 'unknown' : `${(result.sizeBytes / 1024 / 1024).toFixed(1)} MiB`;
  return [
    `Pushed ${result.image}`,
    `  tags:   ${result.tags.map((t) => (result.skippedTags.includes(t) ? `${t} (already there)` : t)).join(', ')}`,
    ...(result.notPushedTags.length > 0 ? [`  not pushed: ${result.notPushedTags.join(', ')} (moving tags the repository keeps immutable)`] : []),
    `  size:   ${size} (compressed)`,
    `  build:  ${seconds(result.buildMs)}   push: ${seconds(result.pushMs)}   other: ${seconds(Math.max(0, result.totalMs - result.buildMs - result.pushMs))} (${result.apiCalls} ECR API calls)`,
    `  driver: ${result.driver}${result.repositoryCreated ? '   (repository created)' : ''}`,
    '',
  ].join('\n');
}
