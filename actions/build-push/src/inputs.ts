import type { Inputs } from '@eks-kit/action-runtime';
import type { RawBuildPushOptions } from '@eks-kit/image-push';

/** The action's inputs as given; `resolveBuildPush` validates them all before anything runs. */
export function readRawInputs(inputs: Inputs): RawBuildPushOptions {
  const optional = (name: string) => inputs.optional(name);
  return {
    repository: inputs.string('repository', { required: true }),
    region: optional('region'),
    registryId: optional('registry-id'),
    createRepository: inputs.boolean('create-repository', false),
    scanOnPush: inputs.boolean('scan-on-push', true),
    immutableTags: inputs.boolean('immutable-tags', true),
    mutableTags: inputs.list('mutable-tags'),
    encryption: optional('encryption'),
    kmsKey: optional('kms-key'),
    lifecyclePolicy: optional('lifecycle-policy'),
    driver: optional('driver'),
    context: optional('context'),
    file: optional('file'),
    tags: inputs.list('tags'),
    tagSha: optional('tag-sha'),
    tagBranch: inputs.boolean('tag-branch', true),
    tagSemver: inputs.boolean('tag-semver', true),
    tagPr: inputs.boolean('tag-pr', true),
    tagLatest: inputs.boolean('tag-latest', false),
    labels: lines(inputs.raw('labels')),
    buildArgs: lines(inputs.raw('build-args')),
    secrets: lines(inputs.raw('secrets')),
    target: optional('target'),
    platforms: inputs.list('platforms'),
    provenance: optional('provenance'),
    network: optional('network'),
    pull: inputs.boolean('pull', false),
    cacheRef: optional('cache-ref'),
    cacheFrom: inputs.list('cache-from'),
    onConflict: optional('on-conflict'),
  };
}

/** One item a line: label values and build arguments may contain commas. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}
