import { BatchGetImageCommand, type BatchGetImageCommandOutput } from '@aws-sdk/client-ecr';
import { ApiError } from '@eks-kit/core';
import { callEcr, type EcrCaller } from './ecr-api.js';
import type { ImageReference } from './reference.js';

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const IMAGE_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];

/** One scannable image: a single-platform image, or one platform of an index. */
export interface PlatformImage {
  repository: string;
  registryId?: string;
  digest: string;
  /** `linux/arm64`, …; absent for a single-platform image. */
  platform?: string;
}

export interface ResolvedImage {
  /** The digest the reference points at (the index's own digest for a multi-arch tag). */
  digest: string;
  multiArch: boolean;
  images: PlatformImage[];
  /** Attestation manifests in the index, which are not images and are not gated. */
  skippedAttestations: number;
}

interface IndexManifest {
  manifests?: {
    digest?: string;
    mediaType?: string;
    platform?: { os?: string; architecture?: string; variant?: string };
    annotations?: Record<string, string>;
  }[];
}

/**
 * Resolves a tag or digest to the images to gate. ECR scans each platform image, not the index
 * a multi-arch tag points at, so an index is opened and each platform gated; BuildKit's
 * attestation manifests (`vnd.docker.reference.type: attestation-manifest`) are skipped.
 */
export async function resolveImage(caller: EcrCaller, ref: ImageReference): Promise<ResolvedImage> {
  const imageId = ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag };
  let output: BatchGetImageCommandOutput;
  try {
    output = await callEcr<BatchGetImageCommandOutput>(
      caller,
      'BatchGetImage',
      new BatchGetImageCommand({
        repositoryName: ref.repository,
        imageIds: [imageId],
        acceptedMediaTypes: [...IMAGE_TYPES, ...INDEX_TYPES],
        ...(ref.registryId ? { registryId: ref.registryId } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof ApiError && error.code === 'RepositoryNotFoundException') {
      throw new ApiError('ECR', 'BatchGetImage', error.code, `repository "${ref.repository}" does not exist${ref.registryId ? ` in registry ${ref.registryId}` : ''} (check the image reference, the region and the account)`);
    }
    throw error;
  }
  const image = output.images?.[0];
  if (!image?.imageId?.imageDigest) {
    const failure = output.failures?.[0];
    const what = ref.digest ?? `tag "${ref.tag ?? ''}"`;
    throw new ApiError('ECR', 'BatchGetImage', failure?.failureCode ?? 'ImageNotFound', `${what} is not in repository "${ref.repository}"${failure?.failureReason ? ` (${failure.failureReason})` : ''}`);
  }
  const digest = image.imageId.imageDigest;
  const mediaType = image.imageManifestMediaType ?? declaredMediaType(image.imageManifest);
  const base = { repository: ref.repository, ...(ref.registryId ? { registryId: ref.registryId } : {}) };
  if (!INDEX_TYPES.includes(mediaType ?? '')) return { digest, multiArch: false, images: [{ ...base, digest }], skippedAttestations: 0 };

  const index = JSON.parse(image.imageManifest ?? '{}') as IndexManifest;
  const images: PlatformImage[] = [];
  let skippedAttestations = 0;
  for (const entry of index.manifests ?? []) {
    if (!entry.digest) continue;
    if (isAttestation(entry)) {
      skippedAttestations += 1;
      continue;
    }
    images.push({ ...base, digest: entry.digest, ...(entry.platform ? { platform: platformName(entry.platform) } : {}) });
  }
  if (images.length === 0) throw new ApiError('ECR', 'BatchGetImage', 'EmptyImageIndex', `${ref.repository}@${digest} is an image index with no platform images`);
  return { digest, multiArch: true, images, skippedAttestations };
}

function isAttestation(entry: NonNullable<IndexManifest['manifests']>[number]): boolean {
  return entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || (entry.platform?.os === 'unknown' && entry.platform.architecture === 'unknown');
}

function platformName(platform: { os?: string; architecture?: string; variant?: string }): string {
  return [platform.os ?? 'unknown', platform.architecture ?? 'unknown', platform.variant].filter(Boolean).join('/');
}

function declaredMediaType(manifest: string | undefined): string | undefined {
  try {
    return (JSON.parse(manifest ?? '') as { mediaType?: string }).mediaType;
  } catch {
    return undefined;
  }
}
