import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeInsightCommand,
  DescribeNodegroupCommand,
  ListAddonsCommand,
  ListClustersCommand,
  ListFargateProfilesCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import type { EKSClient } from '@aws-sdk/client-eks';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { sdkClients } from './helpers/clients.js';

// Generous: CI runs many suites at once on two cores.

let sandbox: Sandbox;
let eks: EKSClient;
const today = new Date('2026-11-22T00:00:00Z');

beforeAll(async () => {
  sandbox = await startSandbox({
    now: () => today,
    scenario: {
      eks: {
        clusters: [
          { name: 'demo', version: '1.32', platformVersion: 'eks.9', supportType: 'STANDARD', nodegroups: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], addons: [{ name: 'vpc-cni', version: 'v1.19.0-eksbuild.1' }], fargateProfiles: ['fp-default'], insights: [{ id: 'i-1', name: 'Deprecated APIs', status: 'ERROR', deprecationDetails: [{ usage: '/apis/x/v1beta1/y', replacedWith: '/apis/x/v1/y', stopServingVersion: '1.33', clientStats: [{ userAgent: 'kubectl/v1.28', numberOfRequestsLast30Days: 3 }] }] }, { id: 'i-2', name: 'Skew', status: 'PASSING', category: 'MISCONFIGURATION' }] },
          { name: 'with space', version: '1.31' },
          { name: 'z-last', version: '1.30' },
        ],
        addonVersions: [
          { addonName: 'vpc-cni', versions: [{ addonVersion: 'v1.19.2-eksbuild.1', clusterVersions: ['1.31', '1.32'], defaultFor: ['1.32'] }, { addonVersion: 'v1.15.0-eksbuild.1', clusterVersions: ['1.28'] }] },
          { addonName: 'coredns', versions: [{ addonVersion: 'v1.11.4-eksbuild.2', clusterVersions: ['1.32'] }] },
        ],
        clusterVersions: [
          { clusterVersion: '1.29', releaseDate: '2024-01-23', endOfStandardSupportDate: '2025-03-23', endOfExtendedSupportDate: '2026-03-23' },
          { clusterVersion: '1.31', releaseDate: '2024-09-26', endOfStandardSupportDate: '2025-11-26', endOfExtendedSupportDate: '2026-11-26' },
          { clusterVersion: '1.34', releaseDate: '2025-10-02', endOfStandardSupportDate: '2026-12-02', endOfExtendedSupportDate: '2027-12-02', defaultVersion: true },
        ],
      },
    },
  });
  eks = sdkClients(sandbox).eks;
});

afterAll(async () => {
  eks.destroy();
  await sandbox.stop();
});

async function failure(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('clusters', () => {
  test('ListClusters pages with nextToken', async () => {
    const first = await eks.send(new ListClustersCommand({ maxResults: 2 }));
    expect(first.clusters).toEqual(['demo', 'with space']);
    const second = await eks.send(new ListClustersCommand({ maxResults: 2, nextToken: first.nextToken }));
    expect(second.clusters).toEqual(['z-last']);
    expect(second.nextToken).toBeUndefined();
  });

  test('DescribeCluster: epoch-second timestamps become Dates, CA data is a PEM, upgrade policy is there', async () => {
    const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'demo' }));
    expect(cluster).toMatchObject({
      name: 'demo',
      arn: `arn:aws:eks:${sandbox.region}:${sandbox.account}:cluster/demo`,
      version: '1.32',
      platformVersion: 'eks.9',
      status: 'ACTIVE',
      upgradePolicy: { supportType: 'STANDARD' },
      accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    });
    expect(cluster?.createdAt).toEqual(today);
    expect(Buffer.from(cluster!.certificateAuthority!.data!, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    expect(cluster?.endpoint).toMatch(/^https:\/\//);
  });

  test('names in paths are decoded; unknown names are ResourceNotFoundException (404)', async () => {
    const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'with space' }));
    expect(cluster?.name).toBe('with space');
    const error = await failure(eks.send(new DescribeClusterCommand({ name: 'nope' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('No cluster found for name: nope.');
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });

  test('attachKubeApi points the endpoint and CA at a Kubernetes stand-in', async () => {
    sandbox.eks.attachKubeApi('z-last', { url: 'https://127.0.0.1:6443', caData: 'Q0E=' });
    const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'z-last' }));
    expect(cluster?.endpoint).toBe('https://127.0.0.1:6443');
    expect(cluster?.certificateAuthority?.data).toBe('Q0E=');
  });
});

