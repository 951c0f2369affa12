import type {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import { ApiError, backoffDelay, errorCode, isTransient, type BackoffOptions, type Clock, type Logger } from '@eks-kit/core';

export type BuildEcrCommand =
  | GetAuthorizationTokenCommand
  | DescribeRepositoriesCommand
  | CreateRepositoryCommand
  | PutLifecyclePolicyCommand
  | BatchGetImageCommand
  | DescribeImagesCommand;

/** An `ECRClient`, or a fake with the same `send`. */
export interface BuildEcrClient {
  send(command: BuildEcrCommand): Promise<unknown>;
}

export interface EcrSession {
  client: BuildEcrClient;
  clock: Clock;
  logger: Logger;
  /** Every request sent, retries included: the action reports it and the bench counts it. */
  stats: { calls: number; retries: number };
  backoff?: BackoffOptions;
  attempts?: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 300, maxMs: 5_000, factor: 2, jitter: 0.2 };

/**
 * One ECR request with bounded retries of throttling, 5xx and broken connections (the SDK's own
 * retries are off, so each retry is counted and said out loud). Other errors become an ApiError
 * named after ECR's exception, for callers to decide on.
 */
export async function sendEcr<T>(session: EcrSession, operation: string, command: BuildEcrCommand): Promise<T> {
  const attempts = session.attempts ?? 5;
  for (let attempt = 0; ; attempt++) {
    session.stats.calls += 1;
    try {
      return (await session.client.send(command)) as T;
    } catch (error) {
      const code = errorCode(error);
      if (!isTransient(error) || attempt + 1 >= attempts) {
        const message = (error as Error | undefined)?.message ?? String(error);
        throw new ApiError('ECR', operation, code, attempt > 0 ? `${message} (after ${attempt + 1} attempts)` : message);
      }
      const delay = backoffDelay(attempt, session.backoff ?? DEFAULT_BACKOFF);
      session.stats.retries += 1;
      session.logger.warning(`ECR ${operation} answered ${code}; retrying in ${delay} ms (attempt ${attempt + 2} of ${attempts})`);
      await session.clock.sleep(delay);
    }
  }
}
