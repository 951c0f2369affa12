import { DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from '@jest/globals';
import { checkLaunchTemplates } from '../src/launch-templates.js';
import { buildPlaybook, playbookBlockers } from '../src/playbook.js';
import { nodegroupSkew } from '../src/skew.js';
import type { Ec2Api } from '../src/subnet-room.js';

const templates = [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'workers', DefaultVersionNumber: 3, LatestVersionNumber: 4 }];

function fakeEc2(calls: string[][], fail?: Error): Ec2Api {
  return {
    async send(command: object) {
      if (!(command instanceof DescribeLaunchTemplatesCommand)) throw new Error(`unexpected ${command.constructor.name}`);
      calls.push(command.input.LaunchTemplateIds ?? []);
      if (fail) throw fail;
      return { LaunchTemplates: templates.filter((t) => command.input.LaunchTemplateIds?.includes(t.LaunchTemplateId)) };
    },
  };
}

describe('launch template drift and custom AMIs', () => {
  it('names node groups behind their template, in one call; none without templates', async () => {
    const calls: string[][] = [];
    const check = await checkLaunchTemplates(fakeEc2(calls), [
      { name: 'behind', version: '1.33', launchTemplate: { id: 'lt-1', name: 'workers', version: '2' } },
      { name: 'latest', version: '1.33', launchTemplate: { id: 'lt-1', name: 'workers', version: '4' } },
      { name: 'plain', version: '1.33' },
    ]);
    expect(calls).toEqual([['lt-1']]);
    expect(check).toEqual({ status: 'checked', drift: [{ nodegroup: 'behind', template: 'workers', running: '2', latest: 4, default: 3 }] });
    expect(await checkLaunchTemplates(fakeEc2(calls), [{ name: 'plain', version: '1.33' }])).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('says why when the templates cannot be read', async () => {
    const denied = Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' });
    expect(await checkLaunchTemplates(fakeEc2([], denied), [{ name: 'ng', version: '1.33', launchTemplate: { id: 'lt-1', version: '1' } }])).toEqual({
      status: 'not-checked',
      reason: 'EC2 DescribeLaunchTemplates failed: UnauthorizedOperation: You are not authorized to perform this operation. (the IAM policy must allow ec2:DescribeLaunchTemplates; see the IAM permissions in the docs)',
    });
  });

  it('puts custom AMIs (required) and template drift in a step before the node upgrade, neither a blocker', () => {
    const base = { cluster: 'prod', current: '1.33', next: '1.34', nextAvailable: true, fargateProfiles: [], addons: [], insights: [], manifests: [] };
    const steps = buildPlaybook({
      ...base,
      nodegroups: [nodegroupSkew({ name: 'custom', version: '1.33', amiType: 'CUSTOM' }, '1.33', '1.34'), nodegroupSkew({ name: 'behind', version: '1.33', amiType: 'AL2023_x86_64_STANDARD' }, '1.33', '1.34')],
      templateDrift: [{ nodegroup: 'behind', template: 'workers', running: '2', latest: 4, default: 3 }],
    });
    const prepare = steps.find((s) => s.title.startsWith('Prepare the launch templates'));
    expect(prepare).toMatchObject({ required: true, blockers: [] });
    expect(prepare?.items).toEqual([
      'custom: custom AMI (amiType CUSTOM): EKS has no AMI to move it to; build or pick one for 1.34, put it in a new launch template version, then update the node group to that version',
      "behind: runs version 2 of launch template workers, whose latest is 4 (default 3); a node group update keeps version 2 unless told otherwise: decide whether 4's changes go out with the upgrade",
    ]);
    expect(steps.indexOf(prepare!)).toBe(steps.length - 2);
    expect(playbookBlockers(steps)).toEqual([]);
    const none = buildPlaybook({ ...base, nodegroups: [nodegroupSkew({ name: 'managed', version: '1.33', amiType: 'AL2023_x86_64_STANDARD' }, '1.33', '1.34')] });
    expect(none.some((s) => s.title.startsWith('Prepare the launch templates'))).toBe(false);
  });
});