describe('node groups, add-ons, Fargate', () => {
  test('ListNodegroups pages and DescribeNodegroup defaults to the cluster version', async () => {
    const first = await eks.send(new ListNodegroupsCommand({ clusterName: 'demo', maxResults: 2 }));
    expect(first.nodegroups).toEqual(['a', 'b']);
    const rest = await eks.send(new ListNodegroupsCommand({ clusterName: 'demo', nextToken: first.nextToken }));
    expect(rest.nodegroups).toEqual(['c']);
    const { nodegroup } = await eks.send(new DescribeNodegroupCommand({ clusterName: 'demo', nodegroupName: 'a' }));
    expect(nodegroup).toMatchObject({ nodegroupName: 'a', clusterName: 'demo', version: '1.32', status: 'ACTIVE' });
    expect(nodegroup?.createdAt).toBeInstanceOf(Date);
    expect((await failure(eks.send(new DescribeNodegroupCommand({ clusterName: 'demo', nodegroupName: 'x' })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  test('ListAddons, DescribeAddon and DescribeAddonVersions filtered by Kubernetes version', async () => {
    expect((await eks.send(new ListAddonsCommand({ clusterName: 'demo' }))).addons).toEqual(['vpc-cni']);
    const { addon } = await eks.send(new DescribeAddonCommand({ clusterName: 'demo', addonName: 'vpc-cni' }));
    expect(addon).toMatchObject({ addonName: 'vpc-cni', addonVersion: 'v1.19.0-eksbuild.1', status: 'ACTIVE' });
    const versions = await eks.send(new DescribeAddonVersionsCommand({ kubernetesVersion: '1.32', addonName: 'vpc-cni' }));
    expect(versions.addons).toHaveLength(1);
    expect(versions.addons![0]!.addonVersions).toEqual([
      expect.objectContaining({
        addonVersion: 'v1.19.2-eksbuild.1',
        compatibilities: [{ clusterVersion: '1.32', platformVersions: ['*'], defaultVersion: true }],
      }),
    ]);
    const all = await eks.send(new DescribeAddonVersionsCommand({ kubernetesVersion: '1.32' }));
    expect(all.addons!.map((a) => a.addonName)).toEqual(['vpc-cni', 'coredns']);
  });

  test('ListFargateProfiles', async () => {
    expect((await eks.send(new ListFargateProfilesCommand({ clusterName: 'demo' }))).fargateProfileNames).toEqual(['fp-default']);
  });
});

describe('versions and insights', () => {
  test('DescribeClusterVersions computes support status from the calendar and hides unsupported unless asked', async () => {
    const { clusterVersions } = await eks.send(new DescribeClusterVersionsCommand({}));
    expect(clusterVersions!.map((v) => [v.clusterVersion, v.versionStatus])).toEqual([
      ['1.34', 'STANDARD_SUPPORT'],
      ['1.31', 'EXTENDED_SUPPORT'],
    ]);
    expect(clusterVersions![0]!.endOfStandardSupportDate).toEqual(new Date('2026-12-02T00:00:00Z'));
    const all = await eks.send(new DescribeClusterVersionsCommand({ includeAll: true }));
    expect(all.clusterVersions!.at(-1)).toMatchObject({ clusterVersion: '1.29', status: 'unsupported' });
    const defaults = await eks.send(new DescribeClusterVersionsCommand({ defaultOnly: true }));
    expect(defaults.clusterVersions!.map((v) => v.clusterVersion)).toEqual(['1.34']);
    const picked = await eks.send(new DescribeClusterVersionsCommand({ clusterVersions: ['1.29', '1.31'] }));
    expect(picked.clusterVersions!.map((v) => v.clusterVersion)).toEqual(['1.31', '1.29']);
  });

  test('ListInsights filters by status and category; DescribeInsight carries deprecation details', async () => {
    const errors = await eks.send(new ListInsightsCommand({ clusterName: 'demo', filter: { statuses: ['ERROR'] } }));
    expect(errors.insights!.map((i) => i.id)).toEqual(['i-1']);
    expect(errors.insights![0]).toMatchObject({ kubernetesVersion: '1.33', insightStatus: { status: 'ERROR' }, category: 'UPGRADE_READINESS' });
    const misconfig = await eks.send(new ListInsightsCommand({ clusterName: 'demo', filter: { categories: ['MISCONFIGURATION'] } }));
    expect(misconfig.insights!.map((i) => i.id)).toEqual(['i-2']);
    const { insight } = await eks.send(new DescribeInsightCommand({ clusterName: 'demo', id: 'i-1' }));
    expect(insight?.categorySpecificSummary?.deprecationDetails?.[0]).toMatchObject({
      usage: '/apis/x/v1beta1/y',
      replacedWith: '/apis/x/v1/y',
      stopServingVersion: '1.33',
      clientStats: [expect.objectContaining({ userAgent: 'kubectl/v1.28', numberOfRequestsLast30Days: 3 })],
    });
    expect(insight?.lastRefreshTime).toEqual(today);
  });
});
