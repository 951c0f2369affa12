import { ECRClient } from '@aws-sdk/client-ecr';

/**
 * An ECR client for scan-gate. The SDK's own retries are off: scan-gate retries throttling itself,
 * with a capped backoff that respects the overall timeout, and counts every request it makes. A
 * request that hangs is cut off and retried like a dropped connection, so it cannot outlive the
 * timeout. The endpoint follows AWS_ENDPOINT_URL_ECR when set, like every SDK client.
 */
export function createEcrClient(region: string): ECRClient {
  return new ECRClient({
    region,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  });
}
