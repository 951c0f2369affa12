import type { BatchGetImageCommand, DescribeImageScanFindingsCommand, DescribeImagesCommand, StartImageScanCommand } from '@aws-sdk/client-ecr';
import { ApiError, backoffDelay, type BackoffOptions, type Clock, type Logger } from '@eks-kit/core';

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

export const DEFAULT_RETRY_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000, factor: 2, jitter: 0.2 };

/**
 * Sends one ECR request. Throttling, server errors and dropped connections are retried with capped
 * backoff until the deadline; every other error becomes an ApiError whose `code` is ECR's
 * exception name, so callers can decide (ScanNotFoundException starts a scan, a missing
 * repository fails at once).
 */
export async function callEcr<T>(caller: EcrCaller, operation: string, command: EcrCommand): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    caller.stats.calls += 1;
    try {
      return (await caller.client.send(command)) as T;
    } catch (error) {
      const code = errorCode(error);
      const delay = backoffDelay(attempt, caller.backoff);
      if (!isTransient(error) || caller.clock.now() + delay > caller.deadline) {
        throw new ApiError('ECR', operation, code, errorMessage(error));
      }
      caller.logger.debug(`ECR ${operation}: ${code}; retrying in ${delay} ms`);
      await caller.clock.sleep(delay);
    }
  }
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown']);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

export function errorCode(error: unknown): string {
  const shape = (error ?? {}) as SdkErrorShape;
  return shape.name && shape.name !== 'Error' ? shape.name : (shape.code ?? 'UnknownError');
}

function errorMessage(error: unknown): string {
  return ((error ?? {}) as SdkErrorShape).message ?? String(error);
}

/** Worth another try: throttling, a 5xx, or a connection that broke. */
export function isTransient(error: unknown): boolean {
  const shape = (error ?? {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode ?? 0;
  const code = errorCode(error);
  return THROTTLING.has(code) || NETWORK.has(code) || NETWORK.has(shape.code ?? '') || status === 429 || status >= 500 || shape.$fault === 'server';
}
