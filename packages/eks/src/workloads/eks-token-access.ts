import { createEksToken, type AwsCredentials } from '@eks-kit/kube';
import { credentialsFromEnv, credentialsFromSdkChain } from '@eks-kit/kube/token';
import type { KubeAccess } from './check.js';
import { httpsKubeReader } from './kube-reader.js';

/**
 * Cluster access as deploy has it, without kubectl: the EKS bearer token made in process from the
 * environment's keys (else the SDK's default chain), fresh for every request.
 */
export function eksTokenAccess(env: NodeJS.ProcessEnv, credentials: (region: string) => Promise<AwsCredentials> = (region) => Promise.resolve(credentialsFromEnv(env) ?? credentialsFromSdkChain(region))): KubeAccess {
  return (cluster) =>
    httpsKubeReader({
      server: cluster.server,
      caData: cluster.caData,
      token: async () => createEksToken({ clusterName: cluster.name, region: cluster.region, credentials: await credentials(cluster.region) }),
    });
}
