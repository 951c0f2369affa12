import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startSandbox, type Sandbox, type Scenario } from '@eks-kit/sandbox';
import { runBundle } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';

// Dates relative to today, so "30 days from the end of standard support" stays true on any day.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const scenario: Scenario = {
  eks: {
    clusterVersions: [
      { clusterVersion: '1.33', releaseDate: day(-800), endOfStandardSupportDate: day(-40), endOfExtendedSupportDate: day(325) },
      { clusterVersion: '1.34', releaseDate: day(-400), endOfStandardSupportDate: day(30), endOfExtendedSupportDate: day(395) },
      { clusterVersion: '1.35', releaseDate: day(-120), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665), defaultPlatformVersion: 'eks.4' },
      { clusterVersion: '1.36', releaseDate: day(-10), endOfStandardSupportDate: day(420), endOfExtendedSupportDate: day(785), defaultPlatformVersion: 'eks.1' },
    ],
    addonVersions: [
      { addonName: 'vpc-cni', versions: [{ addonVersion: 'v1.20.1-eksbuild.1', clusterVersions: ['1.33', '1.34', '1.35', '1.36'], defaultFor: ['1.33', '1.34', '1.35', '1.36'] }] },
      { addonName: 'coredns', versions: [{ addonVersion: 'v1.12.0-eksbuild.1', clusterVersions: ['1.34', '1.35'], defaultFor: ['1.34', '1.35'] }] },
    ],
    clusters: [
      { name: 'healthy', version: '1.35', platformVersion: 'eks.4', supportType: 'EXTENDED', nodegroups: [{ name: 'general', version: '1.35', releaseVersion: '1.35.0-20260301' }], addons: [{ name: 'vpc-cni', version: 'v1.20.1-eksbuild.1' }] },
      { name: 'soon', version: '1.34', platformVersion: 'eks.9', supportType: 'STANDARD', addons: [{ name: 'vpc-cni', version: 'v1.20.1-eksbuild.1' }] },
      { name: 'paying', version: '1.33', platformVersion: 'eks.12', supportType: 'EXTENDED' },
      { name: 'lagging', version: '1.35', platformVersion: 'eks.4', nodegroups: [{ name: 'old-workers', version: '1.32', releaseVersion: '1.32.1-20250201' }] },
      { name: 'addon-gap', version: '1.35', platformVersion: 'eks.4', addons: [{ name: 'coredns', version: 'v1.12.0-eksbuild.1' }] },
    ],
  },
};

// Each test runs the bundle in a new process on a shared machine: seconds, not milliseconds.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario });
}, 60_000);
afterAll(async () => sandbox?.stop());

const CLEAN = makeWorkspace({ 'README.md': 'no manifests\n' });

function run(inputs: Record<string, string>, workspace = CLEAN) {
  return runBundle('version-drift', {
    workspace,
    env: { ...sandbox.env, AWS_MAX_ATTEMPTS: '1' },
    inputs: { 'create-issues': 'false', 'github-token': '', ...inputs },
  });
}

interface JsonReport {
  clusters: { cluster: string; calendarSource: string; calendarNote?: string; support?: { phase: string; daysToEndOfStandard: number; payingForExtendedSupport: boolean; atDeadline: string }; blockers: string[]; verdict: { severity: string }; manifests: { file: string; line: number; replacement?: string }[] }[];
  failures: { cluster: string; operation?: string; message: string }[];
  apiCalls: Record<string, number>;
}
const readReport = (workspace: string): JsonReport => JSON.parse(readFileSync(path.join(workspace, 'eks-version-drift.json'), 'utf8')) as JsonReport;

