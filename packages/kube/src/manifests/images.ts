import { InputError } from '@eks-kit/core';
import type { KubeObject, Manifest } from './types.js';

export interface ImageMapping {
  /** What to match: a repository (`app`, `1234.dkr.ecr…/shop/app`) or its last path part. */
  name: string;
  /** The image to run instead, ideally `repository@sha256:…`. */
  image: string;
}

/** `app=1234.dkr.ecr.us-east-1.amazonaws.com/app@sha256:…` entries, one per line. */
export function parseImageMappings(entries: readonly string[], input = 'images'): ImageMapping[] {
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const image = entry.slice(at + 1).trim();
    if (at <= 0 || !name || !image) throw new InputError(input, `"${entry}" is not name=image (e.g. app=1234.dkr.ecr.us-east-1.amazonaws.com/app@sha256:…)`);
    if (/\s/.test(image)) throw new InputError(input, `"${image}" is not an image reference`);
    return { name, image };
  });
}

export interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  [key: string]: unknown;
}

export interface ContainerLike {
  name?: string;
  image?: string;
  [key: string]: unknown;
}

/** The pod spec of a workload and its path in the object, for line numbers. */
export function podSpecOf(object: KubeObject): { spec: PodSpecLike; path: string[] } | undefined {
  const o = object as { spec?: { template?: { spec?: PodSpecLike }; jobTemplate?: { spec?: { template?: { spec?: PodSpecLike } } } } } & KubeObject;
  if (object.kind === 'Pod') return o.spec ? { spec: o.spec as PodSpecLike, path: ['spec'] } : undefined;
  if (object.kind === 'CronJob') {
    const spec = o.spec?.jobTemplate?.spec?.template?.spec;
    return spec ? { spec, path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] } : undefined;
  }
  const spec = o.spec?.template?.spec;
  return spec ? { spec, path: ['spec', 'template', 'spec'] } : undefined;
}

/** The repository part of an image reference: no tag, no digest. */
export function repositoryOf(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
}

function matches(mapping: ImageMapping, image: string): boolean {
  const repository = repositoryOf(image);
  return repository === mapping.name || repository.split('/').pop() === mapping.name || repositoryOf(mapping.name) === repository;
}

/**
 * Replaces container images in every pod template. A mapping that matches no container is an input
 * error: a typo there would otherwise ship the old image silently.
 */
export function replaceImages(manifests: readonly Manifest[], mappings: readonly ImageMapping[], input = 'images'): void {
  const used = new Set<ImageMapping>();
  for (const manifest of manifests) {
    const pod = podSpecOf(manifest.object);
    if (!pod) continue;
    for (const container of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
      if (!container.image) continue;
      const mapping = mappings.find((m) => matches(m, container.image ?? ''));
      if (!mapping) continue;
      container.image = mapping.image;
      used.add(mapping);
    }
  }
  const unused = mappings.filter((m) => !used.has(m));
  if (unused.length > 0) {
    throw new InputError(input, `${unused.map((m) => `"${m.name}"`).join(', ')} matches no container image in the manifests`);
  }
}
