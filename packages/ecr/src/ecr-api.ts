import type { BatchGetImageCommand, DescribeImageScanFindingsCommand, DescribeImagesCommand, StartImageScanCommand } from '@aws-sdk/client-ecr';
import { AWS_RETRY_POLICY, callAws, type BackoffOptions, type Clock, type Logger } from '@eks-kit/core';

export type EcrCommand = BatchGetImageCommand | DescribeImageScanFindingsCommand | DescribeImagesCommand | StartImageScanCommand;

/** What scan-gate needs from an ECR client: an `ECRClient`, or a fake with the same `send`. */
export interface EcrClientLike {
  send(command: EcrCommand): Promise<unknown>;
}

export interface EcrCaller {
  client: EcrClientLike;
  clock: Clock;
  logger: Logger;
  /** Epoch ms after which throttling is no longer waited out. */
  deadline: number;
  /** Backoff for throttling and server errors. */
  backoff: BackoffOptions;
  /** Every request sent, retries included; for reports and benchmarks. */
  stats: { calls: number };
}

export const DEFAULT_RETRY_BACKOFF: BackoffOptions = AWS_RETRY_POLICY.backoff;

/**
 * Sends one ECR request under core's AWS retry policy, bounded by the wait's deadline rather than a
 * number of attempts: throttling while waiting for a scan is waited out until the timeout. Other
 * errors are final at once, as an ApiError whose `code` is ECR's exception name, so callers can
 * decide (ScanNotFoundException starts a scan, a missing repository fails at once).
 */
export function callEcr<T>(caller: EcrCaller, operation: string, command: EcrCommand): Promise<T> {
  return callAws(
    { service: 'ECR', clock: caller.clock, logger: caller.logger, stats: caller.stats, deadline: caller.deadline, policy: { attempts: Number.POSITIVE_INFINITY, backoff: caller.backoff } },
    operation,
    async () => (await caller.client.send(command)) as T,
  );
}
