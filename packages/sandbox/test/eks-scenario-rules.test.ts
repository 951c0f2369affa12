import { describe, expect, it } from '@jest/globals';
import { impossibleEksStates } from '../src/eks/scenario-rules.js';
import type { EksScenario } from '../src/eks/types.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const calendar: EksScenario['clusterVersions'] = [
  { clusterVersion: '1.31', releaseDate: '2024-09-26', endOfStandardSupportDate: '2025-11-26', endOfExtendedSupportDate: '2026-11-26' },
  { clusterVersion: '1.32', releaseDate: '2025-01-23', endOfStandardSupportDate: '2026-03-23', endOfExtendedSupportDate: '2027-03-23' },
  { clusterVersion: '1.34', releaseDate: '2025-10-02', endOfStandardSupportDate: '2026-12-02', endOfExtendedSupportDate: '2027-12-02' },
];

describe('sandbox EKS scenario rules', () => {
  it('refuses a STANDARD cluster past its end of standard support, and any cluster past extended support', () => {
    const problems = impossibleEksStates({ clusterVersions: calendar, clusters: [{ name: 'std', version: '1.32', supportType: 'STANDARD' }, { name: 'old', version: '1.31', supportType: 'EXTENDED' }] }, NOW);
    expect(problems).toEqual([
      'cluster std: 1.32 on supportType STANDARD after its end of standard support (2026-03-23); EKS would have upgraded it (use EXTENDED, or a newer version)',
      'cluster old: 1.31 after its end of extended support (2026-11-26); EKS would have upgraded it',
    ]);
  });

  it('refuses a node group newer than its control plane and a calendar out of order', () => {
    const problems = impossibleEksStates(
      { clusterVersions: [...calendar, { clusterVersion: '1.35', releaseDate: '2027-01-01', endOfStandardSupportDate: '2026-01-01', endOfExtendedSupportDate: '2028-01-01' }], clusters: [{ name: 'x', version: '1.34', nodegroups: [{ name: 'ahead', version: '1.35' }] }] },
      NOW,
    );
    expect(problems).toEqual([expect.stringMatching(/^clusterVersions 1\.35: .* must come in that order$/), 'cluster x: node group ahead runs 1.35, newer than the control plane 1.34, which EKS does not allow']);
  });

  it('accepts what EKS can reach: STANDARD before the deadline, EXTENDED and paying, versions it does not list', () => {
    const clusters = [
      { name: 'std', version: '1.34', supportType: 'STANDARD' as const },
      { name: 'paying', version: '1.32', supportType: 'EXTENDED' as const, nodegroups: [{ name: 'ng', version: '1.29' }] },
      { name: 'unlisted', version: '1.36', supportType: 'STANDARD' as const },
    ];
    expect(impossibleEksStates({ clusterVersions: calendar, clusters }, NOW)).toEqual([]);
  });
});
