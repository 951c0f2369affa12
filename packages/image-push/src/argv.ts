import { InputError } from '@eks-kit/core';
import type { BuildSpec } from './build-spec.js';
import type { Driver } from './driver.js';

/** Where each driver leaves the facts we read back: files, never scraped log text. */
export interface OutputFiles {
  iidFile: string;
  metadataFile: string;
}

export interface BuildPlan {
  /** Full references to tag the image with (`<repository-uri>:<tag>`). */
  references: string[];
  /** Images to seed the cache from (drivers without cache export). */
  cacheFrom: string[];
  /** buildx: registry cache reference (`<uri>:buildcache`), read and written. */
  registryCache?: string;
  /** buildx: push as part of the build; false builds the image without pushing (all tags exist). */
  push: boolean;
  /** buildah: repository for its layer cache (`--cache-from`/`--cache-to`). */
  layerCacheRepository?: string;
}

export interface Invocation {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** Driver limits, checked before anything runs so the error arrives before the build. */
/** What the options that only some builders support are called where they came from. */
export interface SupportNames {
  platforms: string;
  provenance: string;
  secrets: string;
}

const OWN_NAMES: SupportNames = { platforms: 'platforms', provenance: 'provenance', secrets: 'secrets' };

export function checkSupport(driver: Driver, spec: BuildSpec, names: SupportNames = OWN_NAMES): void {
  if (driver !== 'buildx' && spec.platforms.length > 1) throw new InputError(names.platforms, `several platforms need the buildx driver; ${driver} builds one`);
  if (driver !== 'buildx' && spec.provenance !== 'false') throw new InputError(names.provenance, `provenance attestations need the buildx driver; ${driver} cannot attach them (set provenance: false)`);
  if (driver === 'docker' && spec.secrets.length > 0) throw new InputError(names.secrets, 'the classic docker builder has no build secrets; use the buildx or buildah driver');
  if (driver === 'buildah' && spec.secrets.some((s) => 'env' in s)) throw new InputError(names.secrets, 'buildah reads secrets from files; use id=<id>,src=<file>');
}

/** Whether the build asks for something only some builders support: then the builder is known before any AWS call. */
export function needsDriverCheck(spec: BuildSpec): boolean {
  return spec.platforms.length > 1 || spec.provenance !== 'false' || spec.secrets.length > 0;
}

function common(spec: BuildSpec, references: readonly string[]): string[] {
  const args = ['--file', spec.file];
  for (const reference of references) args.push('--tag', reference);
  for (const [key, value] of Object.entries(spec.labels)) args.push('--label', `${key}=${value}`);
  for (const [name, value] of Object.entries(spec.buildArgs)) args.push('--build-arg', `${name}=${value}`);
  if (spec.target) args.push('--target', spec.target);
  if (spec.network) args.push('--network', spec.network);
  if (spec.pull) args.push('--pull');
  return args;
}

function secretArgs(spec: BuildSpec): string[] {
  return spec.secrets.flatMap((secret) => ['--secret', 'src' in secret ? `id=${secret.id},src=${secret.src}` : `id=${secret.id},env=${secret.env}`]);
}

/** The build command for a driver, as an argument array. */
export function buildInvocation(driver: Driver, spec: BuildSpec, plan: BuildPlan, files: OutputFiles): Invocation {
  checkSupport(driver, spec);
  if (driver === 'buildx') {
    const args = ['buildx', 'build', ...common(spec, plan.push ? plan.references : []), ...secretArgs(spec)];
    if (spec.platforms.length > 0) args.push('--platform', spec.platforms.join(','));
    args.push(spec.provenance === 'false' ? '--provenance=false' : `--provenance=mode=${spec.provenance}`);
    if (plan.registryCache) {
      args.push('--cache-from', `type=registry,ref=${plan.registryCache}`);
      // ECR needs an image manifest (not an index) with OCI media types to store a cache.
      args.push('--cache-to', `type=registry,ref=${plan.registryCache},mode=max,image-manifest=true,oci-mediatypes=true`);
    }
    for (const image of plan.cacheFrom) args.push('--cache-from', `type=registry,ref=${image}`);
    args.push('--metadata-file', files.metadataFile, '--iidfile', files.iidFile);
    args.push(plan.push ? '--push' : '--output=type=image,push=false');
    args.push(spec.context);
    return { command: 'docker', args };
  }
  if (driver === 'docker') {
    // Labels and tags come in a second, one-step build (labelStamp): the classic builder turns
    // every --label into its own step, each a container commit.
    const args = ['build', ...common({ ...spec, labels: {} }, [])];
    if (spec.platforms[0]) args.push('--platform', spec.platforms[0]);
    for (const image of plan.cacheFrom) args.push('--cache-from', image);
    args.push('--iidfile', files.iidFile, spec.context);
    // Without buildx, a DOCKER_BUILDKIT=1 left in the environment would make `docker build` refuse to run.
    return { command: 'docker', args, env: { DOCKER_BUILDKIT: '0' } };
  }
  const args = ['bud', ...common(spec, plan.references), ...secretArgs(spec), '--layers'];
  if (spec.platforms[0]) args.push('--platform', spec.platforms[0]);
  if (plan.layerCacheRepository) args.push('--cache-from', plan.layerCacheRepository, '--cache-to', plan.layerCacheRepository);
  args.push('--iidfile', files.iidFile, spec.context);
  return { command: 'buildah', args };
}

/** Pushing one reference after a local build (docker, buildah); buildx pushes during the build. */
export function pushInvocation(driver: Driver, reference: string, options: { digestFile: string; insecure: boolean }): Invocation {
  if (driver === 'buildah') {
    const tls = options.insecure ? ['--tls-verify=false'] : [];
    return { command: 'buildah', args: ['push', ...tls, '--digestfile', options.digestFile, reference, `docker://${reference}`] };
  }
  return { command: 'docker', args: ['push', reference] };
}

/** A Dockerfile string: quoted, with `\`, `"` and `$` escaped so nothing is expanded. */
function quote(text: string): string {
  return `"${text.replace(/[\\"$]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ')}"`;
}

/**
 * The classic builder's second build: `FROM <image id>` plus one LABEL instruction with every
 * label, tagged with every reference. One step instead of one per label.
 */
export function labelStamp(imageId: string, labels: Record<string, string>, references: readonly string[], stampDir: string, iidFile: string): { dockerfile: string; invocation: Invocation } {
  const entries = Object.entries(labels).map(([key, value]) => `${quote(key)}=${quote(value)}`);
  const dockerfile = `FROM ${imageId}\n${entries.length > 0 ? `LABEL ${entries.join(' \\\n      ')}\n` : ''}`;
  const args = ['build', '--file', `${stampDir}/Dockerfile`];
  for (const reference of references) args.push('--tag', reference);
  args.push('--iidfile', iidFile, stampDir);
  return { dockerfile, invocation: { command: 'docker', args, env: { DOCKER_BUILDKIT: '0' } } };
}
