import { describe, expect, it } from '@jest/globals';
import type { Scenario } from '@eks-kit/sandbox';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });
const eks = (clusters: NonNullable<Scenario['eks']>['clusters']): Scenario['eks'] => ({ clusterVersions: ['1.33', '1.34'].map(version), clusters });

const subnets: NonNullable<Scenario['ec2']>['subnets'] = [
  { subnetId: 'subnet-roomy-a', availabilityZone: 'us-east-1a', availableIpAddressCount: 900 },
  { subnetId: 'subnet-roomy-b', availabilityZone: 'us-east-1b', availableIpAddressCount: 900 },
  { subnetId: 'subnet-full-a', availabilityZone: 'us-east-1a', availableIpAddressCount: 2 },
  { subnetId: 'subnet-full-b', availabilityZone: 'us-east-1b', availableIpAddressCount: 1 },
];

const world = driftSandbox({
  ec2: { subnets },
  eks: eks([
    { name: 'roomy', version: '1.33', subnetIds: ['subnet-roomy-a', 'subnet-roomy-b'], nodegroups: [{ name: 'workers', version: '1.33', subnets: ['subnet-roomy-a', 'subnet-roomy-b'] }] },
    { name: 'full-control-plane', version: '1.33', subnetIds: ['subnet-full-a', 'subnet-roomy-b'], nodegroups: [{ name: 'workers', version: '1.33', subnets: ['subnet-roomy-b'] }] },
    { name: 'full-nodes', version: '1.33', subnetIds: ['subnet-roomy-a', 'subnet-roomy-b'], nodegroups: [{ name: 'workers', version: '1.33', subnets: ['subnet-full-a', 'subnet-full-b'], updateConfig: { maxUnavailable: 1 } }] },
  ]),
});
const workspace = makeWorkspace({ 'README.md': 'no manifests\n' });

describe('version-drift: free IP addresses for the upgrade', () => {
  it('passes a cluster whose subnets have room, and lists the room in the summary', async () => {
    const r = await world.run({ clusters: 'roomy', 'report-file': 'drift.json' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(r.outputs.blockers).toBe('0');
    expect(r.summary).toContain("✅ control plane: 2 Availability Zones with at least 5 free IP addresses in the cluster's subnets (us-east-1a: 900, us-east-1b: 900)");
    expect(r.summary).toContain('✅ node group workers: 1800 free IP addresses for the 4 nodes its upgrade launches at once');
    const report = JSON.parse(readFileSync(path.join(workspace, 'drift.json'), 'utf8')) as { clusters: { network: { status: string } }[]; apiCalls: Record<string, number> };
    expect(report.clusters[0]?.network.status).toBe('checked');
    expect(report.apiCalls.DescribeSubnets).toBe(1);
  });

  it('blocks the control plane with one zone of 5 free addresses, and a node group without room for its surge', async () => {
    const cp = await world.run({ clusters: 'full-control-plane', 'report-file': '' }, workspace);
    expect(cp.exitCode).toBe(1);
    expect(cp.failure).toBe(
      "Policy: full-control-plane (us-east-1): upgrade blocked: control plane subnets: the cluster's subnets have 5 or more free IP addresses in 1 Availability Zone (us-east-1a: 2, us-east-1b: 900); EKS needs 2 to place the upgraded control plane's network interfaces: free addresses or add subnets with update-cluster-config first",
    );
    const nodes = await world.run({ clusters: 'full-nodes', 'report-file': '' }, workspace);
    expect(nodes.exitCode).toBe(1);
    expect(nodes.outputs.blockers).toBe('1');
    expect(nodes.failure).toBe('Policy: full-nodes (us-east-1): upgrade blocked: node group workers: 3 free IP addresses in its subnets (us-east-1a: 2, us-east-1b: 1); its upgrade launches up to 4 new nodes at once, each needing at least one: free addresses or add subnets first');
  });
});

describe('version-drift without ec2:DescribeSubnets', () => {
  const denied = driftSandbox({ ec2: { subnets, deny: ['ec2:DescribeSubnets'] }, eks: eks([{ name: 'full-nodes', version: '1.33', nodegroups: [{ name: 'workers', version: '1.33', subnets: ['subnet-full-a'] }] }]) });

  it('says the addresses could not be checked, and the rest of the report stands', async () => {
    const r = await denied.run({ clusters: 'full-nodes', 'report-file': '' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'ok', blockers: '0', 'failed-clusters': '0' });
    expect(r.summary).toMatch(/> free IP addresses could not be checked: EC2 DescribeSubnets failed: UnauthorizedOperation: You are not authorized to perform this operation\. User: arn:aws:iam::111122223333:user\/eks-kit-sandbox is not authorized to perform: ec2:DescribeSubnets .* \(the IAM policy must allow ec2:DescribeSubnets; see the IAM permissions in the docs\)$/m);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
