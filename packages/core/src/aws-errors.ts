/**
 * One reading of AWS SDK errors for every AWS caller in the kit (ECR, EKS, STS): which exception it
 * was, and whether another attempt can help.
 */
interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown']);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** The service's exception name (`RepositoryNotFoundException`), or the network error code. */
export function errorCode(error: unknown): string {
  const shape = (error ?? {}) as SdkErrorShape;
  return shape.name && shape.name !== 'Error' ? shape.name : (shape.code ?? 'UnknownError');
}

export function errorMessage(error: unknown): string {
  return ((error ?? {}) as SdkErrorShape).message ?? String(error);
}

/** Worth another try: throttling, a 5xx, or a connection that broke. */
export function isTransient(error: unknown): boolean {
  const shape = (error ?? {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode ?? 0;
  const code = errorCode(error);
  return THROTTLING.has(code) || NETWORK.has(code) || NETWORK.has(shape.code ?? '') || status === 429 || status >= 500 || shape.$fault === 'server';
}

const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);

/**
 * A denial's message with the IAM action to allow (`eks:ListNodegroups`): AWS's own text names it
 * for some callers and not others, and the fix is always the same policy line.
 */
export function withIamHint(service: string, operation: string, code: string, message: string): string {
  if (!DENIED.has(code) || message.includes('see the IAM permissions')) return message;
  return `${message} (the IAM policy must allow ${service.toLowerCase()}:${operation}; see the IAM permissions in the docs)`;
}
