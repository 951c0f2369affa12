import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultLifecyclePolicy,
  loadLifecyclePolicy,
  parseRepositoryTarget,
  parseSecrets,
  resolveBuildPush,
  tagIsImmutable,
  type OptionNames,
  type RawBuildPushOptions,
} from '../src/index.js';

// What an adapter passes: the action's input names, or the CLI's flags.
const ACTION_INPUT_NAMES: OptionNames = {
  repository: 'repository', createRepository: 'create-repository', region: 'region', registryId: 'registry-id', encryption: 'encryption', kmsKey: 'kms-key',
  lifecyclePolicy: 'lifecycle-policy', mutableTags: 'mutable-tags', driver: 'driver', context: 'context', file: 'file', tags: 'tags', tagSha: 'tag-sha', labels: 'labels',
  buildArgs: 'build-args', secrets: 'secrets', platforms: 'platforms', provenance: 'provenance', onConflict: 'on-conflict', target: 'target', network: 'network',
};
const CLI_FLAG_NAMES = Object.fromEntries(Object.entries(ACTION_INPUT_NAMES).map(([key, name]) => [key, `--${name}`])) as OptionNames;

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bp-unit-'));
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
  return dir;
}

const RAW: RawBuildPushOptions = {
  repository: 'shop/api', createRepository: false, scanOnPush: true, immutableTags: true, mutableTags: ['buildcache'],
  tags: [], tagBranch: true, tagSemver: true, tagPr: true, tagLatest: false, labels: [], buildArgs: [], secrets: [], platforms: [], pull: false, cacheFrom: [],
};
const SHA = '0123456789abcdef0123456789abcdef01234567';

function resolve(raw: Partial<RawBuildPushOptions>, cwd = workspace(), names = ACTION_INPUT_NAMES) {
  return resolveBuildPush({ ...RAW, ...raw }, names, { cwd, env: { AWS_REGION: 'eu-west-1' }, git: { sha: SHA, ref: 'refs/heads/main' }, now: new Date('2026-01-01T00:00:00Z'), workDir: '/tmp/w' });
}

