import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from '@jest/globals';
import { buildPlaybook, playbookBlockers } from '../src/playbook.js';
import { nodegroupSkew } from '../src/skew.js';
import { checkSubnetRoom, surgeNodes, type Ec2Api } from '../src/subnet-room.js';

const subnets: Record<string, { zone: string; free: number }> = {
  'subnet-a': { zone: 'us-east-1a', free: 3 },
  'subnet-a2': { zone: 'us-east-1a', free: 2 },
  'subnet-b': { zone: 'us-east-1b', free: 40 },
  'subnet-c': { zone: 'us-east-1c', free: 1 },
};

/** DescribeSubnets as the SDK returns it, or UnauthorizedOperation as EC2 answers without the permission. */
function fakeEc2(options: { deny?: boolean } = {}): Ec2Api & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async send(command: object) {
      if (!(command instanceof DescribeSubnetsCommand)) throw new Error(`unexpected ${command.constructor.name}`);
      const ids = command.input.SubnetIds ?? [];
      calls.push(ids);
      if (options.deny) throw Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' });
      return { Subnets: ids.map((id) => ({ SubnetId: id, AvailabilityZone: subnets[id]!.zone, AvailableIpAddressCount: subnets[id]!.free })) };
    },
  };
}

describe('free IP addresses for an upgrade', () => {
  it('a node group upgrade launches the larger of twice its zones and maxUnavailable', () => {
    expect(surgeNodes({ name: 'ng', subnets: [], maxUnavailable: 1 }, 2)).toBe(4);
    expect(surgeNodes({ name: 'ng', subnets: [], maxUnavailable: 6 }, 2)).toBe(6);
    expect(surgeNodes({ name: 'ng', subnets: [], desiredSize: 30, maxUnavailablePercentage: 33 }, 1)).toBe(10);
    expect(surgeNodes({ name: 'ng', subnets: [] }, 3)).toBe(6);
  });

  it('sums zones over subnets, in one call: two zones with 5 free for the control plane, the surge for a node group', async () => {
    const ec2 = fakeEc2();
    const network = await checkSubnetRoom(ec2, ['subnet-a', 'subnet-a2', 'subnet-b'], [
      { name: 'roomy', subnets: ['subnet-b'], maxUnavailable: 1 },
      { name: 'tight', subnets: ['subnet-a2', 'subnet-c'], maxUnavailable: 1 },
    ]);
    expect(ec2.calls).toEqual([['subnet-a', 'subnet-a2', 'subnet-b', 'subnet-c']]);
    if (network.status !== 'checked') throw new Error('expected a check');
    expect(network.controlPlane).toMatchObject({ ok: true, zones: [{ zone: 'us-east-1a', available: 5 }, { zone: 'us-east-1b', available: 40 }] });
    expect(network.nodegroups.map((n) => [n.scope, n.needed, n.ok])).toEqual([
      ['node group roomy', 2, true],
      ['node group tight', 4, false],
    ]);
    expect(network.nodegroups[1]?.message).toBe('3 free IP addresses in its subnets (us-east-1a: 2, us-east-1c: 1); its upgrade launches up to 4 new nodes at once, each needing at least one: free addresses or add subnets first');
  });

  it('blocks the control-plane step with one roomy zone, and the step that upgrades a short node group', async () => {
    const network = await checkSubnetRoom(fakeEc2(), ['subnet-a', 'subnet-b'], [{ name: 'tight', subnets: ['subnet-c'], maxUnavailable: 1 }]);
    const steps = buildPlaybook({
      cluster: 'prod',
      current: '1.33',
      next: '1.34',
      nextAvailable: true,
      nodegroups: [nodegroupSkew({ name: 'tight', version: '1.33', amiType: 'AL2023_x86_64_STANDARD' }, '1.33', '1.34')],
      fargateProfiles: [],
      addons: [],
      insights: [],
      manifests: [],
      network,
    });
    expect(playbookBlockers(steps)).toEqual([
      "control plane subnets: the cluster's subnets have 5 or more free IP addresses in 1 Availability Zone (us-east-1a: 3, us-east-1b: 40); EKS needs 2 to place the upgraded control plane's network interfaces: free addresses or add subnets with update-cluster-config first",
      'node group tight: 1 free IP addresses in its subnets (us-east-1c: 1); its upgrade launches up to 2 new nodes at once, each needing at least one: free addresses or add subnets first',
    ]);
    expect(steps.at(-1)?.title).toBe('Upgrade node groups to 1.34');
    expect(steps.at(-1)?.blockers).toHaveLength(1);
  });

  it('without ec2:DescribeSubnets the check is not done, and says why', async () => {
    const network = await checkSubnetRoom(fakeEc2({ deny: true }), ['subnet-a'], []);
    expect(network).toEqual({ status: 'not-checked', reason: 'EC2 DescribeSubnets failed: UnauthorizedOperation: You are not authorized to perform this operation. (the IAM policy must allow ec2:DescribeSubnets; see the IAM permissions in the docs)' });
  });
});
