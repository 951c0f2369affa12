import { describe, expect, it } from '@jest/globals';
import { InputError } from '@eks-kit/core';
import { checkFleet, describeFailure, type FleetOptions } from '../src/fleet.js';
import { parseClusterRef } from '../src/targets.js';
import { DEFAULT_POLICY } from '../src/policy.js';
import { at, fakeEks, type FakeEks, type FakeWorld } from './fake-eks.js';

const CALENDAR: FakeWorld['clusterVersions'] = [
  { version: '1.31', releaseDate: '2024-09-26', endOfStandard: '2025-11-26', endOfExtended: '2026-11-26' },
  { version: '1.32', releaseDate: '2025-01-23', endOfStandard: '2026-03-23', endOfExtended: '2027-03-23' },
  { version: '1.33', releaseDate: '2025-05-29', endOfStandard: '2026-07-29', endOfExtended: '2027-07-29' },
  { version: '1.34', releaseDate: '2025-10-02', endOfStandard: '2026-12-02', endOfExtended: '2027-12-02', defaultPlatformVersion: 'eks.7' },
  { version: '1.35', releaseDate: '2026-01-27', endOfStandard: '2027-03-27', endOfExtended: '2028-03-27', defaultPlatformVersion: 'eks.3' },
];

const world = (over: Partial<FakeWorld> = {}): FakeWorld => ({
  clusterVersions: CALENDAR,
  addonVersions: { 'vpc-cni': [{ version: 'v1.20.0-eksbuild.1', clusterVersions: ['1.33', '1.34', '1.35', '1.36'], defaultFor: ['1.34', '1.35', '1.36'] }] },
  clusters: [
    { name: 'healthy', version: '1.35', platformVersion: 'eks.3', nodegroups: [{ name: 'ng', version: '1.35' }], addons: [{ name: 'vpc-cni', version: 'v1.20.0-eksbuild.1' }] },
    { name: 'soon', version: '1.34', platformVersion: 'eks.5', supportType: 'STANDARD', addons: [{ name: 'vpc-cni', version: 'v1.20.0-eksbuild.1' }] },
    { name: 'paying', version: '1.32' },
  ],
  ...over,
});

function options(eks: FakeEks | ((region: string) => FakeEks), over: Partial<FleetOptions> = {}): FleetOptions {
  return {
    clusters: [],
    regions: ['us-east-1'],
    eksFor: typeof eks === 'function' ? eks : () => eks,
    clock: at('2026-11-22T06:00:00Z'),
    policy: DEFAULT_POLICY,
    concurrency: 4,
    ...over,
  };
}

describe('checking a fleet', () => {
  it('checks every cluster of a region, with a verdict for each', async () => {
    const report = await checkFleet(options(fakeEks(world())));
    const byName = Object.fromEntries(report.clusters.map((c) => [c.cluster, c]));
    expect(byName.healthy).toMatchObject({ targetVersion: '1.36', calendarSource: 'api', verdict: { severity: 'ok' }, platform: { upToDate: true } });
    expect(byName.soon).toMatchObject({ support: { daysToEndOfStandard: 10, supportType: 'STANDARD' }, verdict: { severity: 'failure' }, platform: { latest: 'eks.7', upToDate: false } });
    expect(byName.paying).toMatchObject({ support: { phase: 'extended', payingForExtendedSupport: true }, verdict: { severity: 'failure' } });
    expect(report.status).toBe('failure');
    expect(report.apiCalls.DescribeClusterVersions).toBe(1);
  });

  it('names the cluster and the call of a failure, and still checks the others', async () => {
    const report = await checkFleet(options(fakeEks(world()), { clusters: ['healthy', 'missing', 'eu-west-1/other'] }));
    expect(report.clusters.map((c) => c.cluster)).toEqual(['healthy']);
    expect(report.failures.map(describeFailure)).toEqual([
      'cluster missing (us-east-1): EKS DescribeCluster failed: ResourceNotFoundException: No cluster found for name: missing.',
      'cluster other (eu-west-1): EKS DescribeCluster failed: ResourceNotFoundException: No cluster found for name: other.',
    ]);
    expect(report.failures[0]?.operation).toBe('DescribeCluster');
    expect(report.status).toBe('error');
  });

  it('a denied call deeper down fails that cluster only', async () => {
    const report = await checkFleet(options(fakeEks(world({ deny: ['ListInsights'] })), { clusters: ['healthy'] }));
    expect(report.failures[0]?.message).toMatch(/^EKS ListInsights failed: AccessDeniedException: .*see the IAM permissions/);
  });

  it('uses the bundled calendar when DescribeClusterVersions is denied, and says so per cluster', async () => {
    const report = await checkFleet(options(fakeEks(world({ deny: ['DescribeClusterVersions'] })), { clusters: ['paying'] }));
    expect(report.clusters[0]).toMatchObject({ calendarSource: 'bundled', support: { endOfStandardSupport: '2026-03-23', phase: 'extended' } });
    expect(report.clusters[0]?.calendarNote).toMatch(/bundled calendar \(checked \d{4}-\d{2}-\d{2}\) used: EKS DescribeClusterVersions failed: AccessDeniedException/);
    expect(report.clusters[0]?.platform.latest).toBeUndefined();
  });

  it('keeps at most `concurrency` clusters in flight', async () => {
    const clusters = Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, version: '1.35' }));
    const eks = fakeEks(world({ clusters, delayMs: 5 }));
    const report = await checkFleet(options(eks, { concurrency: 2 }));
    expect(report.clusters).toHaveLength(12);
    // Each cluster has at most 3 list calls in flight at once (node groups, add-ons, Fargate).
    expect(eks.maxInFlight).toBeLessThanOrEqual(2 * 3);
    const serial = fakeEks(world({ clusters, delayMs: 5 }));
    await checkFleet(options(serial, { concurrency: 1 }));
    expect(serial.maxInFlight).toBeLessThanOrEqual(3);
  });

  it('lists clusters in several regions; a region that fails is one failure', async () => {
    const east = fakeEks(world());
    const west = fakeEks(world({ deny: ['ListClusters'] }));
    const report = await checkFleet(options((r) => (r === 'us-east-1' ? east : west), { regions: ['us-east-1', 'us-west-2'] }));
    expect(report.clusters).toHaveLength(3);
    expect(report.failures).toEqual([expect.objectContaining({ cluster: '(every cluster in us-west-2)', region: 'us-west-2', operation: 'ListClusters' })]);
  });

  it('judges the repository manifests against each cluster target', async () => {
    const report = await checkFleet(options(fakeEks(world()), { clusters: ['healthy'], manifestPaths: [], root: new URL('./fixtures/manifests', import.meta.url).pathname }));
    expect(report.manifestScan).toMatchObject({ files: 1, documents: 2 });
    expect(report.clusters[0]?.manifests).toEqual([
      { file: 'dra.yaml', line: 6, apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceClaim', status: 'removed', since: '1.36', replacement: 'resource.k8s.io/v1beta2' },
    ]);
    expect(report.clusters[0]?.verdict.severity).toBe('failure');
  });

  it('rejects region typos and references without a region before any call', async () => {
    await expect(checkFleet(options(fakeEks(world()), { regions: ['useast1'] }))).rejects.toThrow(InputError);
    expect(() => parseClusterRef('prod', undefined)).toThrow(/has no region/);
    expect(parseClusterRef('arn:aws:eks:eu-central-1:111122223333:cluster/prod', 'us-east-1')).toEqual({ region: 'eu-central-1', name: 'prod' });
    expect(parseClusterRef('ap-south-1/prod', 'us-east-1')).toEqual({ region: 'ap-south-1', name: 'prod' });
  });
});

