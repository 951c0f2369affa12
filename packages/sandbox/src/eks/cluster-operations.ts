import { AwsError, epochSeconds } from '../aws/errors.js';
import { DEFAULT_SUBNET_IDS } from '../ec2/types.js';
import type { EksEmulator } from './emulator.js';
import { page } from './request.js';
import type { EksRequest } from './request.js';
import type { HealthIssueSeed } from './types.js';

export function listClusters(eks: EksEmulator, request: EksRequest) {
  const { page: clusters, nextToken } = page([...eks.clusters.keys()].sort(), request);
  return { clusters, ...(nextToken ? { nextToken } : {}) };
}

export function describeCluster(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const { seed } = cluster;
  return {
    cluster: {
      name: seed.name,
      arn: eks.clusterArn(seed.name),
      createdAt: epochSeconds(cluster.createdAt),
      version: seed.version,
      endpoint: cluster.endpoint,
      roleArn: `arn:aws:iam::${eks.account}:role/eks-cluster-role`,
      resourcesVpcConfig: {
        subnetIds: seed.subnetIds ?? DEFAULT_SUBNET_IDS,
        securityGroupIds: [],
        clusterSecurityGroupId: 'sg-0a1b2c3d4e5f60001',
        vpcId: 'vpc-0a1b2c3d4e5f60001',
        endpointPublicAccess: true,
        endpointPrivateAccess: false,
        publicAccessCidrs: ['0.0.0.0/0'],
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' },
      logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }] },
      identity: { oidc: { issuer: `https://oidc.eks.${eks.region}.amazonaws.com/id/${cluster.id}` } },
      status: seed.status ?? 'ACTIVE',
      certificateAuthority: { data: cluster.caData },
      platformVersion: seed.platformVersion ?? 'eks.1',
      tags: seed.tags ?? {},
      health: { issues: healthIssues(seed.healthIssues) },
      accessConfig: { authenticationMode: seed.authenticationMode ?? 'API_AND_CONFIG_MAP' },
      upgradePolicy: { supportType: seed.supportType ?? 'EXTENDED' },
    },
  };
}

export function listNodegroups(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const { page: nodegroups, nextToken } = page((cluster.seed.nodegroups ?? []).map((n) => n.name), request);
  return { nodegroups, ...(nextToken ? { nextToken } : {}) };
}

export function describeNodegroup(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const name = request.labels.nodegroupName!;
  const seed = cluster.seed.nodegroups?.find((n) => n.name === name);
  if (!seed) {
    throw new AwsError('ResourceNotFoundException', `No node group found for name: ${name}.`, 404, {
      clusterName: cluster.seed.name,
      nodegroupName: name,
    });
  }
  return {
    nodegroup: {
      nodegroupName: seed.name,
      nodegroupArn: `arn:aws:eks:${eks.region}:${eks.account}:nodegroup/${cluster.seed.name}/${seed.name}/00000000-0000-0000-0000-000000000000`,
      clusterName: cluster.seed.name,
      version: seed.version ?? cluster.seed.version,
      releaseVersion: seed.releaseVersion ?? `${seed.version ?? cluster.seed.version}.0-20250101`,
      createdAt: epochSeconds(cluster.createdAt),
      modifiedAt: epochSeconds(cluster.createdAt),
      status: seed.status ?? 'ACTIVE',
      capacityType: seed.capacityType ?? 'ON_DEMAND',
      scalingConfig: seed.scaling ?? { minSize: 1, maxSize: 3, desiredSize: 2 },
      instanceTypes: seed.instanceTypes ?? ['t3.medium'],
      subnets: seed.subnets ?? DEFAULT_SUBNET_IDS,
      amiType: seed.amiType ?? 'AL2023_x86_64_STANDARD',
      nodeRole: `arn:aws:iam::${eks.account}:role/eks-node-role`,
      labels: seed.labels ?? {},
      resources: { autoScalingGroups: [{ name: `eks-${seed.name}` }] },
      diskSize: 20,
      health: { issues: healthIssues(seed.healthIssues) },
      updateConfig: seed.updateConfig ?? { maxUnavailable: 1 },
      ...(seed.launchTemplate ? { launchTemplate: seed.launchTemplate } : {}),
      tags: {},
    },
  };
}

export function listAddons(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const { page: addons, nextToken } = page((cluster.seed.addons ?? []).map((a) => a.name), request);
  return { addons, ...(nextToken ? { nextToken } : {}) };
}

export function describeAddon(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const name = request.labels.addonName!;
  const seed = cluster.seed.addons?.find((a) => a.name === name);
  if (!seed) {
    throw new AwsError('ResourceNotFoundException', `No addon: ${name} found in cluster: ${cluster.seed.name}`, 404, {
      clusterName: cluster.seed.name,
      addonName: name,
    });
  }
  return {
    addon: {
      addonName: seed.name,
      clusterName: cluster.seed.name,
      status: seed.status ?? 'ACTIVE',
      addonVersion: seed.version,
      health: { issues: healthIssues(seed.healthIssues) },
      addonArn: `arn:aws:eks:${eks.region}:${eks.account}:addon/${cluster.seed.name}/${seed.name}/00000000-0000-0000-0000-000000000000`,
      createdAt: epochSeconds(cluster.createdAt),
      modifiedAt: epochSeconds(cluster.createdAt),
      tags: {},
    },
  };
}

export function listFargateProfiles(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const { page: fargateProfileNames, nextToken } = page(cluster.seed.fargateProfiles ?? [], request);
  return { fargateProfileNames, ...(nextToken ? { nextToken } : {}) };
}

/** EKS lists every issue with all three members; a seed may leave message and resources out. */
function healthIssues(seeds: HealthIssueSeed[] | undefined) {
  return (seeds ?? []).map((i) => ({ code: i.code, message: i.message ?? i.code, resourceIds: i.resourceIds ?? [] }));
}

