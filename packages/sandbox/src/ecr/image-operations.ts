import { createHash } from 'node:crypto';
import { AwsError, epochSeconds } from '../aws/errors.js';
import { optionalInteger, optionalString, requireString } from '../aws/validate.js';
import { paginate } from '../http/paginate.js';
import { RegistryApiError } from '../registry/client.js';
import { ALL_MANIFEST_TYPES, declaredMediaType } from '../registry/media-types.js';
import type { CatalogImage } from './catalog.js';
import type { EcrEmulator, ImageRef } from './emulator.js';
import { severityCounts } from './findings.js';
import { viewScan } from './scan-policy.js';
import type { RepositoryRecord } from './state.js';

type Input = Record<string, unknown>;

/** The digest form ECR's ImageDigest accepts; anything else is a per-image failure, not an error. */
const DIGEST = /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/;

export async function describeImages(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const imageIds = input.imageIds as ImageRef[] | undefined;
  const maxResults = optionalInteger(input.maxResults, 'maxResults', 1, 1000);
  if (imageIds && maxResults !== undefined) {
    throw new AwsError('InvalidParameterException', 'maxResults cannot be used together with imageIds');
  }
  const tagStatus = (input.filter as { tagStatus?: string } | undefined)?.tagStatus ?? 'ANY';
  let images = await ecr.catalog.list(repository);
  if (imageIds) {
    images = imageIds.map((ref) => {
      const found = images.find(
        (image) =>
          (!ref.imageDigest || image.digest === ref.imageDigest) && (!ref.imageTag || image.tags.includes(ref.imageTag)),
      );
      if (!found || (!ref.imageDigest && !ref.imageTag)) throw ecr.imageNotFound(repository.name, ref);
      return found;
    });
  }
  images = images.filter((image) =>
    tagStatus === 'TAGGED' ? image.tags.length > 0 : tagStatus === 'UNTAGGED' ? image.tags.length === 0 : true,
  );
  const { page, nextToken } = paginate(images, maxResults, optionalString(input, 'nextToken'), 100);
  return { imageDetails: page.map((image) => imageDetail(ecr, repository, image)), ...(nextToken ? { nextToken } : {}) };
}

function imageDetail(ecr: EcrEmulator, repository: RepositoryRecord, image: CatalogImage) {
  const scan = repository.scans.get(image.digest);
  const view = scan ? viewScan(scan, ecr.now()) : undefined;
  const pulledAt = repository.lastPulledAt.get(image.digest);
  return {
    registryId: ecr.account,
    repositoryName: repository.name,
    imageDigest: image.digest,
    ...(image.tags.length > 0 ? { imageTags: image.tags } : {}),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: epochSeconds(image.pushedAt),
    imageManifestMediaType: image.mediaType,
    ...(image.artifactMediaType ? { artifactMediaType: image.artifactMediaType } : {}),
    ...(image.subjectDigest ? { subjectManifestDigest: image.subjectDigest } : {}),
    ...(pulledAt ? { lastRecordedPullTime: epochSeconds(pulledAt) } : {}),
    imageStatus: 'ACTIVE',
    ...(view ? { imageScanStatus: { status: view.status, description: view.description } } : {}),
    ...(view?.fixture && view.completedAt
      ? {
          imageScanFindingsSummary: {
            imageScanCompletedAt: epochSeconds(view.completedAt),
            vulnerabilitySourceUpdatedAt: epochSeconds(view.completedAt),
            findingSeverityCounts: severityCounts(view.fixture.findings ?? []),
          },
        }
      : {}),
  };
}

