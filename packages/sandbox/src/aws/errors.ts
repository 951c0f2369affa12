import { InvalidNextTokenError } from '../http/paginate.js';

/** A modelled AWS error: its wire name (`__type` / `x-amzn-errortype` / `<Code>`), message and HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members the error shape carries (e.g. EKS `clusterName`). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** What any thrown error becomes on the wire: modelled errors as they are, a bad page token as AWS words it, the rest a 500. */
export function toAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof InvalidNextTokenError) return new AwsError('InvalidParameterException', error.message);
  return new AwsError('ServerException', error instanceof Error ? error.message : String(error), 500);
}

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