describe('resolving build-push settings', () => {
  it('defaults: Dockerfile in the context, short SHA and branch tags, OCI labels, auto driver and caches, fail on conflicts', () => {
    const cwd = workspace();
    const request = resolve({}, cwd);
    expect(request).toMatchObject({ region: 'eu-west-1', repository: 'shop/api', driver: 'auto', tags: ['0123456', 'main'], onConflict: 'fail', cacheFrom: 'auto', cacheRef: 'auto' });
    expect(request.spec.file).toBe(path.join(cwd, 'Dockerfile'));
    expect(request.spec.labels['org.opencontainers.image.revision']).toBe(SHA);
    expect(request.create).toBeUndefined();
  });

  it('a full repository URI sets the account and region', () => {
    const request = resolve({ repository: '444455556666.dkr.ecr.ap-south-1.amazonaws.com/team/web' });
    expect(request).toMatchObject({ repository: 'team/web', registryId: '444455556666', region: 'ap-south-1' });
  });

  it('creation settings: encryption, KMS key, mutable cache tag, default lifecycle policy', () => {
    const request = resolve({ createRepository: true, encryption: 'kms', kmsKey: 'alias/ecr' });
    expect(request.create).toEqual({
      scanOnPush: true, immutableTags: true, mutableTagFilters: ['buildcache', 'main', 'pr-*'],
      encryption: { type: 'KMS', kmsKey: 'alias/ecr' }, lifecyclePolicy: defaultLifecyclePolicy(),
    });
  });

  it('marks the moving tags; a created repository excludes what a wildcard can name, within ECR\'s limit of 5 filters', () => {
    const release = resolveBuildPush({ ...RAW, tagLatest: true, createRepository: true }, ACTION_INPUT_NAMES, {
      cwd: workspace(), env: { AWS_REGION: 'eu-west-1' }, git: { sha: SHA, ref: 'refs/tags/v1.4.2' }, now: new Date('2026-01-01T00:00:00Z'), workDir: '/tmp/w',
    });
    expect(release.tags).toEqual(['0123456', '1.4.2', '1.4', '1', 'latest']);
    expect(release.movingTags).toEqual(['1.4', '1', 'latest']);
    // 1.4 and 1 cannot be told from 1.4.2 by a wildcard: they stay immutable (and are not pushed).
    expect(release.create?.mutableTagFilters).toEqual(['buildcache', 'latest', 'pr-*']);
    expect(() => resolve({ createRepository: true, mutableTags: ['buildcache', 'nightly', 'edge', 'dev-*'] })).toThrow(
      'mutable-tags: 6 tag exclusion filters (buildcache, nightly, edge, dev-*, main, pr-*); ECR allows at most 5 per repository',
    );
    expect(resolve({ createRepository: true, mutableTags: ['buildcache', 'nightly', 'edge'] }).create?.mutableTagFilters).toHaveLength(5);
  });

  it.each([
    [{ driver: 'kaniko' }, 'driver: "kaniko" is not a driver; expected auto, buildx, docker, buildah'],
    [{ file: 'nope/Dockerfile' }, 'file: no Dockerfile at "nope/Dockerfile"'],
    [{ context: 'missing-dir' }, 'context: "missing-dir" is not a directory'],
    [{ tags: ['ok', 'no spaces'] }, 'tags: "no spaces" is not a valid tag'],
    [{ labels: ['novalue'] }, 'labels: "novalue" is not a label'],
    [{ region: 'us-east' }, 'region: "us-east" is not an AWS region'],
    [{ repository: 'Shop/API' }, 'repository: "Shop/API" is not a valid repository name'],
    [{ repository: 'shop/api:1.0' }, 'repository: "shop/api:1.0" names a tag or digest'],
    [{ repository: 'docker.io/library/node' }, 'repository: "docker.io/library/node" is not an Amazon ECR repository'],
    [{ registryId: '12345' }, 'registry-id: "12345" is not an AWS account id (12 digits)'],
    [{ buildArgs: ['1BAD=x'] }, 'build-args: "1BAD" is not a build argument name'],
    [{ buildArgs: ['NOVALUE'] }, 'build-args: "NOVALUE" has no value'],
    [{ platforms: ['amd64'] }, 'platforms: "amd64" is not a platform'],
    [{ provenance: 'maybe' }, 'provenance: "maybe" is not a provenance setting'],
    [{ onConflict: 'overwrite' }, 'on-conflict: "overwrite" is not allowed; expected fail or skip'],
    [{ tagSha: 'medium' }, 'tag-sha: "medium" is not allowed'],
    [{ createRepository: true, encryption: 'DES' }, 'encryption: "DES" is not allowed; expected AES256 or KMS'],
    [{ createRepository: true, kmsKey: 'alias/x' }, 'kms-key: a KMS key needs encryption: KMS'],
    [{ createRepository: true, mutableTags: ['a b'] }, 'mutable-tags: "a b" is not a tag wildcard'],
    [{ createRepository: true, lifecyclePolicy: '{"rules": []}' }, 'lifecycle-policy: needs a non-empty "rules" list'],
    [{ createRepository: true, lifecyclePolicy: 'policies/missing.json' }, 'lifecycle-policy: "policies/missing.json" is neither inline JSON nor a file in the workspace'],
  ] as [Partial<RawBuildPushOptions>, string][])('%o → %s', (raw, message) => {
    expect(() => resolve(raw)).toThrow(message);
  });

  it('CLI flags are named in errors as flags', () => {
    expect(() => resolve({ driver: 'x' }, workspace(), CLI_FLAG_NAMES)).toThrow('--driver: "x" is not a driver');
  });

  it('no region anywhere is an error that says where a region comes from', () => {
    expect(() => resolveBuildPush(RAW, ACTION_INPUT_NAMES, { cwd: workspace(), env: {}, git: { sha: SHA }, now: new Date(), workDir: '/tmp/w' })).toThrow(/^region: no AWS region/);
  });

  it('no tags at all is an error', () => {
    expect(() => resolveBuildPush(RAW, ACTION_INPUT_NAMES, { cwd: workspace(), env: { AWS_REGION: 'us-east-1' }, git: {}, now: new Date(), workDir: '/tmp/w' })).toThrow(/^tags: no tags/);
  });
});

