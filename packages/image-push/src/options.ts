import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, parseRegion, parseRegistryId } from '@eks-kit/core';
import { checkSupport } from './argv.js';
import type { BuildPushRequest } from './build-push.js';
import { parseBuildArgs, parsePlatforms, parseProvenance, parseSecrets, type BuildSecret } from './build-spec.js';
import type { ConflictPolicy } from './conflicts.js';
import { DRIVERS, type Driver } from './driver.js';
import type { GitContext } from './git-context.js';
import { ociLabels, parseLabels } from './labels.js';
import { defaultLifecyclePolicy, loadLifecyclePolicy } from './lifecycle.js';
import type { Encryption, RepositorySettings } from './repository.js';
import { baseBranchTag, computeTagSet, parseTag, type ShaTags } from './tags.js';
import { parseKmsKey, parseRepositoryTarget } from './targets.js';

/** build-push settings as given (action inputs or CLI flags), before validation. */
export interface RawBuildPushOptions {
  repository: string;
  region?: string;
  registryId?: string;
  createRepository: boolean;
  scanOnPush: boolean;
  immutableTags: boolean;
  mutableTags: string[];
  encryption?: string;
  kmsKey?: string;
  lifecyclePolicy?: string;
  driver?: string;
  context?: string;
  file?: string;
  tags: string[];
  tagSha?: string;
  tagBranch: boolean;
  tagSemver: boolean;
  tagPr: boolean;
  tagLatest: boolean;
  labels: string[];
  buildArgs: string[];
  secrets: string[];
  target?: string;
  platforms: string[];
  provenance?: string;
  network?: string;
  pull: boolean;
  cacheRef?: string;
  cacheFrom: string[];
  onConflict?: string;
}

/** What each setting is called where it came from, so errors name the input or flag the user wrote. */
export type OptionNames = Record<
  'repository' | 'createRepository' | 'region' | 'registryId' | 'encryption' | 'kmsKey' | 'lifecyclePolicy' | 'mutableTags' | 'driver' | 'context' | 'file' | 'tags' | 'tagSha' | 'labels' | 'buildArgs' | 'secrets' | 'platforms' | 'provenance' | 'onConflict' | 'target' | 'network',
  string
>;

