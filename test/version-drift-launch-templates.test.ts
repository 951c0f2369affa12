import { describe, expect, it } from '@jest/globals';
import type { Scenario } from '@eks-kit/sandbox';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });
const scenario = (deny: string[] = []): Scenario => ({
  ec2: { launchTemplates: [{ launchTemplateId: 'lt-0a1b2c3d4e5f60001', launchTemplateName: 'workers', defaultVersionNumber: 3, latestVersionNumber: 4 }], deny },
  eks: {
    clusterVersions: ['1.33', '1.34'].map(version),
    clusters: [
      { name: 'pending', version: '1.33', nodegroups: [{ name: 'workers', version: '1.33', launchTemplate: { id: 'lt-0a1b2c3d4e5f60001', name: 'workers', version: '2' } }] },
      { name: 'custom', version: '1.33', nodegroups: [{ name: 'golden', version: '1.33', amiType: 'CUSTOM', launchTemplate: { id: 'lt-0a1b2c3d4e5f60001', name: 'workers', version: '4' } }] },
      { name: 'current', version: '1.33', nodegroups: [{ name: 'workers', version: '1.33', launchTemplate: { id: 'lt-0a1b2c3d4e5f60001', name: 'workers', version: '4' } }] },
    ],
  },
});

const world = driftSandbox(scenario());
const workspace = makeWorkspace({ 'README.md': 'no manifests\n' });
const PREPARE = 'Prepare the launch templates of node groups EKS cannot upgrade by itself';

describe('version-drift: launch template versions and custom AMIs', () => {
  it('adds a recommended step for a node group behind its template, not a blocker', async () => {
    const r = await world.run({ clusters: 'pending', 'report-file': '' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(r.outputs.blockers).toBe('0');
    expect(r.summary).toContain(`**${PREPARE}** (recommended)`);
    expect(r.summary).toContain("workers: runs version 2 of launch template workers, whose latest is 4 (default 3); a node group update keeps version 2 unless told otherwise: decide whether 4's changes go out with the upgrade");
  });

  it('makes the step required for a custom AMI, and leaves it out for a node group on its latest version', async () => {
    const custom = await world.run({ clusters: 'custom', 'report-file': '' }, workspace);
    expect(custom.exitCode).toBe(0);
    expect(custom.summary).toContain(`**${PREPARE}**\n`);
    expect(custom.summary).toContain('golden: custom AMI (amiType CUSTOM): EKS has no AMI to move it to; build or pick one for 1.34');
    expect(custom.summary).toContain('golden: 1.33 → 1.34 (with the new launch template version)');
    const current = await world.run({ clusters: 'current', 'report-file': '' }, workspace);
    expect(current.exitCode).toBe(0);
    expect(current.summary).not.toContain(PREPARE);
  });
});

describe('version-drift without ec2:DescribeLaunchTemplates', () => {
  const denied = driftSandbox(scenario(['ec2:DescribeLaunchTemplates']));
  it('says the versions could not be checked, and still checks the rest', async () => {
    const r = await denied.run({ clusters: 'pending', 'report-file': '' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'ok', 'failed-clusters': '0' });
    expect(r.summary).toContain('> launch template versions could not be checked: EC2 DescribeLaunchTemplates failed: UnauthorizedOperation: ');
    expect(r.summary).not.toContain(PREPARE);
  });
});
