import { AwsError, epochSeconds } from '../aws/errors.js';
import { optionalInteger } from '../aws/validate.js';
import { paginate } from '../http/paginate.js';
import type { ClusterState, EksEmulator } from './emulator.js';
import type { ClusterVersionSeed, InsightSeed } from './types.js';

/** What a route hands an operation: decoded path labels, the query, and the JSON body. */
export interface EksRequest {
  labels: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

function pageSize(value: unknown, max = 100): number | undefined {
  return optionalInteger(value, 'maxResults', 1, max);
}

function page<T>(items: readonly T[], request: EksRequest, max = 100) {
  return paginate(items, pageSize(request.query.get('maxResults') ?? request.body.maxResults, max), (request.query.get('nextToken') ?? (request.body.nextToken as string | undefined)) || undefined, max);
}

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
        subnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
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
      health: { issues: [] },
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
      subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
      amiType: seed.amiType ?? 'AL2023_x86_64_STANDARD',
      nodeRole: `arn:aws:iam::${eks.account}:role/eks-node-role`,
      labels: seed.labels ?? {},
      resources: { autoScalingGroups: [{ name: `eks-${seed.name}` }] },
      diskSize: 20,
      health: { issues: [] },
      updateConfig: { maxUnavailable: 1 },
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
      health: { issues: [] },
      addonArn: `arn:aws:eks:${eks.region}:${eks.account}:addon/${cluster.seed.name}/${seed.name}/00000000-0000-0000-0000-000000000000`,
      createdAt: epochSeconds(cluster.createdAt),
      modifiedAt: epochSeconds(cluster.createdAt),
      tags: {},
    },
  };
}

export function describeAddonVersions(eks: EksEmulator, request: EksRequest) {
  const kubernetesVersion = request.query.get('kubernetesVersion');
  const addonName = request.query.get('addonName');
  const types = request.query.getAll('types');
  const publishers = request.query.getAll('publishers');
  const owners = request.query.getAll('owners');
  const addons = (eks.scenario.addonVersions ?? [])
    .filter((a) => !addonName || a.addonName === addonName)
    .filter((a) => types.length === 0 || types.includes(a.type ?? 'networking'))
    .filter((a) => publishers.length === 0 || publishers.includes(a.publisher ?? 'eks'))
    .filter((a) => owners.length === 0 || owners.includes(a.owner ?? 'aws'))
    .map((a) => ({
      addonName: a.addonName,
      type: a.type ?? 'networking',
      publisher: a.publisher ?? 'eks',
      owner: a.owner ?? 'aws',
      addonVersions: a.versions
        .filter((v) => !kubernetesVersion || v.clusterVersions.includes(kubernetesVersion))
        .map((v) => ({
          addonVersion: v.addonVersion,
          architecture: ['amd64', 'arm64'],
          computeTypes: ['ec2'],
          compatibilities: v.clusterVersions
            .filter((cv) => !kubernetesVersion || cv === kubernetesVersion)
            .map((cv) => ({ clusterVersion: cv, platformVersions: ['*'], defaultVersion: (v.defaultFor ?? []).includes(cv) })),
          requiresConfiguration: false,
          requiresIamPermissions: false,
        })),
    }))
    .filter((a) => a.addonVersions.length > 0);
  const { page: pageItems, nextToken } = page(addons, request);
  return { addons: pageItems, ...(nextToken ? { nextToken } : {}) };
}

export function listFargateProfiles(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const { page: fargateProfileNames, nextToken } = page(cluster.seed.fargateProfiles ?? [], request);
  return { fargateProfileNames, ...(nextToken ? { nextToken } : {}) };
}

type SupportStatus = 'standard-support' | 'extended-support' | 'unsupported';

function supportStatus(version: ClusterVersionSeed, now: Date): SupportStatus {
  if (now < new Date(version.endOfStandardSupportDate)) return 'standard-support';
  if (now < new Date(version.endOfExtendedSupportDate)) return 'extended-support';
  return 'unsupported';
}

const VERSION_STATUS: Record<SupportStatus, string> = {
  'standard-support': 'STANDARD_SUPPORT',
  'extended-support': 'EXTENDED_SUPPORT',
  unsupported: 'UNSUPPORTED',
};

