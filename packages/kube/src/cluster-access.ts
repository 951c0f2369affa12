import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { ApiError, InputError } from '@eks-kit/core';

/** The one call we make to EKS: an EKSClient fits, and so does a test fake. */
export interface EksClientLike {
  send(command: DescribeClusterCommand): Promise<{ cluster?: ClusterFacts }>;
}

interface ClusterFacts {
  name?: string;
  endpoint?: string;
  status?: string;
  version?: string;
  certificateAuthority?: { data?: string };
  resourcesVpcConfig?: { endpointPublicAccess?: boolean; endpointPrivateAccess?: boolean };
}

export interface ClusterEndpoint {
  name: string;
  server: string;
  caData: string;
  version?: string;
  privateOnly: boolean;
}

/**
 * Endpoint and CA from DescribeCluster; a cluster that is not ACTIVE cannot take a deploy.
 * `nameLabel` is what the caller calls the name (an input, a flag), for the error when it is wrong.
 */
export async function describeClusterEndpoint(eks: EksClientLike, name: string, nameLabel = 'clusterName'): Promise<ClusterEndpoint> {
  let answer;
  try {
    answer = await eks.send(new DescribeClusterCommand({ name }));
  } catch (error) {
    // A client under core's retry policy answers ApiErrors already; a bare SDK client, SDK errors.
    if (error instanceof ApiError && error.code !== 'ResourceNotFoundException') throw error;
    const e = error as { name?: string; message?: string };
    const code = error instanceof ApiError ? error.code : e.name;
    if (code === 'ResourceNotFoundException') throw new InputError(nameLabel, `no EKS cluster named "${name}" in this account and region`);
    throw new ApiError('EKS', 'DescribeCluster', e.name ?? 'Error', e.message ?? String(error));
  }
  const cluster = answer.cluster;
  if (!cluster?.endpoint || !cluster.certificateAuthority?.data) {
    throw new ApiError('EKS', 'DescribeCluster', 'Incomplete', `cluster "${name}" has no endpoint or CA yet (status ${cluster?.status ?? 'unknown'})`);
  }
  if (cluster.status && cluster.status !== 'ACTIVE') {
    throw new ApiError('EKS', 'DescribeCluster', 'NotActive', `cluster "${name}" is ${cluster.status}; deploys need an ACTIVE cluster`);
  }
  const vpc = cluster.resourcesVpcConfig;
  return {
    name,
    server: cluster.endpoint,
    caData: cluster.certificateAuthority.data,
    ...(cluster.version ? { version: cluster.version } : {}),
    privateOnly: vpc?.endpointPublicAccess === false,
  };
}
