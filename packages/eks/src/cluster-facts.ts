import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  ListAddonsCommand,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
  type DescribeAddonResponse,
  type DescribeClusterResponse,
  type DescribeNodegroupResponse,
  type ListAddonsResponse,
  type ListFargateProfilesResponse,
  type ListNodegroupsResponse,
} from '@aws-sdk/client-eks';
import type { InstalledAddon } from './addons.js';
import { mapLimit } from './concurrency.js';
import { call, type EksApi } from './eks-api.js';
import { healthIssuesOf, type HealthIssue } from './health.js';
import type { NodegroupInfo } from './skew.js';
import type { SupportType } from './support.js';

export interface ClusterFacts {
  name: string;
  arn?: string;
  version: string;
  platformVersion: string;
  status?: string;
  /** The API server and its CA, for cluster access. */
  endpoint?: string;
  caData?: string;
  supportType?: SupportType;
  /** DescribeCluster `health.issues`. */
  healthIssues: HealthIssue[];
  /** resourcesVpcConfig.subnetIds: where EKS places the control plane's network interfaces. */
  subnetIds: string[];
  nodegroups: NodegroupInfo[];
  addons: InstalledAddon[];
  fargateProfiles: string[];
}

/** What EKS says about a cluster, its managed node groups, add-ons and Fargate profiles. */
export async function fetchClusterFacts(api: EksApi, name: string, concurrency = 4): Promise<ClusterFacts> {
  const { cluster } = await call<DescribeClusterResponse>(api, 'DescribeCluster', new DescribeClusterCommand({ name }));
  if (!cluster?.version) throw new Error(`DescribeCluster returned no version for ${name}`);
  const [nodegroupNames, addonNames, fargateProfiles] = await Promise.all([
    listAll<ListNodegroupsResponse>(api, 'ListNodegroups', (nextToken) => new ListNodegroupsCommand({ clusterName: name, nextToken }), (p) => p.nodegroups),
    listAll<ListAddonsResponse>(api, 'ListAddons', (nextToken) => new ListAddonsCommand({ clusterName: name, nextToken }), (p) => p.addons),
    listAll<ListFargateProfilesResponse>(api, 'ListFargateProfiles', (nextToken) => new ListFargateProfilesCommand({ clusterName: name, nextToken }), (p) => p.fargateProfileNames),
  ]);
  const [nodegroups, addons] = await Promise.all([
    mapLimit(nodegroupNames, concurrency, async (nodegroupName) => {
      const { nodegroup } = await call<DescribeNodegroupResponse>(api, 'DescribeNodegroup', new DescribeNodegroupCommand({ clusterName: name, nodegroupName }));
      return {
        name: nodegroupName,
        version: nodegroup?.version ?? cluster.version!,
        ...(nodegroup?.releaseVersion ? { releaseVersion: nodegroup.releaseVersion } : {}),
        ...(nodegroup?.amiType ? { amiType: nodegroup.amiType } : {}),
        ...(nodegroup?.status ? { eksStatus: nodegroup.status } : {}),
        ...withIssues(healthIssuesOf(nodegroup?.health)),
        ...(nodegroup?.subnets?.length ? { subnets: nodegroup.subnets } : {}),
        ...(nodegroup?.scalingConfig?.desiredSize !== undefined ? { desiredSize: nodegroup.scalingConfig.desiredSize } : {}),
        ...(nodegroup?.updateConfig?.maxUnavailable !== undefined ? { maxUnavailable: nodegroup.updateConfig.maxUnavailable } : {}),
        ...(nodegroup?.updateConfig?.maxUnavailablePercentage !== undefined ? { maxUnavailablePercentage: nodegroup.updateConfig.maxUnavailablePercentage } : {}),
        ...(nodegroup?.launchTemplate ? { launchTemplate: definedOnly({ id: nodegroup.launchTemplate.id, name: nodegroup.launchTemplate.name, version: nodegroup.launchTemplate.version }) } : {}),
      };
    }),
    mapLimit(addonNames, concurrency, async (addonName) => {
      const { addon } = await call<DescribeAddonResponse>(api, 'DescribeAddon', new DescribeAddonCommand({ clusterName: name, addonName }));
      return { name: addonName, version: addon?.addonVersion ?? 'unknown', ...withIssues(healthIssuesOf(addon?.health)) };
    }),
  ]);
  return {
    name,
    ...(cluster.arn ? { arn: cluster.arn } : {}),
    version: cluster.version,
    platformVersion: cluster.platformVersion ?? 'unknown',
    ...(cluster.status ? { status: cluster.status } : {}),
    ...(cluster.endpoint ? { endpoint: cluster.endpoint } : {}),
    ...(cluster.certificateAuthority?.data ? { caData: cluster.certificateAuthority.data } : {}),
    ...(cluster.upgradePolicy?.supportType ? { supportType: cluster.upgradePolicy.supportType } : {}),
    healthIssues: healthIssuesOf(cluster.health),
    subnetIds: cluster.resourcesVpcConfig?.subnetIds ?? [],
    nodegroups,
    addons,
    fargateProfiles,
  };
}

async function listAll<P extends { nextToken?: string | undefined }>(api: EksApi, operation: string, command: (nextToken: string | undefined) => object, items: (page: P) => string[] | undefined): Promise<string[]> {
  const all: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call<P>(api, operation, command(nextToken));
    all.push(...(items(page) ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

function definedOnly<T extends Record<string, string | undefined>>(record: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}

function withIssues(issues: HealthIssue[]): { healthIssues?: HealthIssue[] } {
  return issues.length > 0 ? { healthIssues: issues } : {};
}
