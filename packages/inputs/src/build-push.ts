import type { OptionNames, RawBuildPushOptions } from '@eks-kit/image-push';
import { defineTable } from './spec.js';
import type { ReaderOf } from './spec-names.js';

const REPOSITORY = 'Repository';
const BUILD = 'Build';
const TAGS = 'Tags';
const OUTPUT = 'Output';

export const BUILD_PUSH_TABLE = defineTable({
  action: 'build-push',
  cli: {
    command: 'build-push',
    usage: '[options] --repository <name|uri> [context]',
    intro: `Builds an image (buildx, docker or buildah) and pushes it to Amazon ECR, tagged from git: the short
commit SHA, the branch (or the semver tag HEAD sits on: v1.2.3 → 1.2.3, 1.2, 1), plus --tag.
AWS credentials and region come from the usual AWS environment (AWS_PROFILE, AWS_REGION, …).`,
    outro: 'Exit codes: 0 pushed, 1 a tag conflict or a failed build or push, 2 bad usage or input, 3 unexpected error.',
  },
  inputs: [
    {
      name: 'repository',
      kind: 'string',
      required: true,
      description: 'ECR repository name, or its full URI (<account>.dkr.ecr.<region>.amazonaws.com/name).',
      cli: { value: '<name|uri>', help: 'ECR repository (required)', group: REPOSITORY },
    },
    {
      name: 'region',
      kind: 'string',
      description: "AWS region of the registry. Default the URI's region, else AWS_REGION.",
      default: '',
      cli: { value: '<region>', help: "the registry's region (default: the URI's, else AWS_REGION)", group: REPOSITORY },
    },
    {
      name: 'registry-id',
      kind: 'string',
      description: "Account id of the registry when it is not the credentials' own account (cross-account push).",
      default: '',
      cli: { value: '<account>', help: "the registry's account, when not the credentials' own", group: REPOSITORY },
    },
    {
      name: 'create-repository',
      kind: 'boolean',
      description: 'Create the repository when it does not exist (with the settings below). Otherwise a missing repository fails the step.',
      default: 'false',
      cli: { switch: 'on', help: 'create it when missing, with the settings below', group: REPOSITORY },
    },
    {
      name: 'scan-on-push',
      kind: 'boolean',
      description: 'For a created repository, scan each image on push.',
      default: 'true',
      cli: { flag: 'no-scan-on-push', switch: 'off', help: 'created repository: no scan on push', group: REPOSITORY },
    },
    {
      name: 'immutable-tags',
      kind: 'boolean',
      description: 'For a created repository, make tags immutable.',
      default: 'true',
      cli: { flag: 'mutable', switch: 'off', help: 'created repository: mutable tags', group: REPOSITORY },
    },
    {
      name: 'mutable-tags',
      kind: 'list',
      description: 'For a created repository with immutable tags, tag wildcards that stay mutable (e.g. the build cache tag), besides the branch of the creating push, latest and pr-* when those are tagged; ECR allows 5 in all.',
      default: 'buildcache',
      cli: { value: '<wildcards>', help: 'created repository: tag wildcards that stay mutable', group: REPOSITORY },
    },
    {
      name: 'encryption',
      kind: 'string',
      description: 'For a created repository, AES256 or KMS.',
      default: 'AES256',
      cli: { value: 'AES256|KMS', help: 'created repository: encryption', group: REPOSITORY },
    },
    {
      name: 'kms-key',
      kind: 'string',
      description: 'For a created repository with KMS encryption, the key id, alias or ARN (default the AWS managed key).',
      default: '',
      cli: { value: '<key>', help: 'created repository: KMS key id, alias or ARN', group: REPOSITORY },
    },
    {
      name: 'lifecycle-policy',
      kind: 'string',
      description: 'For a created repository, a lifecycle policy as JSON or a file in the workspace. A rule expiring untagged images after 7 days is added when it has none.',
      default: '',
      cli: { value: '<json|file>', help: 'created repository: lifecycle policy', group: REPOSITORY },
    },
    {
      name: 'driver',
      kind: 'string',
      description: 'auto, buildx, docker or buildah. auto picks buildx, then docker, then buildah.',
      default: 'auto',
      cli: { value: 'auto|buildx|docker|buildah', help: 'builder', group: BUILD },
    },
    {
      name: 'context',
      kind: 'string',
      description: 'Build context directory.',
      default: '.',
      cli: { positional: '[context]', help: 'build context directory', group: BUILD },
    },
    {
      name: 'file',
      kind: 'string',
      description: 'Dockerfile path. Default Dockerfile in the context.',
      default: '',
      cli: { short: 'f', value: '<Dockerfile>', help: 'default <context>/Dockerfile', group: BUILD },
    },
    {
      name: 'tags',
      kind: 'list',
      description: 'Extra tags, comma or newline separated, used exactly as written.',
      default: '',
      cli: { flag: 'tag', short: 't', repeatable: true, value: '<tag>', help: 'extra tag', group: TAGS },
    },
    {
      name: 'tag-sha',
      kind: 'string',
      description: 'Commit SHA tags - short (7 characters), long, both or none.',
      default: 'short',
      cli: { value: 'short|long|both|none', help: 'commit SHA tags', group: TAGS },
    },
    {
      name: 'tag-branch',
      kind: 'boolean',
      description: 'Tag branch builds with the branch name (sanitised).',
      default: 'true',
      cli: { flag: 'no-tag-branch', switch: 'off', help: 'no branch tag', group: TAGS },
    },
    {
      name: 'tag-semver',
      kind: 'boolean',
      description: 'Tag builds of a v1.2.3 git tag with 1.2.3, 1.2 and 1.',
      default: 'true',
      cli: { flag: 'no-tag-semver', switch: 'off', help: 'no semver tags', group: TAGS },
    },
    {
      name: 'tag-pr',
      kind: 'boolean',
      description: 'Tag pull request builds with pr-<number>.',
      default: 'true',
      cli: { flag: 'no-tag-pr', switch: 'off', help: 'no pr-<number> tag', group: TAGS },
    },
    {
      name: 'tag-latest',
      kind: 'boolean',
      description: 'Also tag latest.',
      default: 'false',
      cli: { switch: 'on', help: 'also tag latest', group: TAGS },
    },
    {
      name: 'labels',
      kind: 'lines',
      description: 'Extra labels, key=value one a line; they win over the OCI labels filled in from git.',
      default: '',
      cli: { flag: 'label', repeatable: true, value: 'key=value', help: 'extra label', group: BUILD },
    },
    {
      name: 'build-args',
      kind: 'lines',
      description: 'Build arguments, NAME=value one a line. Not for secrets - they stay in the image history.',
      default: '',
      cli: { flag: 'build-arg', repeatable: true, value: 'NAME=value', help: 'build argument', group: BUILD },
    },
    {
      name: 'secrets',
      kind: 'lines',
      description: 'Build secrets, one a line - id=<id>,src=<file> or id=<id>,env=<VARIABLE> (buildx). Values never appear on a command line.',
      default: '',
      cli: { flag: 'secret', repeatable: true, value: 'id=<id>,src=<file>', help: 'build secret; or id=<id>,env=<VAR> with buildx', group: BUILD },
    },
    { name: 'target', kind: 'string', description: 'Stage to build.', default: '', cli: { value: '<stage>', help: 'stage to build', group: BUILD } },
    {
      name: 'platforms',
      kind: 'list',
      description: 'Target platforms, e.g. linux/amd64,linux/arm64 (several need buildx).',
      default: '',
      cli: { flag: 'platform', value: '<os/arch>[,…]', help: 'target platforms', group: BUILD },
    },
    {
      name: 'provenance',
      kind: 'string',
      description: 'Provenance attestation (buildx) - false, true (mode=min) or max.',
      default: 'false',
      cli: { value: 'false|true|max', help: 'provenance attestation (buildx)', group: BUILD },
    },
    {
      name: 'network',
      kind: 'string',
      description: 'Network for RUN instructions (e.g. none, host).',
      default: '',
      cli: { value: '<name>', help: 'network for RUN instructions', group: BUILD },
    },
    { name: 'pull', kind: 'boolean', description: 'Always pull newer base images.', default: 'false', cli: { switch: 'on', help: 'always pull newer base images', group: BUILD } },
    {
      name: 'cache-ref',
      kind: 'string',
      description: 'buildx registry cache reference (auto = <repository-uri>:buildcache, none = off); buildah layer cache repository.',
      default: 'auto',
      cli: { value: '<ref|none>', help: 'registry cache reference', group: BUILD },
    },
    {
      name: 'cache-from',
      kind: 'list',
      description: "docker/buildx - images to seed the cache from (auto = this repository's branch, PR or latest tag; none = off).",
      default: '',
      cli: { repeatable: true, value: '<image|none>', help: 'image to seed the cache from', group: BUILD },
    },
    {
      name: 'on-conflict',
      kind: 'string',
      description: 'When a tag already exists in an immutable repository - fail (before building), or skip: keep existing tags as they are and push the others (decided before building).',
      default: 'fail',
      cli: { value: 'fail|skip', help: 'an existing tag in an immutable repository', group: TAGS },
    },
    {
      name: 'logout',
      kind: 'boolean',
      description: 'Log out of the registry in a post step. Set false on self-hosted runners where concurrent jobs share one Docker config.',
      default: 'true',
      cli: { flag: 'keep-login', switch: 'off', help: 'leave the engine logged in to the registry', group: OUTPUT },
    },
    {
      name: 'format',
      kind: 'choice',
      choices: ['text', 'json'],
      noun: 'format',
      action: false,
      description: 'How the result is printed.',
      default: 'text',
      cli: { value: 'text|json', help: 'how the result is printed', group: OUTPUT },
    },
  ],
  outputs: [
    { name: 'registry', description: 'The registry host (<account>.dkr.ecr.<region>.amazonaws.com).' },
    { name: 'repository-uri', description: 'The repository URI.' },
    { name: 'image', description: 'The image by digest, <repository-uri>@sha256:... (what a deploy should use).' },
    { name: 'digest', description: 'The image digest (sha256:...).' },
    { name: 'tags', description: 'Tags that name the image, comma separated.' },
    { name: 'size-bytes', description: "The image's size in bytes, its layers compressed (as the registry stores them and ECR counts them)." },
    { name: 'size-delta-bytes', description: "size-bytes minus the size of the image the first moving tag (branch, latest, ...) named before this push, or on a pull request's first push the base branch's image; empty on a first push or when that image could not be read." },
    { name: 'previous-digest', description: 'The digest of that previous image; empty when there was none.' },
  ],
});