export function describeClusterVersions(eks: EksEmulator, request: EksRequest) {
  const q = request.query;
  const wanted = q.getAll('clusterVersions');
  const defaultOnly = q.get('defaultOnly') === 'true';
  const includeAll = q.get('includeAll') === 'true';
  const status = q.get('status');
  const versionStatus = q.get('versionStatus');
  const clusterType = q.get('clusterType') ?? 'eks';
  const now = eks.now();
  const versions = (eks.scenario.clusterVersions ?? [])
    .map((v) => ({ seed: v, status: supportStatus(v, now) }))
    .filter(({ seed, status: s }) => {
      if (wanted.length > 0 && !wanted.includes(seed.clusterVersion)) return false;
      if (defaultOnly && !seed.defaultVersion) return false;
      if (status && s !== status) return false;
      if (versionStatus && VERSION_STATUS[s] !== versionStatus) return false;
      return includeAll || wanted.length > 0 || s !== 'unsupported';
    })
    .sort((a, b) => compareVersions(b.seed.clusterVersion, a.seed.clusterVersion))
    .map(({ seed, status: s }) => ({
      clusterVersion: seed.clusterVersion,
      clusterType,
      defaultPlatformVersion: seed.defaultPlatformVersion ?? 'eks.1',
      defaultVersion: seed.defaultVersion ?? false,
      releaseDate: epochSeconds(new Date(seed.releaseDate)),
      endOfStandardSupportDate: epochSeconds(new Date(seed.endOfStandardSupportDate)),
      endOfExtendedSupportDate: epochSeconds(new Date(seed.endOfExtendedSupportDate)),
      status: s,
      versionStatus: VERSION_STATUS[s],
      kubernetesPatchVersion: seed.kubernetesPatchVersion ?? `${seed.clusterVersion}.0`,
    }));
  const { page: clusterVersions, nextToken } = page(versions, request);
  return { clusterVersions, ...(nextToken ? { nextToken } : {}) };
}

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

function insightSummary(eks: EksEmulator, cluster: ClusterState, insight: InsightSeed) {
  return {
    id: insight.id,
    name: insight.name,
    category: insight.category ?? 'UPGRADE_READINESS',
    kubernetesVersion: insight.kubernetesVersion ?? nextMinor(cluster.seed.version),
    lastRefreshTime: epochSeconds(eks.insightsRefreshedAt),
    lastTransitionTime: epochSeconds(cluster.createdAt),
    description: insight.description ?? insight.name,
    insightStatus: { status: insight.status, reason: insight.reason ?? '' },
  };
}

function nextMinor(version: string): string {
  const [major = '1', minor = '0'] = version.split('.');
  return `${major}.${Number(minor) + 1}`;
}

export function listInsights(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const filter = (request.body.filter ?? {}) as { categories?: string[]; kubernetesVersions?: string[]; statuses?: string[] };
  const insights = (cluster.seed.insights ?? [])
    .map((i) => insightSummary(eks, cluster, i))
    .filter((i) => !filter.categories?.length || filter.categories.includes(i.category))
    .filter((i) => !filter.kubernetesVersions?.length || filter.kubernetesVersions.includes(i.kubernetesVersion))
    .filter((i) => !filter.statuses?.length || filter.statuses.includes(i.insightStatus.status));
  const { page: pageItems, nextToken } = page(insights, request);
  return { insights: pageItems, ...(nextToken ? { nextToken } : {}) };
}

export function describeInsight(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const id = request.labels.id!;
  const insight = cluster.seed.insights?.find((i) => i.id === id);
  if (!insight) throw new AwsError('ResourceNotFoundException', `No insight found for id: ${id}.`, 404, { clusterName: cluster.seed.name });
  return {
    insight: {
      ...insightSummary(eks, cluster, insight),
      recommendation: insight.recommendation ?? '',
      additionalInfo: {},
      resources: [],
      categorySpecificSummary: {
        deprecationDetails: (insight.deprecationDetails ?? []).map((d) => ({
          usage: d.usage,
          replacedWith: d.replacedWith ?? '',
          stopServingVersion: d.stopServingVersion ?? '',
          startServingReplacementVersion: d.startServingReplacementVersion ?? '',
          clientStats: (d.clientStats ?? []).map((s) => ({
            userAgent: s.userAgent,
            numberOfRequestsLast30Days: s.numberOfRequestsLast30Days,
            lastRequestTime: epochSeconds(s.lastRequestTime ? new Date(s.lastRequestTime) : eks.insightsRefreshedAt),
          })),
        })),
        addonCompatibilityDetails: [],
      },
    },
  };
}
