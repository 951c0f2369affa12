import { systemClock, type Clock } from './clock.js';

export interface BackoffOptions {
  /** First delay in ms. */
  initialMs: number;
  /** Upper bound for one delay in ms. */
  maxMs: number;
  /** Multiplier per attempt. */
  factor?: number;
  /** 0..1: share of each delay that is randomised, so parallel jobs do not retry in step. */
  jitter?: number;
  random?: () => number;
}

/** Delay before attempt `attempt` (0-based), exponential and capped. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const factor = options.factor ?? 2;
  const base = Math.min(options.maxMs, options.initialMs * factor ** attempt);
  const jitter = options.jitter ?? 0;
  if (jitter === 0) return base;
  const random = options.random ?? Math.random;
  return Math.round(base * (1 - jitter + jitter * random()));
}

export interface RetryOptions extends BackoffOptions {
  attempts: number;
  /** Whether an error is worth another attempt; default: every error. */
  retryable?: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  clock?: Clock;
}

/** Runs `fn` until it succeeds, the error is not retryable, or attempts run out. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const clock = options.clock ?? systemClock;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const last = attempt + 1 >= options.attempts;
      if (last || (options.retryable && !options.retryable(error))) throw error;
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(error, attempt, delay);
      await clock.sleep(delay);
    }
  }
}
