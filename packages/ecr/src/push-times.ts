import { DescribeImagesCommand, type DescribeImagesCommandOutput } from '@aws-sdk/client-ecr';
import { ApiError } from '@eks-kit/core';
import { callEcr, type EcrCaller } from './ecr-api.js';
import type { PlatformImage } from './resolve-image.js';

/** DescribeImages takes at most 100 image ids per call. */
const BATCH = 100;

/**
 * When ECR says each image was pushed, so a scan completion time can be checked against it. One
 * call per 100 images. Without `ecr:DescribeImages` the gate still needs a completion time, only
 * not one it can compare: it says so and goes on.
 */
export async function pushTimes(caller: EcrCaller, images: readonly PlatformImage[]): Promise<Map<string, Date>> {
  const times = new Map<string, Date>();
  const first = images[0];
  if (!first) return times;
  for (let i = 0; i < images.length; i += BATCH) {
    const batch = images.slice(i, i + BATCH);
    let output: DescribeImagesCommandOutput;
    try {
      output = await callEcr<DescribeImagesCommandOutput>(
        caller,
        'DescribeImages',
        new DescribeImagesCommand({ repositoryName: first.repository, imageIds: batch.map((image) => ({ imageDigest: image.digest })), ...(first.registryId ? { registryId: first.registryId } : {}) }),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || (error.code !== 'AccessDeniedException' && error.code !== 'ImageNotFoundException')) throw error;
      caller.logger.warning(`${first.repository}: DescribeImages answered ${error.code}, so the push time is unknown; a scan counts once ECR gives its completion time, without checking that it followed the push (grant ecr:DescribeImages to check it)`);
      return times;
    }
    for (const detail of output.imageDetails ?? []) {
      if (detail.imageDigest && detail.imagePushedAt instanceof Date) times.set(detail.imageDigest, detail.imagePushedAt);
    }
  }
  return times;
}
