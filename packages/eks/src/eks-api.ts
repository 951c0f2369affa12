import { ApiError, withIamHint } from '@eks-kit/core';

/**
 * The one thing the library needs from an EKS client: `send`. An EKSClient fits, and so does a
 * test fake that switches on the command it is given.
 */
export interface EksApi {
  send(command: object): Promise<unknown>;
}

/** Makes an EKS client for a region; the caller decides credentials, endpoint and retries. */
export type EksApiFactory = (region: string) => EksApi;

/** Sends a command and turns any failure into an ApiError that names the service and operation. */
export async function call<T>(api: EksApi, operation: string, command: object, service = 'EKS'): Promise<T> {
  try {
    return (await api.send(command)) as T;
  } catch (error) {
    throw toApiError(operation, error, service);
  }
}

export function toApiError(operation: string, error: unknown, service = 'EKS'): ApiError {
  if (error instanceof ApiError) return error;
  const e = error as { name?: string; code?: string; message?: string } | undefined;
  const code = e?.name && e.name !== 'Error' && e.name !== 'TypeError' ? e.name : (e?.code ?? 'Error');
  const detail = e?.message && e.message !== code ? e.message : '';
  return new ApiError(service, operation, code, withIamHint(service, operation, code, hint(code, detail)));
}

/** Adds the likely cause to the errors people meet first. */
function hint(code: string, detail: string): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${detail} (is the region name right?)`;
  return detail;
}

export function isApiErrorCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof ApiError && codes.includes(error.code);
}
