import { describe, expect, it } from '@jest/globals';
import { addonCatalog, checkAddon, compareAddonVersions } from '../src/addons.js';
import { fakeEks } from './fake-eks.js';

const world = {
  clusters: [],
  addonVersions: {
    'vpc-cni': [
      { version: 'v1.19.2-eksbuild.1', clusterVersions: ['1.31', '1.32', '1.33'], defaultFor: ['1.32', '1.33'] },
      { version: 'v1.19.0-eksbuild.1', clusterVersions: ['1.31', '1.32'], defaultFor: ['1.31'] },
    ],
    'kube-proxy': [
      { version: 'v1.32.0-eksbuild.2', clusterVersions: ['1.32'], defaultFor: ['1.32'] },
      { version: 'v1.31.2-eksbuild.3', clusterVersions: ['1.31'], defaultFor: ['1.31'] },
    ],
    coredns: [{ version: 'v1.11.3-eksbuild.1', clusterVersions: ['1.31', '1.32'], defaultFor: ['1.31', '1.32'] }],
  },
};

describe('add-on compatibility (DescribeAddonVersions for current and next)', () => {
  it('asks once per add-on and version, however many clusters ask', async () => {
    const eks = fakeEks(world);
    const catalog = addonCatalog(eks);
    await Promise.all([catalog('vpc-cni', '1.32'), catalog('vpc-cni', '1.32'), catalog('vpc-cni', '1.33')]);
    expect(eks.calls.map((c) => c.input)).toEqual([
      { addonName: 'vpc-cni', kubernetesVersion: '1.32' },
      { addonName: 'vpc-cni', kubernetesVersion: '1.33' },
    ]);
  });

  it('current, update available, bridge before the upgrade, after the upgrade, and no version for next', async () => {
    const catalog = addonCatalog(fakeEks(world));
    const check = async (name: string, version: string, current: string, next: string) => checkAddon({ name, version }, await catalog(name, current), await catalog(name, next), next);
    expect(await check('vpc-cni', 'v1.19.2-eksbuild.1', '1.32', '1.33')).toMatchObject({ status: 'current', blocker: false });
    expect(await check('vpc-cni', 'v1.19.0-eksbuild.1', '1.31', '1.32')).toMatchObject({ status: 'current' });
    expect(await check('vpc-cni', 'v1.19.0-eksbuild.1', '1.32', '1.33')).toMatchObject({ status: 'update-before-upgrade', message: expect.stringContaining('v1.19.2-eksbuild.1') });
    expect(await check('kube-proxy', 'v1.31.2-eksbuild.3', '1.31', '1.32')).toMatchObject({ status: 'update-after-upgrade', recommendedForTarget: 'v1.32.0-eksbuild.2' });
    expect(await check('coredns', 'v1.11.3-eksbuild.1', '1.32', '1.33')).toMatchObject({ status: 'no-version-for-target', blocker: true });
  });

  it('orders eksbuild versions numerically', () => {
    expect(compareAddonVersions('v1.19.10-eksbuild.1', 'v1.19.9-eksbuild.3')).toBeGreaterThan(0);
    expect(compareAddonVersions('v1.19.0-eksbuild.2', 'v1.19.0-eksbuild.1')).toBeGreaterThan(0);
  });
});
