import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, type Scenario } from '@eks-kit/sandbox';
import { runBundle } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';
import { day } from './version-drift/drift-sandbox.js';

// Each test starts a sandbox and runs the bundle in a new process on a shared machine.

const calendar = [{ clusterVersion: '1.32', releaseDate: day(-700), endOfStandardSupportDate: day(-240), endOfExtendedSupportDate: day(125) }];

describe('version-drift on sandbox worlds EKS can reach', () => {
  it('refuses to start a world EKS cannot reach: 1.32 on STANDARD eight months after its end of standard support', async () => {
    const impossible: Scenario = { eks: { clusterVersions: calendar, clusters: [{ name: 'stuck', version: '1.32', supportType: 'STANDARD' }] } };
    await expect(startSandbox({ scenario: impossible })).rejects.toThrow(
      `sandbox scenario describes states EKS cannot reach: cluster stuck: 1.32 on supportType STANDARD after its end of standard support (${day(-240)}); EKS would have upgraded it (use EXTENDED, or a newer version)`,
    );
  });

  it('reports the default world: demo pays for extended support because its upgradePolicy is EXTENDED', async () => {
    const sandbox = await startSandbox({});
    try {
      const workspace = makeWorkspace({});
      const r = await runBundle('version-drift', { workspace, env: { ...sandbox.env, AWS_MAX_ATTEMPTS: '1' }, inputs: { clusters: 'demo\nlegacy', 'create-issues': 'false', 'github-token': '' } });
      expect(r.exitCode).toBe(1);
      const report = JSON.parse(readFileSync(path.join(workspace, 'eks-version-drift.json'), 'utf8')) as { clusters: { cluster: string; calendarSource: string; support: { phase: string; supportType: string; payingForExtendedSupport: boolean }; blockers: string[] }[] };
      const demo = report.clusters.find((c) => c.cluster === 'demo');
      expect(demo).toMatchObject({ calendarSource: 'api', support: { phase: 'extended', supportType: 'EXTENDED', payingForExtendedSupport: true } });
      expect(report.clusters.find((c) => c.cluster === 'legacy')?.blockers).toEqual(expect.arrayContaining([expect.stringMatching(/^node group old-workers: 3 minors behind 1\.32/)]));
      expect(r.summary).toContain('💸 extended (charged)');
    } finally {
      await sandbox.stop();
    }
  });
});
