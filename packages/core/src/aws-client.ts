/**
 * Settings every AWS SDK client in the kit is built with. The SDK's own retries are off: the kit
 * retries with core's `callAws`, so each retry is counted, said in the log, and bounded by the
 * caller's deadline. A request that hangs is cut off and then counts as a dropped connection.
 */
export const AWS_CLIENT_SETTINGS = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
} as const;