export interface BuildPushSettings {
  raw: RawBuildPushOptions;
  /** What each setting is called here, for the library's errors. */
  names: OptionNames;
  logout: boolean;
  format: 'text' | 'json';
}

/** The settings as given; the library's resolveBuildPush validates them all before anything runs. */
export function readBuildPushSettings(read: ReaderOf<typeof BUILD_PUSH_TABLE>): BuildPushSettings {
  const optional = (name: Parameters<typeof read.optional>[0]) => read.optional(name);
  const raw: RawBuildPushOptions = {
    repository: read.text('repository'),
    region: optional('region'),
    registryId: optional('registry-id'),
    createRepository: read.boolean('create-repository'),
    scanOnPush: read.boolean('scan-on-push'),
    immutableTags: read.boolean('immutable-tags'),
    mutableTags: read.list('mutable-tags'),
    encryption: optional('encryption'),
    kmsKey: optional('kms-key'),
    lifecyclePolicy: optional('lifecycle-policy'),
    driver: optional('driver'),
    context: optional('context'),
    file: optional('file'),
    tags: read.list('tags'),
    tagSha: optional('tag-sha'),
    tagBranch: read.boolean('tag-branch'),
    tagSemver: read.boolean('tag-semver'),
    tagPr: read.boolean('tag-pr'),
    tagLatest: read.boolean('tag-latest'),
    labels: read.list('labels'),
    buildArgs: read.list('build-args'),
    secrets: read.list('secrets'),
    target: optional('target'),
    platforms: read.list('platforms'),
    provenance: optional('provenance'),
    network: optional('network'),
    pull: read.boolean('pull'),
    cacheRef: optional('cache-ref'),
    cacheFrom: read.list('cache-from'),
    onConflict: optional('on-conflict'),
  };
  const names: OptionNames = {
    repository: read.label('repository'),
    createRepository: read.label('create-repository'),
    region: read.label('region'),
    registryId: read.label('registry-id'),
    encryption: read.label('encryption'),
    kmsKey: read.label('kms-key'),
    lifecyclePolicy: read.label('lifecycle-policy'),
    mutableTags: read.label('mutable-tags'),
    driver: read.label('driver'),
    context: read.label('context'),
    file: read.label('file'),
    tags: read.label('tags'),
    tagSha: read.label('tag-sha'),
    labels: read.label('labels'),
    buildArgs: read.label('build-args'),
    secrets: read.label('secrets'),
    platforms: read.label('platforms'),
    provenance: read.label('provenance'),
    onConflict: read.label('on-conflict'),
    target: read.label('target'),
    network: read.label('network'),
  };
  return { raw, names, logout: read.boolean('logout'), format: read.choice<'text' | 'json'>('format') };
}