const WILDCARD = /^[A-Za-z0-9_.*-]{1,128}$/;
const STAGE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface ResolveContext {
  /** Where relative paths start (the workspace, or the CLI's working directory). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  git: GitContext;
  now: Date;
  workDir: string;
}

/**
 * Every setting checked and turned into a request, before any AWS call or build: an unknown
 * driver, a missing Dockerfile, a malformed tag or label, an invalid region each fail here with
 * the input named.
 */
export function resolveBuildPush(raw: RawBuildPushOptions, names: OptionNames, context: ResolveContext): BuildPushRequest {
  const target = parseRepositoryTarget(raw.repository, names.repository);
  const regionText = target.region ?? raw.region ?? context.env.AWS_REGION ?? context.env.AWS_DEFAULT_REGION;
  if (!regionText) throw new InputError(names.region, 'no AWS region: give the region, a full repository URI, or set AWS_REGION (aws-actions/configure-aws-credentials does)');
  const region = parseRegion(regionText, names.region);
  const registryId = raw.registryId ? parseRegistryId(raw.registryId, names.registryId) : target.registryId;

  const driverText = (raw.driver || 'auto').toLowerCase();
  if (driverText !== 'auto' && !(DRIVERS as readonly string[]).includes(driverText)) {
    throw new InputError(names.driver, `"${raw.driver}" is not a driver; expected auto, ${DRIVERS.join(', ')}`);
  }

  const contextDir = path.resolve(context.cwd, raw.context || '.');
  if (!existsSync(contextDir) || !statSync(contextDir).isDirectory()) throw new InputError(names.context, `"${raw.context || '.'}" is not a directory`);
  const file = raw.file ? path.resolve(context.cwd, raw.file) : path.join(contextDir, 'Dockerfile');
  if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(names.file, `no Dockerfile at "${raw.file || path.relative(context.cwd, file) || 'Dockerfile'}"`);

  const sha = (raw.tagSha || 'short').toLowerCase();
  if (!['short', 'long', 'both', 'none'].includes(sha)) throw new InputError(names.tagSha, `"${raw.tagSha}" is not allowed; expected short, long, both or none`);
  const { tags, moving } = computeTagSet(context.git, {
    sha: sha as ShaTags,
    branch: raw.tagBranch,
    semver: raw.tagSemver,
    pullRequest: raw.tagPr,
    latest: raw.tagLatest,
    extra: raw.tags.map((tag) => parseTag(tag, names.tags)),
  });
  const baseTag = baseBranchTag(context.git);
  if (tags.length === 0) throw new InputError(names.tags, 'no tags: the git context gave none (no commit SHA or ref) and none were given');

  const labels = { ...ociLabels(context.git, { now: context.now }), ...parseLabels(raw.labels, names.labels) };
  if (raw.target && !STAGE.test(raw.target)) throw new InputError(names.target, `"${raw.target}" is not a stage name`);
  if (raw.network && !/^[A-Za-z0-9_.-]+$/.test(raw.network)) throw new InputError(names.network, `"${raw.network}" is not a network name`);

  const onConflict = (raw.onConflict || 'fail').toLowerCase();
  if (onConflict !== 'fail' && onConflict !== 'skip') throw new InputError(names.onConflict, `"${raw.onConflict}" is not allowed; expected fail or skip`);

  const request: BuildPushRequest = {
    region,
    repository: target.name,
    ...(registryId ? { registryId } : {}),
    ...(raw.createRepository ? { create: repositorySettings(raw, names, context.cwd, moving) } : {}),
    driver: driverText as Driver | 'auto',
    tags,
    movingTags: moving,
    ...(baseTag ? { baseBranchTag: baseTag } : {}),
    spec: {
      context: contextDir,
      file,
      buildArgs: parseBuildArgs(raw.buildArgs, names.buildArgs),
      secrets: resolveSecretFiles(parseSecrets(raw.secrets, names.secrets), context.cwd, names.secrets),
      labels,
      ...(raw.target ? { target: raw.target } : {}),
      platforms: parsePlatforms(raw.platforms, names.platforms),
      provenance: parseProvenance(raw.provenance ?? '', names.provenance),
      ...(raw.network ? { network: raw.network } : {}),
      pull: raw.pull,
    },
    onConflict: onConflict as ConflictPolicy,
    cacheFrom: raw.cacheFrom.length === 0 ? 'auto' : raw.cacheFrom.length === 1 && raw.cacheFrom[0] === 'none' ? 'none' : raw.cacheFrom,
    cacheRef: raw.cacheRef || 'auto',
    workDir: context.workDir,
    dockerfileName: path.relative(context.cwd, file) || 'Dockerfile',
    names: { repository: names.repository, createRepository: names.createRepository, onConflict: names.onConflict },
  };
  if (request.driver !== 'auto') checkSupport(request.driver, request.spec, names);
  return request;
}

/** Secret files exist before anything runs: a missing one would otherwise fail the build midway. */
function resolveSecretFiles(secrets: BuildSecret[], cwd: string, input: string): BuildSecret[] {
  return secrets.map((secret) => {
    if (!('src' in secret)) return secret;
    const file = path.resolve(cwd, secret.src);
    if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(input, `secret "${secret.id}": no file at "${secret.src}"`);
    return { ...secret, src: file };
  });
}

/** ECR's limit on a repository's tag exclusion filters (botocore's ecr model: 1 to 5). */
export const MAX_EXCLUSION_FILTERS = 5;

/**
 * The filters a created immutable repository gets: the given ones, plus what the tag scheme moves
 * on every push and a wildcard can name: this push's branch, latest, and pr-* when pull requests
 * are tagged. Semver aliases (1.4, 1) cannot be told from full versions by ECR's wildcards, so they
 * stay immutable and are not pushed there (see buildAndPush).
 */
export function creationExclusionFilters(given: readonly string[], moving: readonly string[], pullRequests: boolean): string[] {
  const named = moving.filter((tag) => !/^\d+(\.\d+)?$/.test(tag) && !/^pr-\d+$/.test(tag));
  return [...new Set([...given, ...named, ...(pullRequests ? ['pr-*'] : [])])];
}

function repositorySettings(raw: RawBuildPushOptions, names: OptionNames, cwd: string, moving: readonly string[]): RepositorySettings {
  const encryptionText = (raw.encryption || 'AES256').toUpperCase();
  if (encryptionText !== 'AES256' && encryptionText !== 'KMS') throw new InputError(names.encryption, `"${raw.encryption}" is not allowed; expected AES256 or KMS`);
  if (raw.kmsKey && encryptionText !== 'KMS') throw new InputError(names.kmsKey, 'a KMS key needs encryption: KMS');
  const encryption: Encryption = encryptionText === 'KMS' ? { type: 'KMS', ...(raw.kmsKey ? { kmsKey: parseKmsKey(raw.kmsKey, names.kmsKey) } : {}) } : { type: 'AES256' };
  for (const filter of raw.mutableTags) {
    if (!WILDCARD.test(filter)) throw new InputError(names.mutableTags, `"${filter}" is not a tag wildcard (letters, digits, _ . - and *)`);
  }
  const filters = raw.immutableTags ? creationExclusionFilters(raw.mutableTags, moving, raw.tagPr) : [];
  if (filters.length > MAX_EXCLUSION_FILTERS) {
    throw new InputError(names.mutableTags, `${filters.length} tag exclusion filters (${filters.join(', ')}); ECR allows at most ${MAX_EXCLUSION_FILTERS} per repository`);
  }
  return {
    scanOnPush: raw.scanOnPush,
    immutableTags: raw.immutableTags,
    mutableTagFilters: filters,
    encryption,
    lifecyclePolicy: raw.lifecyclePolicy ? loadLifecyclePolicy(raw.lifecyclePolicy, cwd, names.lifecyclePolicy) : defaultLifecyclePolicy(),
  };
}
