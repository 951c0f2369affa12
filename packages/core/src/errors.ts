/**
 * The small error hierarchy every package throws. The action runtime and the CLI turn each kind
 * into one clear line; only an unexpected error (a bug) earns a stack trace.
 */
export class EksKitError extends Error {
  override name = 'EksKitError';
}

/** The user gave something we cannot use. `input` names the input, flag or file:line. */
export class InputError extends EksKitError {
  override name = 'InputError';
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`${input}: ${problem}`);
  }
}

/** A program we ran (docker, kubectl, buildah) failed. */
export class CommandError extends EksKitError {
  override name = 'CommandError';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
    message?: string,
  ) {
    super(message ?? `${command} exited with ${exitCode ?? 'a signal'}${summarizeStderr(stderr)}`);
  }
}

/** An AWS (or other remote) API answered with an error we could not recover from. */
export class ApiError extends EksKitError {
  override name = 'ApiError';
  constructor(
    readonly service: string,
    readonly operation: string,
    readonly code: string,
    detail: string,
  ) {
    super(`${service} ${operation} failed: ${code}${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * The tool worked and the answer is "no": findings over the threshold, a rollout that failed
 * verification, a cluster out of support. Not a crash, and reported as such.
 */
export class PolicyFailure extends EksKitError {
  override name = 'PolicyFailure';
}

function summarizeStderr(stderr: string): string {
  const lines = stderr.trim().split('\n').filter(Boolean);
  if (lines.length === 0) return '';
  return `: ${lines.slice(-3).join(' | ')}`;
}

/** One line for a person: no stack for the errors we expect, the stack for bugs. */
export function describeError(error: unknown): { message: string; expected: boolean } {
  if (error instanceof EksKitError) return { message: error.message, expected: true };
  if (error instanceof Error) return { message: error.stack ?? error.message, expected: false };
  return { message: String(error), expected: false };
}
