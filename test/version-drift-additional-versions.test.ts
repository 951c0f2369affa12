import { describe, expect, it } from '@jest/globals';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });
const drift = driftSandbox({ eks: { clusterVersions: ['1.33', '1.34'].map(version), clusters: [{ name: 'prod', version: '1.33' }] } });

const WIDGET = 'apiVersion: example.com/v1beta1\nkind: Widget\nmetadata:\n  name: w\n';
const VERSIONS = `deprecated-versions:
  - version: example.com/v1beta1
    kind: Widget
    deprecated-in: v1.32.0
    removed-in: v1.34.0
    replacement-api: example.com/v1
`;

describe("version-drift: a versions file in pluto's format", () => {
  it("blocks on an object its file says is removed in the next minor; without the file the object is not judged", async () => {
    const workspace = makeWorkspace({ 'deploy/widget.yaml': WIDGET, 'ci/versions.yaml': VERSIONS });
    const withFile = await drift.run({ clusters: 'prod', 'report-file': '', 'additional-versions': 'ci/versions.yaml' }, workspace);
    expect(withFile.exitCode).toBe(1);
    expect(withFile.failure).toBe('Policy: prod (us-east-1): upgrade blocked: 1 manifest object uses APIs removed in 1.34 (first: Widget example.com/v1beta1 at deploy/widget.yaml:1)');
    expect(withFile.summary).toContain('`example.com/v1`');
    const without = await drift.run({ clusters: 'prod', 'report-file': '' }, workspace);
    expect(without.exitCode).toBe(0);
    expect(without.outputs.blockers).toBe('0');
  });

  it('a file that is missing or wrong fails on one line naming the input and the line, before any AWS call', async () => {
    const workspace = makeWorkspace({ 'bad.yaml': 'deprecated-versions:\n  - version: example.com/v1beta1\n    kind: Widget\n    removed-in: next year\n' });
    const seen = drift.sandbox().faults.eks.seen.length;
    const missing = await drift.run({ clusters: 'prod', 'report-file': '', 'additional-versions': 'nope.yaml' }, workspace);
    expect(missing.exitCode).toBe(1);
    expect(missing.failure).toBe('additional-versions: cannot read nope.yaml: no such file');
    const bad = await drift.run({ clusters: 'prod', 'report-file': '', 'additional-versions': 'bad.yaml' }, workspace);
    expect(bad.failure).toBe('additional-versions: line 2: removed-in must be a version like v1.16.0 or 1.16, got "next year"');
    for (const r of [missing, bad]) expect(r.stderr + r.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$|Unexpected error/m);
    expect(drift.sandbox().faults.eks.seen.length).toBe(seen);
  });
});
