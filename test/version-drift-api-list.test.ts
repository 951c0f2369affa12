import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from '@eks-kit/sandbox';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });
const scenario: Scenario = {
  eks: {
    clusterVersions: ['1.27', '1.28', '1.29'].map(version),
    clusters: [
      { name: 'k127', version: '1.27' },
      { name: 'k128', version: '1.28' },
    ],
  },
};
const { run } = driftSandbox(scenario);

const FLOW = ['FlowSchema', 'PriorityLevelConfiguration'].map((kind) => `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: ${kind}\nmetadata: {name: x}\n`).join('---\n');

interface Finding {
  kind: string;
  status: string;
  since: string;
  replacement?: string;
  replacementNotYetServed?: boolean;
}
const findings = (workspace: string): Finding[] =>
  (JSON.parse(readFileSync(path.join(workspace, 'eks-version-drift.json'), 'utf8')) as { clusters: { manifests: Finding[] }[] }).clusters[0]?.manifests ?? [];

describe('version-drift: the bundled API list, as the Deprecated API Migration Guide has it', () => {
  it('flags flowcontrol v1beta3 FlowSchema and PriorityLevelConfiguration as deprecated in 1.29, with v1 only after the upgrade', async () => {
    const workspace = makeWorkspace({ 'k8s/flow.yaml': FLOW });
    const r = await run({ clusters: 'k128' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(findings(workspace)).toEqual([
      expect.objectContaining({ kind: 'FlowSchema', status: 'deprecated', since: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementNotYetServed: true }),
      expect.objectContaining({ kind: 'PriorityLevelConfiguration', status: 'deprecated', since: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementNotYetServed: true }),
    ]);
  });

  it('does not flag them going to 1.28 (pluto had FlowSchema deprecated since 1.24)', async () => {
    const workspace = makeWorkspace({ 'k8s/flow.yaml': FLOW });
    const r = await run({ clusters: 'k127' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(findings(workspace)).toEqual([]);
  });
});