describe('a fleet across accounts', () => {
  const scope = (account: string, eks: FakeEks, ready: () => Promise<void> = async () => {}) => ({ account, via: `arn:aws:iam::${account}:role/reader`, ready, eksFor: () => eks });

  it('checks every account, keeps one failure line for a role it cannot assume, and stays under the concurrency bound', async () => {
    let inFlight = 0;
    let most = 0;
    const counted = (eks: FakeEks): FakeEks => ({
      ...eks,
      send: async (command: object) => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          return await eks.send(command);
        } finally {
          inFlight--;
        }
      },
    });
    const shop = counted(fakeEks(world()));
    const data = counted(fakeEks(world({ clusters: [{ name: 'healthy', version: '1.35', platformVersion: 'eks.3' }] })));
    const report = await checkFleet(
      options(() => {
        throw new Error('the own account is not asked');
      }, {
        regions: ['us-east-1', 'eu-west-1'],
        concurrency: 2,
        accounts: [scope('444455556666', shop), scope('777788889999', data), scope('999900001111', data, async () => Promise.reject(new Error('STS AssumeRole failed: AccessDenied')))],
      }),
    );
    expect(report.clusters.map((c) => `${c.account}/${c.region}/${c.cluster}`).sort()).toEqual([
      '444455556666/eu-west-1/healthy',
      '444455556666/eu-west-1/paying',
      '444455556666/eu-west-1/soon',
      '444455556666/us-east-1/healthy',
      '444455556666/us-east-1/paying',
      '444455556666/us-east-1/soon',
      '777788889999/eu-west-1/healthy',
      '777788889999/us-east-1/healthy',
    ]);
    expect(report.failures.map(describeFailure)).toEqual(['(every cluster of account 999900001111): cannot assume arn:aws:iam::999900001111:role/reader: STS AssumeRole failed: AccessDenied']);
    // Two clusters at once, each with its own few calls in parallel: more than one account's calls overlap, never more than the bound allows.
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(2 * 4);
  });

  it('routes a cluster ARN to its account and refuses one no role reaches', async () => {
    const report = await checkFleet(options(fakeEks(world()), { clusters: ['arn:aws:eks:us-east-1:444455556666:cluster/healthy'], accounts: [scope('444455556666', fakeEks(world()))] }));
    expect(report.clusters.map((c) => [c.account, c.cluster])).toEqual([['444455556666', 'healthy']]);
    await expect(checkFleet(options(fakeEks(world()), { clusters: ['arn:aws:eks:us-east-1:123456789012:cluster/healthy'], accounts: [scope('444455556666', fakeEks(world()))] }))).rejects.toThrow('"arn:aws:eks:us-east-1:123456789012:cluster/healthy" is in account 123456789012, which no role in roles reaches');
  });
});
