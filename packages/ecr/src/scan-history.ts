import { DescribeImagesCommand, type DescribeImagesCommandOutput, type ImageDetail } from '@aws-sdk/client-ecr';
import { ApiError } from '@eks-kit/core';
import { callEcr, type EcrCaller } from './ecr-api.js';

/** How many of the most recently pushed, scanned images the estimate takes the median of. */
const RECENT = 5;
/**
 * A completion longer than this after the push was not the scan on push (a manual rescan days
 * later, a continuous rescan after a database update): it says nothing about how long a scan takes.
 */
const LONGEST_MS = 60 * 60_000;

export interface LearnedScanTime {
  /** Median time from push to scan completion, in ms. */
  durationMs: number;
  /** Longest minus shortest of those durations: how far a scan may finish from the median. */
  spreadMs: number;
  /** How many earlier images it was taken from. */
  images: number;
}

/**
 * How long scans take in this repository, learned from the images pushed before: the median of
 * push-to-completion (`imagePushedAt` to `imageScanCompletedAt`, which DescribeImages gives in one
 * call) over the most recent scanned ones. Only a schedule: the gate still passes only on this
 * image's own evidence. Undefined when nothing earlier was scanned, or the caller may not list images.
 */
export function scanTimeOf(details: readonly ImageDetail[], exclude: ReadonlySet<string>): LearnedScanTime | undefined {
  const durations = details
    .filter((d) => d.imageDigest && !exclude.has(d.imageDigest) && d.imagePushedAt instanceof Date && d.imageScanFindingsSummary?.imageScanCompletedAt instanceof Date)
    .map((d) => ({ pushed: d.imagePushedAt!.getTime(), took: d.imageScanFindingsSummary!.imageScanCompletedAt!.getTime() - d.imagePushedAt!.getTime() }))
    .filter((d) => d.took >= 0 && d.took <= LONGEST_MS)
    .sort((a, b) => b.pushed - a.pushed)
    .slice(0, RECENT)
    .map((d) => d.took)
    .sort((a, b) => a - b);
  if (durations.length === 0) return undefined;
  const mid = Math.floor(durations.length / 2);
  const durationMs = durations.length % 2 ? durations[mid]! : Math.round((durations[mid - 1]! + durations[mid]!) / 2);
  return { durationMs, spreadMs: durations.at(-1)! - durations[0]!, images: durations.length };
}

/** One DescribeImages call (first page, up to 100 images); a refusal only means nothing is learned. */
export async function learnScanTime(caller: EcrCaller, repository: string, registryId: string | undefined, exclude: ReadonlySet<string>): Promise<LearnedScanTime | undefined> {
  let output: DescribeImagesCommandOutput;
  try {
    output = await callEcr<DescribeImagesCommandOutput>(caller, 'DescribeImages', new DescribeImagesCommand({ repositoryName: repository, maxResults: 100, ...(registryId ? { registryId } : {}) }));
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'AccessDeniedException') throw error;
    caller.logger.debug(`${repository}: DescribeImages answered ${error.code}; the poll schedule learns nothing from earlier scans`);
    return undefined;
  }
  return scanTimeOf(output.imageDetails ?? [], exclude);
}

/** When a scan of an image pushed at `pushedAt` is expected to finish (epoch ms), by what was learned. */
export function expectedCompletion(pushedAt: Date, learned: LearnedScanTime): { atMs: number; spreadMs: number } {
  return { atMs: pushedAt.getTime() + learned.durationMs, spreadMs: learned.spreadMs };
}
