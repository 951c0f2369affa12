import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { runCli } from './harness/run-cli.js';
import { makeWorkspace } from './harness/workspace.js';

// Each test runs the bundle in a new process on a shared machine: seconds, not milliseconds.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({});
}, 60_000);
afterAll(async () => sandbox?.stop());

const cli = (args: string[], cwd: string) => runCli(args, cwd, { ...sandbox.env, AWS_MAX_ATTEMPTS: '1' });

describe('eks-kit version-drift (dist/cli/index.js) against the sandbox', () => {
  const workspace = makeWorkspace({ 'k8s/flow.yaml': 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: x}\n' });

  it('prints a report per cluster with the playbook and exits 1 on a policy failure', async () => {
    const run = await cli(['version-drift', 'demo'], workspace);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL demo \(us-east-1\) Kubernetes 1\.32 → 1\.33/m);
    expect(run.stdout).toContain('k8s/flow.yaml:1 FlowSchema flowcontrol.apiserver.k8s.io/v1beta3 removed in 1.32, use flowcontrol.apiserver.k8s.io/v1');
    expect(run.stdout).toMatch(/3\. Upgrade the control plane 1\.32 → 1\.33/);
  });

  it('prints JSON and names an unknown cluster with the call, exit 2', async () => {
    const run = await cli(['version-drift', 'demo,ghost', '-f', 'json', '--scan-manifests', 'false'], workspace);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { clusters: { cluster: string }[]; failures: { operation: string }[] };
    expect(report.clusters.map((c) => c.cluster)).toEqual(['demo']);
    expect(report.failures).toEqual([expect.objectContaining({ cluster: 'ghost', operation: 'DescribeCluster' })]);
    expect(run.stderr).toContain('ghost (us-east-1): EKS DescribeCluster failed: ResourceNotFoundException');
  });

  it('refuses an --output it cannot write before any AWS call: one line, exit 2, no stack trace', async () => {
    const calls = sandbox.faults.eks.seen.length;
    const run = await cli(['version-drift', 'demo', '--output', 'k8s/flow.yaml/report.txt'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['error: --output: "k8s/flow.yaml/report.txt" cannot be created: k8s/flow.yaml is a file, not a directory']);
    expect(sandbox.faults.eks.seen.length).toBe(calls);
  });

  it('writes the report to --output and says where', async () => {
    const run = await cli(['version-drift', 'demo', '--output', 'out/drift.txt', '--scan-manifests', 'false'], workspace);
    expect(run.code).toBe(1);
    expect(readFileSync(path.join(workspace, 'out/drift.txt'), 'utf8')).toMatch(/^FAIL demo \(us-east-1\)/m);
    expect(run.stderr).toContain('Report written to out/drift.txt');
  });

  it('judges with --additional-versions, and names the flag and line of a bad file before any AWS call', async () => {
    const dir = makeWorkspace({ 'w.yaml': 'apiVersion: example.com/v1beta1\nkind: Widget\nmetadata: {name: w}\n', 'v.yaml': 'deprecated-versions:\n  - {version: example.com/v1beta1, kind: Widget, removed-in: v1.33.0}\n', 'bad.yaml': 'deprecated-versions:\n  - {version: example.com/v1beta1}\n' });
    const run = await cli(['version-drift', 'demo', '--additional-versions', 'v.yaml'], dir);
    expect(run.stdout).toContain('w.yaml:1 Widget example.com/v1beta1 removed in 1.33, no replacement');
    const calls = sandbox.faults.eks.seen.length;
    const bad = await cli(['version-drift', 'demo', '--additional-versions', 'bad.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['error: --additional-versions: line 2: kind must be a Kubernetes kind like Deployment, got ""']);
    expect(sandbox.faults.eks.seen.length).toBe(calls);
  });

  it('names the flag of a mistake', async () => {
    const run = await cli(['version-drift', '--fail-days', 'soon'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fail-days: "soon" is not a whole number');
  });
});
