import { ECRClient } from '@aws-sdk/client-ecr';
import { AWS_CLIENT_SETTINGS } from '@eks-kit/core';

/**
 * An ECR client for scan-gate, with the kit's client settings (no SDK retries; see core's
 * aws-client). The endpoint follows AWS_ENDPOINT_URL_ECR when set, like every SDK client.
 */
export function createEcrClient(region: string): ECRClient {
  return new ECRClient({ region, ...AWS_CLIENT_SETTINGS });
}
