import { describe, expect, it } from '@jest/globals';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });
const world = driftSandbox({ eks: { clusterVersions: ['1.33', '1.34'].map(version), clusters: [{ name: 'prod', version: '1.33' }], deny: ['eks:ListNodegroups'] } });
const workspace = makeWorkspace({ 'README.md': 'no manifests\n' });

describe('version-drift with an IAM policy that lacks an EKS action', () => {
  it('names the missing IAM action in the one failure line', async () => {
    const r = await world.run({ clusters: 'prod', 'report-file': '' }, workspace);
    expect(r.outputs['failed-clusters']).toBe('1');
    expect(r.failure).toMatch(/EKS ListNodegroups failed: AccessDeniedException: User: arn:aws:iam::111122223333:user\/eks-kit-sandbox is not authorized to perform: eks:ListNodegroups .* \(the IAM policy must allow eks:ListNodegroups; see the IAM permissions in the docs\)$/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
