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

/**
 * Why nothing can be pushed, decided before the build: tags that exist in an immutable repository,
 * or moving tags the repository keeps immutable (and nothing else to push).
 */
export function conflictBeforeBuild(repositoryName: string, conflicts: Map<string, ExistingTag>, notPushed: readonly string[], onConflictName = 'onConflict'): TagConflict {
  if (conflicts.size === 0) {
    return new TagConflict(
      `no tag to push: ${notPushed.map((tag) => `"${tag}"`).join(', ')} move${notPushed.length === 1 ? 's' : ''} with every push and ${repositoryName} keeps ${notPushed.length === 1 ? 'it' : 'them'} immutable; add a fixed tag (the commit SHA, a version), or exclude ${notPushed.length === 1 ? 'it' : 'them'} from immutability with a tag exclusion filter`,
    );
  }
  const list = [...conflicts].map(([tag, image]) => `"${tag}" (${image.digest})`).join(', ');
  return new TagConflict(
    `tag ${list} already exists in ${repositoryName}, whose tags are immutable; push a new tag, or set ${onConflictName} to skip to keep existing tags as they are`,
  );
}

/**
 * The image a run that pushes nothing stands for: every tag exists already, and they must all name
 * the same image, or the run cannot say which one it produced.
 */
export function skippedImage(repositoryName: string, conflicts: Map<string, ExistingTag>): string {
  const digests = [...new Set([...conflicts.values()].map((image) => image.digest))];
  if (digests.length !== 1 || !digests[0]) {
    const list = [...conflicts].map(([tag, image]) => `"${tag}" (${image.digest})`).join(', ');
    throw new TagConflict(`every tag already exists in ${repositoryName}, but they name different images: ${list}; push a new tag`);
  }
  return digests[0];
}