export async function batchGetImage(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const imageIds = input.imageIds as ImageRef[] | undefined;
  if (!Array.isArray(imageIds) || imageIds.length === 0 || imageIds.length > 100) {
    throw new AwsError('InvalidParameterException', "Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must have length between 1 and 100'");
  }
  const accepted = (input.acceptedMediaTypes as string[] | undefined) ?? ALL_MANIFEST_TYPES;
  const images = [];
  const failures = [];
  for (const ref of imageIds) {
    if (!ref.imageDigest && !ref.imageTag) {
      failures.push({ imageId: ref, failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' });
      continue;
    }
    if (ref.imageDigest !== undefined && !DIGEST.test(ref.imageDigest)) {
      failures.push({ imageId: ref, failureCode: 'InvalidImageDigest', failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'" });
      continue;
    }
    try {
      const manifest = await ecr.resolve(repository, ref);
      if (!accepted.includes(manifest.mediaType)) {
        // ImageFailureCode has no dedicated value for this; the image is "not found" in the accepted types.
        failures.push({ imageId: ref, failureCode: 'ImageNotFound', failureReason: `Requested image not found in the accepted media types (it is ${manifest.mediaType})` });
        continue;
      }
      images.push({
        registryId: ecr.account,
        repositoryName: repository.name,
        imageId: { imageDigest: manifest.digest, ...(ref.imageTag ? { imageTag: ref.imageTag } : {}) },
        imageManifest: manifest.body.toString('utf8'),
        imageManifestMediaType: manifest.mediaType,
      });
    } catch (error) {
      if (!(error instanceof AwsError) || error.code !== 'ImageNotFoundException') throw error;
      const mismatch = ref.imageDigest && ref.imageTag;
      failures.push({
        imageId: ref,
        failureCode: mismatch ? 'ImageTagDoesNotMatchDigest' : 'ImageNotFound',
        failureReason: mismatch ? 'Invalid request parameters: image tag does not match digest' : 'Requested image not found',
      });
    }
  }
  return { images, failures };
}

export async function putImage(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const manifest = requireString(input, 'imageManifest');
  const tag = optionalString(input, 'imageTag');
  const mediaType = optionalString(input, 'imageManifestMediaType') ?? declaredMediaType(manifest);
  if (!mediaType) {
    throw new AwsError('InvalidParameterException', 'Invalid parameter: the manifest declares no mediaType and imageManifestMediaType is not set');
  }
  const body = Buffer.from(manifest, 'utf8');
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  const claimed = optionalString(input, 'imageDigest');
  if (claimed && claimed !== digest) {
    throw new AwsError('ImageDigestDoesNotMatchException', `The specified image digest '${claimed}' does not match the digest '${digest}' of the manifest`);
  }
  if (tag) {
    const existing = await ecr.catalog.manifest(repository.name, tag);
    if (existing && ecr.tagIsImmutable(repository, tag)) {
      throw new AwsError('ImageTagAlreadyExistsException', ecr.immutableTagMessage(repository.name, tag));
    }
    if (existing?.digest === digest) {
      throw new AwsError(
        'ImageAlreadyExistsException',
        `Image with digest '${digest}' and tag '${tag}' already exists in the repository with name '${repository.name}' in registry with id '${ecr.account}'`,
      );
    }
  }
  try {
    await ecr.registry.putManifest(repository.name, tag ?? digest, body, mediaType);
  } catch (error) {
    if (error instanceof RegistryApiError) throw registryPutError(error);
    throw error;
  }
  await ecr.recordPush(repository, tag ?? digest, digest, mediaType);
  return {
    image: {
      registryId: ecr.account,
      repositoryName: repository.name,
      imageId: { imageDigest: digest, ...(tag ? { imageTag: tag } : {}) },
      imageManifest: manifest,
      imageManifestMediaType: mediaType,
    },
  };
}

function registryPutError(error: RegistryApiError): AwsError {
  switch (error.code) {
    case 'MANIFEST_BLOB_UNKNOWN':
    case 'BLOB_UNKNOWN':
      return new AwsError('LayersNotFoundException', `The image manifest references layers that are not in the repository: ${error.message}`);
    case 'MANIFEST_UNKNOWN':
      return new AwsError('ReferencedImagesNotFoundException', `The manifest list references images that are not in the repository: ${error.message}`);
    case 'MANIFEST_INVALID':
    case 'DIGEST_INVALID':
    case 'TAG_INVALID':
      return new AwsError('InvalidParameterException', `Invalid parameter at 'imageManifest': ${error.message}`);
    default:
      return new AwsError('ServerException', error.message, 500);
  }
}
