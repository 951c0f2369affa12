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

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