describe('version-drift action bundle (dist/version-drift/index.js) against the sandbox', () => {
  it('passes a healthy cluster and writes outputs, summary and JSON', async () => {
    const workspace = makeWorkspace({});
    const r = await run({ clusters: 'healthy' }, workspace);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'ok', 'current-version': '1.35', 'target-version': '1.36', 'days-left': '300', clusters: '1', blockers: '0' });
    expect(r.summary).toContain('## EKS version drift');
    expect(r.summary).toContain('All 1 cluster within policy');
    expect(readReport(workspace).clusters[0]).toMatchObject({ cluster: 'healthy', calendarSource: 'api', verdict: { severity: 'ok' } });
  });

  it('fails 30 days from the end of standard support and says what upgradePolicy STANDARD will do', async () => {
    const workspace = makeWorkspace({});
    const r = await run({ clusters: 'soon' }, workspace);
    expect(r.exitCode).toBe(1);
    expect(r.failure).toBe('Policy: soon (us-east-1): 30 days until the end of standard support (fail at 30)');
    expect(r.outputs).toMatchObject({ status: 'failure', 'days-left': '30', 'current-version': '1.34', 'target-version': '1.35' });
    expect(readReport(workspace).clusters[0]?.support?.atDeadline).toMatch(/upgradePolicy STANDARD: EKS upgrades the control plane automatically/);
  });

  it('warns instead when the policy allows 30 days', async () => {
    const r = await run({ clusters: 'soon', 'fail-days': '7' });
    expect(r.exitCode).toBe(0);
    expect(r.outputs.status).toBe('warning');
    expect(r.commands.some((c) => c.command === 'warning' && c.message.includes('30 days until the end of standard support'))).toBe(true);
  });

  it('reports a cluster already paying for extended support', async () => {
    const workspace = makeWorkspace({});
    const r = await run({ clusters: 'paying' }, workspace);
    expect(r.exitCode).toBe(1);
    expect(r.failure).toMatch(/^Policy: paying \(us-east-1\): in extended support since/);
    expect(r.summary).toContain('extended (charged)');
    expect(readReport(workspace).clusters[0]?.support).toMatchObject({ phase: 'extended', payingForExtendedSupport: true, daysToEndOfStandard: -40 });
  });

  it('blocks the upgrade on a node group three minors behind', async () => {
    const r = await run({ clusters: 'lagging' });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.blockers).toBe('1');
    expect(r.failure).toBe('Policy: lagging (us-east-1): upgrade blocked: node group old-workers: 3 minors behind 1.35; would be 4 behind 1.36 (limit n-3), upgrade it first');
    expect(r.summary).toContain('Upgrade lagging node groups to 1.35');
    expect(r.summary).toMatch(/blocked: node group old-workers: 3 minors behind 1\.35; would be 4 behind 1\.36/);
  });

  it('blocks the upgrade on an add-on with no version for the next minor', async () => {
    const r = await run({ clusters: 'addon-gap' });
    expect(r.exitCode).toBe(1);
    expect(r.summary).toMatch(/add-on coredns: no coredns version is offered for Kubernetes 1\.36/);
  });

  it('finds removed APIs in the repository with file, line and replacement', async () => {
    const workspace = makeWorkspace({
      'deploy/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\napiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata: {name: gpu}\n',
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'charts/web/templates/hpa.yaml': '{{- if .Values.hpa }}\napiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n',
    });
    const r = await run({ clusters: 'healthy' }, workspace);
    expect(r.exitCode).toBe(1);
    const findings = readReport(workspace).clusters[0]?.manifests;
    expect(findings).toEqual([
      expect.objectContaining({ file: 'charts/web/templates/hpa.yaml', line: 2, replacement: 'autoscaling/v2' }),
      expect.objectContaining({ file: 'deploy/app.yaml', line: 5, replacement: 'resource.k8s.io/v1beta2' }),
    ]);
    expect(r.summary).toContain('`deploy/app.yaml:5`');
    expect(r.summary).toContain('Chart `charts/web` not rendered: helm was not found on PATH.');
    expect(r.summary).toMatch(/1 file scanned line by line \(Helm templates/);

    // With helm on PATH the chart is rendered and findings point at the template's line.
    const bin = makeWorkspace({ helm: ['#!/bin/sh', 'printf -- "---\\n# Source: web/templates/hpa.yaml\\napiVersion: autoscaling/v2beta2\\nkind: HorizontalPodAutoscaler\\nmetadata:\\n  name: x\\n"', ''].join('\n') });
    chmodSync(path.join(bin, 'helm'), 0o755);
    const rendered = await runBundle('version-drift', {
      workspace,
      env: { ...sandbox.env, AWS_MAX_ATTEMPTS: '1', PATH: `${bin}:${process.env.PATH ?? ''}` },
      inputs: { clusters: 'healthy', 'create-issues': 'false', 'github-token': '' },
    });
    expect(rendered.summary).toContain('1 Helm chart rendered with `helm template`');
    expect(rendered.summary).not.toContain('scanned line by line');
    expect(readReport(workspace).clusters[0]?.manifests).toContainEqual(expect.objectContaining({ file: 'charts/web/templates/hpa.yaml', line: 2, replacement: 'autoscaling/v2' }));
  });

  it('falls back to the bundled calendar when DescribeClusterVersions is unavailable, and says so', async () => {
    // Five answers of 500: every attempt core's AWS retry policy makes (one 500 is retried and passes).
    sandbox.faults.eks.inject({ kind: 'server-error', match: ['eks:DescribeClusterVersions'], count: 5 });
    const workspace = makeWorkspace({});
    const r = await run({ clusters: 'paying', 'fail-on-blockers': 'false' }, workspace);
    sandbox.faults.eks.clear();
    const cluster = readReport(workspace).clusters[0];
    expect(cluster?.calendarSource).toBe('bundled');
    expect(cluster?.calendarNote).toMatch(/bundled calendar \(checked \d{4}-\d{2}-\d{2}\) used: EKS DescribeClusterVersions failed: ServerException/);
    expect(r.summary).toContain('| bundled |');
    expect(r.stdout).toMatch(/using the bundled EKS calendar/);
  });

  it('falls back when DescribeClusterVersions is denied (AccessDeniedException), and says so', async () => {
    // The sandbox has no IAM: a proxy in front of it answers this one call the way AWS denies it.
    const proxy = await denyingProxy(sandbox.endpoints.eks, '/cluster-versions');
    try {
      const workspace = makeWorkspace({});
      const r = await runBundle('version-drift', {
        workspace,
        env: { ...sandbox.env, AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL_EKS: proxy.url },
        inputs: { clusters: 'healthy', 'create-issues': 'false', 'github-token': '' },
      });
      expect(r.exitCode).toBe(0);
      const cluster = readReport(workspace).clusters[0];
      expect(cluster).toMatchObject({ calendarSource: 'bundled' });
      expect(cluster?.calendarNote).toMatch(/EKS DescribeClusterVersions failed: AccessDeniedException: User: .* is not authorized to perform: eks:DescribeClusterVersions/);
    } finally {
      await proxy.close();
    }
  });

  it('checks every cluster of the region, one failure line per unknown cluster, the others still checked', async () => {
    const workspace = makeWorkspace({});
    const r = await run({ clusters: 'healthy\nnope\nus-east-1/soon', 'fail-days': '7' }, workspace);
    expect(r.exitCode).toBe(1);
    expect(r.failure).toBe('cluster nope (us-east-1): EKS DescribeCluster failed: ResourceNotFoundException: No cluster found for name: nope.');
    expect(r.outputs).toMatchObject({ status: 'error', clusters: '2', 'failed-clusters': '1' });
    const all = await run({});
    expect(all.outputs.clusters).toBe('5');
  });

  it('rides out throttling with the SDK retries: every cluster checked', async () => {
    sandbox.faults.eks.inject({ kind: 'throttle', match: ['eks:*'], fraction: 0.2 });
    try {
      const r = await runBundle('version-drift', {
        workspace: CLEAN,
        env: { ...sandbox.env, AWS_MAX_ATTEMPTS: '8' },
        inputs: { 'create-issues': 'false', 'github-token': '' },
      });
      expect(r.outputs).toMatchObject({ clusters: '5', 'failed-clusters': '0' });
      expect(sandbox.faults.eks.fired.length).toBeGreaterThan(0);
    } finally {
      sandbox.faults.eks.clear();
    }
  });

  it('names the input of a mistake', async () => {
    const r = await run({ regions: 'us-east1' });
    expect(r.failure).toBe('regions: "us-east1" is not an AWS region name (like us-east-1)');
    const days = await run({ 'warn-days': '10', 'fail-days': '20' });
    expect(days.failure).toMatch(/^fail-days: 20 is more than warn-days \(10\)/);
  });

  it('keeps one issue per cluster: created, updated in place, commented on a severity change, closed when healthy', async () => {
    const issues = () => sandbox.github.state.issues('acme/shop');
    const withIssues = (extra: Record<string, string>) => run({ clusters: 'soon', 'create-issues': 'true', 'github-token': 'sandbox-token', ...extra });

    const first = await withIssues({ 'fail-days': '7' });
    expect(first.outputs.status).toBe('warning');
    expect(issues()).toHaveLength(1);
    const issue = issues()[0]!;
    expect(issue).toMatchObject({ state: 'open', labels: [expect.objectContaining({ name: 'eks-version-drift' })] });
    expect(issue.title).toBe('EKS soon (us-east-1): Kubernetes 1.34, 30 days of standard support left');
    expect(issue.body).toContain('<!-- eks-kit:version-drift cluster=us-east-1/soon severity=warning -->');

    await withIssues({ 'fail-days': '7' });
    expect(issues()).toHaveLength(1);
    expect(sandbox.github.state.comments('acme/shop', issue.number)).toHaveLength(0);

    const worse = await withIssues({});
    expect(worse.outputs.status).toBe('failure');
    expect(issues()).toHaveLength(1);
    expect(issues()[0]?.body).toContain('severity=failure');
    expect(sandbox.github.state.comments('acme/shop', issue.number).map((c) => c.body)).toEqual([expect.stringMatching(/^Severity changed from \*\*warning\*\* to \*\*failure\*\*/)]);

    sandbox.eks.cluster('soon').seed.version = '1.35';
    try {
      const healthy = await withIssues({});
      expect(healthy.exitCode).toBe(0);
      expect(issues()[0]).toMatchObject({ state: 'closed' });
      expect(sandbox.github.state.comments('acme/shop', issue.number)).toHaveLength(2);
    } finally {
      sandbox.eks.cluster('soon').seed.version = '1.34';
    }
  });
});

/** Forwards to `target` unchanged (Host included, so signatures still verify), except one path it denies. */
async function denyingProxy(target: string, deniedPath: string): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === deniedPath) {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
      res.end(JSON.stringify({ message: 'User: arn:aws:iam::111122223333:user/eks-kit-sandbox is not authorized to perform: eks:DescribeClusterVersions' }));
      return;
    }
    const forward = request({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
