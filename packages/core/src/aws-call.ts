import type { Clock } from './clock.js';
import { ApiError } from './errors.js';
import type { Logger } from './logger.js';
import { backoffDelay, type BackoffOptions } from './retry.js';
import { errorCode, errorMessage, isTransient, withIamHint } from './aws-errors.js';

/**
 * The kit's one retry policy for AWS calls (the SDK's own retries are off, see aws-client):
 * throttling, 5xx answers and broken connections are tried again with capped exponential backoff
 * and jitter, at most `attempts` times and never past the caller's deadline. Every other error is
 * final at once. Once a run has failed for good (`signal` aborted), nothing more is sent, retried
 * or logged.
 */
export interface AwsRetryPolicy {
  attempts: number;
  backoff: BackoffOptions;
}

export const AWS_RETRY_POLICY: AwsRetryPolicy = { attempts: 5, backoff: { initialMs: 300, maxMs: 5_000, factor: 2, jitter: 0.2 } };

export interface AwsCaller {
  /** Service name for messages: `ECR`, `EKS`. */
  service: string;
  clock: Clock;
  logger: Logger;
  /** Every request sent, retries included: reports and benchmarks count them. */
  stats: { calls: number; retries?: number };
  policy?: AwsRetryPolicy;
  /** Epoch ms: a retry whose wait would end after it is not made. */
  deadline?: number;
  /** Aborted when the run has failed for good: in-flight requests are cancelled, no retry follows. */
  signal?: AbortSignal;
}

/** Sends one request through `send` under the policy; a final error is an ApiError named after the service's exception. */
export async function callAws<T>(caller: AwsCaller, operation: string, send: (abortSignal?: AbortSignal) => Promise<T>): Promise<T> {
  const policy = caller.policy ?? AWS_RETRY_POLICY;
  for (let attempt = 0; ; attempt++) {
    if (caller.signal?.aborted) throw halted(caller, operation);
    caller.stats.calls += 1;
    try {
      return await send(caller.signal);
    } catch (error) {
      if (caller.signal?.aborted) throw halted(caller, operation);
      if (error instanceof ApiError) throw error;
      const code = errorCode(error);
      const delay = backoffDelay(attempt, policy.backoff);
      const outOfTime = caller.deadline !== undefined && caller.clock.now() + delay > caller.deadline;
      if (!isTransient(error) || attempt + 1 >= policy.attempts || outOfTime) {
        const message = withIamHint(caller.service, operation, code, errorMessage(error));
        throw new ApiError(caller.service, operation, code, attempt > 0 ? `${message} (after ${attempt + 1} attempts)` : message);
      }
      caller.stats.retries = (caller.stats.retries ?? 0) + 1;
      const limit = Number.isFinite(policy.attempts) ? ` of ${policy.attempts}` : '';
      caller.logger.warning(`${caller.service} ${operation} answered ${code}; retrying in ${delay} ms (attempt ${attempt + 2}${limit})`);
      // Cut short when the run fails meanwhile: a failed run does not wait for a retry it will not make.
      await caller.clock.sleep(delay, caller.signal);
    }
  }
}

function halted(caller: AwsCaller, operation: string): ApiError {
  return new ApiError(caller.service, operation, 'NotSent', 'the run had already failed');
}

/**
 * Runs independent steps side by side; the first final failure aborts `controller`, so the
 * others' AWS calls stop instead of retrying on after the run has failed.
 */
export function allOrAbort<T extends readonly unknown[]>(controller: AbortController, steps: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const guarded = steps.map((step: Promise<unknown>) =>
    step.catch((error: unknown) => {
      controller.abort(error);
      throw error;
    }),
  );
  return Promise.all(guarded) as unknown as Promise<T>;
}

/** An SDK client's `send`, as the kit uses it: a command and, optionally, an abort signal. */
export interface AwsSender {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * A client whose every `send` goes through `callAws` under the policy, named after the command
 * (`DescribeClusterCommand` → `DescribeCluster`): for libraries that take a plain `send`.
 */
export function withAwsRetries(client: AwsSender, caller: AwsCaller): { send(command: object): Promise<never> } {
  return {
    send: (command) => {
      const operation = command.constructor.name.replace(/\d+$/, '').replace(/Command$/, '');
      return callAws(caller, operation, (abortSignal) => client.send(command, abortSignal ? { abortSignal } : undefined)) as Promise<never>;
    },
  };
}
