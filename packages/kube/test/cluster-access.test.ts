import { describe, expect, it } from '@jest/globals';
import type { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { describeClusterEndpoint, type EksClientLike } from '../src/cluster-access.js';

/** An EKS stand-in that answers DescribeCluster as EKS does for a cluster that is not there. */
const noSuchCluster: EksClientLike = {
  send: async (_command: DescribeClusterCommand) => {
    throw Object.assign(new Error('No cluster found for name: shop.'), { name: 'ResourceNotFoundException' });
  },
};

describe('describeClusterEndpoint', () => {
  it('names its own parameter for a missing cluster, or the label the caller gives', async () => {
    await expect(describeClusterEndpoint(noSuchCluster, 'shop')).rejects.toThrow('clusterName: no EKS cluster named "shop" in this account and region');
    await expect(describeClusterEndpoint(noSuchCluster, 'shop', '--cluster')).rejects.toThrow('--cluster: no EKS cluster named "shop"');
  });

  it('refuses a cluster that is not ACTIVE yet', async () => {
    const creating: EksClientLike = { send: async () => ({ cluster: { name: 'shop', endpoint: 'https://x', certificateAuthority: { data: 'Y2E=' }, status: 'CREATING' } }) };
    await expect(describeClusterEndpoint(creating, 'shop')).rejects.toThrow('cluster "shop" is CREATING; deploys need an ACTIVE cluster');
  });
});
