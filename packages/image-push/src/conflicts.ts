import { BatchGetImageCommand, type BatchGetImageCommandOutput } from '@aws-sdk/client-ecr';
import { EksKitError } from '@eks-kit/core';
import { sendEcr, type EcrSession } from './ecr-calls.js';

/** A tag that cannot be pushed: it exists in an immutable repository with another image. */
export class TagConflict extends EksKitError {
  override name = 'TagConflict';
}

export interface ExistingTag {
  digest: string;
  /** The image config digest (the local image ID when it is the same image); none for an index. */
  configDigest?: string;
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];

/** Which of `tags` exist already, with their digests: one BatchGetImage call (missing tags are failures, not errors). */
export async function existingTags(session: EcrSession, repository: { name: string; registryId?: string }, tags: readonly string[]): Promise<Map<string, ExistingTag>> {
  const found = new Map<string, ExistingTag>();
  if (tags.length === 0) return found;
  const answer = await sendEcr<BatchGetImageCommandOutput>(
    session,
    'BatchGetImage',
    new BatchGetImageCommand({
      repositoryName: repository.name,
      ...(repository.registryId ? { registryId: repository.registryId } : {}),
      imageIds: tags.map((imageTag) => ({ imageTag })),
      acceptedMediaTypes: MANIFEST_TYPES,
    }),
  );
  for (const image of answer.images ?? []) {
    const tag = image.imageId?.imageTag;
    const digest = image.imageId?.imageDigest;
    if (!tag || !digest) continue;
    let configDigest: string | undefined;
    try {
      configDigest = (JSON.parse(image.imageManifest ?? '{}') as { config?: { digest?: string } }).config?.digest;
    } catch {
      configDigest = undefined;
    }
    found.set(tag, { digest, ...(configDigest ? { configDigest } : {}) });
  }
  return found;
}

export type ConflictPolicy = 'fail' | 'skip';

export function conflictBeforeBuild(repositoryName: string, conflicts: Map<string, ExistingTag>): TagConflict {
  const list = [...conflicts].map(([tag, image]) => `"${tag}" (${image.digest})`).join(', ');
  return new TagConflict(
    `tag ${list} already exists in ${repositoryName}, whose tags are immutable; push a new tag, or set on-conflict: skip to skip tags that already hold this same image`,
  );
}

/**
 * After the build: tags that already hold this very image are skipped; a tag holding another
 * image is an error naming it.
 */
export function splitConflicts(repositoryName: string, conflicts: Map<string, ExistingTag>, localConfigDigest: string | undefined): { same: Map<string, ExistingTag> } {
  const same = new Map<string, ExistingTag>();
  for (const [tag, image] of conflicts) {
    if (localConfigDigest && image.configDigest === localConfigDigest) {
      same.set(tag, image);
      continue;
    }
    throw new TagConflict(`tag "${tag}" already exists in ${repositoryName} with another image (${image.digest}) and the repository's tags are immutable; this build is not pushed under it`);
  }
  return { same };
}
