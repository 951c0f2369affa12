import type {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import { callAws, type AwsRetryPolicy, type Clock, type Logger } from '@eks-kit/core';

export type BuildEcrCommand =
  | GetAuthorizationTokenCommand
  | DescribeRepositoriesCommand
  | CreateRepositoryCommand
  | PutLifecyclePolicyCommand
  | BatchGetImageCommand
  | DescribeImagesCommand;

/** An `ECRClient`, or a fake with the same `send`. */
export interface BuildEcrClient {
  send(command: BuildEcrCommand, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export interface EcrSession {
  client: BuildEcrClient;
  clock: Clock;
  logger: Logger;
  /** Every request sent, retries included: the action reports it and the bench counts it. */
  stats: { calls: number; retries: number };
  /** Core's AWS retry policy unless a test narrows it. */
  policy?: AwsRetryPolicy;
  /** Aborted once the run has failed: nothing more is sent. */
  signal?: AbortSignal;
}

/** One ECR request under core's AWS retry policy; a final error is an ApiError named after ECR's exception. */
export function sendEcr<T>(session: EcrSession, operation: string, command: BuildEcrCommand): Promise<T> {
  return callAws(
    { service: 'ECR', clock: session.clock, logger: session.logger, stats: session.stats, ...(session.policy ? { policy: session.policy } : {}), ...(session.signal ? { signal: session.signal } : {}) },
    operation,
    async (abortSignal) => (await session.client.send(command, abortSignal ? { abortSignal } : undefined)) as T,
  );
}