describe('secrets are references, never values', () => {
  it('reads src and env references', () => {
    expect(parseSecrets(['id=npmrc,src=.npmrc', 'id=token,env=NPM_TOKEN', 'type=file,id=x,src=/x'], 'secrets')).toEqual([{ id: 'npmrc', src: '.npmrc' }, { id: 'token', env: 'NPM_TOKEN' }, { id: 'x', src: '/x' }]);
  });
  it.each(['npmrc', 'id=a', 'id=a,src=x,env=Y', 'id=a,value=secret', 'src=x'])('refuses %s', (line) => {
    expect(() => parseSecrets([line], 'secrets')).toThrow(/is not a secret reference/);
  });
});

describe('lifecycle policies', () => {
  it('adds a rule expiring untagged images after the given rules', () => {
    const text = loadLifecyclePolicy('{"rules":[{"rulePriority":5,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}', '/', 'lifecycle-policy');
    const rules = (JSON.parse(text) as { rules: { rulePriority: number; selection: { tagStatus: string; countNumber: number } }[] }).rules;
    expect(rules.map((r) => [r.rulePriority, r.selection.tagStatus])).toEqual([[5, 'tagged'], [6, 'untagged']]);
  });

  it('keeps a policy that already expires untagged images as it is, read from a file', () => {
    const dir = workspace();
    const policy = { rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }, action: { type: 'expire' } }] };
    writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy));
    expect(JSON.parse(loadLifecyclePolicy('policy.json', dir, 'lifecycle-policy'))).toEqual(policy);
  });

  it('the default policy is long enough for ECR (100+ characters) and expires untagged images', () => {
    expect(defaultLifecyclePolicy().length).toBeGreaterThanOrEqual(100);
    expect(defaultLifecyclePolicy()).toContain('"tagStatus":"untagged"');
  });

  it('names the broken rule', () => {
    expect(() => loadLifecyclePolicy('{"rules":[{"rulePriority":"1"}]}', '/', 'lifecycle-policy')).toThrow('lifecycle-policy: rule 1 needs rulePriority (number), selection.tagStatus and action.type "expire"');
    expect(() => loadLifecyclePolicy('{not json', '/', 'lifecycle-policy')).toThrow(/lifecycle-policy: is not valid JSON/);
  });
});

describe('repository targets and tag mutability', () => {
  it('parses names and URIs', () => {
    expect(parseRepositoryTarget('a/b-c', 'repository')).toEqual({ name: 'a/b-c' });
    expect(parseRepositoryTarget('111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/xy', 'repository')).toEqual({ name: 'xy', registryId: '111122223333', region: 'us-gov-west-1' });
  });

  it('decides immutability as ECR does, with wildcard exclusions', () => {
    expect(tagIsImmutable({ tagMutability: 'MUTABLE', mutableTagFilters: [] }, 'x')).toBe(false);
    expect(tagIsImmutable({ tagMutability: 'IMMUTABLE', mutableTagFilters: [] }, 'x')).toBe(true);
    expect(tagIsImmutable({ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', mutableTagFilters: ['build*', 'latest'] }, 'buildcache')).toBe(false);
    expect(tagIsImmutable({ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', mutableTagFilters: ['build*'] }, 'v1.2.3')).toBe(true);
    expect(tagIsImmutable({ tagMutability: 'MUTABLE_WITH_EXCLUSION', mutableTagFilters: ['v*'] }, 'v1.2.3')).toBe(true);
    expect(tagIsImmutable({ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', mutableTagFilters: ['a.b'] }, 'axb')).toBe(true);
  });
});
