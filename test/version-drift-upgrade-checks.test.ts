import { describe, expect, it } from '@jest/globals';
import type { Scenario } from '@eks-kit/sandbox';
import type { BundleRun } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });

const scenario: Scenario = {
  eks: {
    clusterVersions: ['1.31', '1.32', '1.33', '1.34'].map(version),
    clusters: [
      { name: 'al2-to-133', version: '1.32', nodegroups: [{ name: 'ng-al2', version: '1.32', amiType: 'AL2_x86_64' }] },
      { name: 'al2-to-132', version: '1.31', nodegroups: [{ name: 'ng-al2', version: '1.31', amiType: 'AL2_ARM_64' }] },
      { name: 'al2023-to-133', version: '1.32', nodegroups: [{ name: 'ng', version: '1.32', amiType: 'AL2023_x86_64_STANDARD' }], addons: [{ name: 'vpc-cni', version: 'v1.20.1-eksbuild.1' }] },
      { name: 'sick-cluster', version: '1.33', healthIssues: [{ code: 'Ec2SubnetNotFound', message: 'One or more subnets were not found.', resourceIds: ['subnet-0a1b2c3d4e5f60002'] }] },
      { name: 'sick-nodes', version: '1.33', nodegroups: [{ name: 'workers', version: '1.33', healthIssues: [{ code: 'AsgInstanceLaunchFailures', message: 'Could not launch On-Demand Instances.' }] }] },
      { name: 'sick-addon', version: '1.33', addons: [{ name: 'vpc-cni', version: 'v1.20.1-eksbuild.1', healthIssues: [{ code: 'InsufficientNumberOfReplicas', message: 'The add-on is unhealthy because it does not have the desired number of replicas.' }] }] },
      { name: 'proxy-behind', version: '1.33', addons: [{ name: 'kube-proxy', version: 'v1.30.6-eksbuild.2' }] },
      { name: 'proxy-current', version: '1.33', addons: [{ name: 'kube-proxy', version: 'v1.33.0-eksbuild.1' }] },
    ],
    addonVersions: [
      { addonName: 'vpc-cni', versions: [{ addonVersion: 'v1.20.1-eksbuild.1', clusterVersions: ['1.31', '1.32', '1.33', '1.34'], defaultFor: ['1.31', '1.32', '1.33', '1.34'] }] },
      {
        addonName: 'kube-proxy',
        versions: [
          { addonVersion: 'v1.34.0-eksbuild.1', clusterVersions: ['1.34'], defaultFor: ['1.34'] },
          { addonVersion: 'v1.33.0-eksbuild.1', clusterVersions: ['1.33', '1.34'], defaultFor: ['1.33'] },
          { addonVersion: 'v1.30.6-eksbuild.2', clusterVersions: ['1.30', '1.31', '1.32', '1.33'] },
        ],
      },
    ],
  },
};

const { run: runDrift } = driftSandbox(scenario);
const workspace = makeWorkspace({ 'README.md': 'no manifests\n' });
const run = (clusters: string): Promise<BundleRun> => runDrift({ clusters, 'report-file': '' }, workspace);

describe('version-drift upgrade checks against the sandbox', () => {
  it('blocks 1.32 → 1.33 on an Amazon Linux 2 managed node group', async () => {
    const r = await run('al2-to-133');
    expect(r.exitCode).toBe(1);
    expect(r.outputs.blockers).toBe('1');
    expect(r.failure).toBe('Policy: al2-to-133 (us-east-1): upgrade blocked: node group ng-al2 runs Amazon Linux 2 (AL2_x86_64): EKS publishes no AL2 AMIs for 1.33; move it to AL2023 or Bottlerocket first');
    expect(r.summary).toContain('Move Amazon Linux 2 node groups to AL2023 or Bottlerocket');
    expect(r.summary).not.toContain('ng-al2: 1.32 → 1.33');
  });

  it('does not block an Amazon Linux 2 node group going to 1.32, nor AL2023 going to 1.33', async () => {
    const r = await run('al2-to-132\nal2023-to-133');
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'ok', clusters: '2', blockers: '0' });
    expect(r.summary).toContain('ng-al2: 1.31 → 1.32');
    expect(r.summary).toContain('ng: 1.32 → 1.33');
  });

  it('blocks the upgrade on health issues EKS reports for the cluster, a node group or an add-on', async () => {
    const cluster = await run('sick-cluster');
    expect(cluster.failure).toBe('Policy: sick-cluster (us-east-1): upgrade blocked: cluster health: Ec2SubnetNotFound: One or more subnets were not found. (fix it before upgrading)');
    const nodes = await run('sick-nodes');
    expect(nodes.failure).toBe('Policy: sick-nodes (us-east-1): upgrade blocked: node group workers health: AsgInstanceLaunchFailures: Could not launch On-Demand Instances. (fix it before upgrading)');
    const addon = await run('sick-addon');
    expect(addon.failure).toMatch(/^Policy: sick-addon \(us-east-1\): upgrade blocked: add-on vpc-cni health: InsufficientNumberOfReplicas: /);
    for (const r of [cluster, nodes, addon]) expect(r.outputs.blockers).toBe('1');
  });

  it('blocks the upgrade on a kube-proxy add-on that would be over n-3 behind; not on one within the skew', async () => {
    const behind = await run('proxy-behind');
    expect(behind.failure).toBe('Policy: proxy-behind (us-east-1): upgrade blocked: kube-proxy v1.30.6-eksbuild.2 would be 4 minors behind 1.34 (limit n-3); update it first');
    const current = await run('proxy-current');
    expect(current.exitCode).toBe(0);
    expect(current.outputs.blockers).toBe('0');
  });
});
