import { CommandError, type Clock, type RunResult } from '@eks-kit/core';
import { parseJsonOutput, type Kubectl } from './kubectl.js';

export type KubectlLike = Pick<Kubectl, 'run' | 'getJson'>;

/** The longest one API request may take before kubectl gives up on it and says so. */
export const REQUEST_TIMEOUT_SECONDS = 20;

/** A kubectl call refused because the phase it belongs to has used up its time. */
export class OutOfTime extends CommandError {
  constructor(what: string, boundMs: number) {
    super('kubectl', null, '', `${what} ran out of its ${Math.round(boundMs / 1000)} s`);
  }
}

/**
 * Every call through the returned kubectl ends by `deadline`: kubectl is told to give up on an
 * unanswered request (`--request-timeout`, so a stalled API server is named in its error), and the
 * process is stopped when the phase's time is up, whatever it is waiting on. A call made after the
 * deadline is refused at once.
 */
export function bounded(kubectl: KubectlLike, clock: Clock, what: string, boundMs: number): KubectlLike {
  const deadline = clock.now() + boundMs;
  const run = (args: readonly string[], options: Parameters<Kubectl['run']>[1] = {}): Promise<RunResult> => {
    const left = deadline - clock.now();
    if (left <= 0) return Promise.reject(new OutOfTime(what, boundMs));
    const requestSeconds = Math.max(1, Math.min(REQUEST_TIMEOUT_SECONDS, Math.ceil(left / 1000)));
    const withTimeout = args.some((a) => a.startsWith('--request-timeout')) ? args : [...args, `--request-timeout=${requestSeconds}s`];
    return kubectl.run(withTimeout, { ...options, timeoutMs: Math.min(options.timeoutMs ?? Infinity, left) });
  };
  return {
    run,
    getJson: async <T>(args: readonly string[]) => parseJsonOutput<T>(args, await run(['get', ...args, '-o', 'json'])),
  };
}
