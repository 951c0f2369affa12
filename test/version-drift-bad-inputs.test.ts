import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from '@eks-kit/sandbox';
import type { BundleRun } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const scenario: Scenario = {
  eks: {
    clusterVersions: [
      { clusterVersion: '1.34', releaseDate: day(-400), endOfStandardSupportDate: day(30), endOfExtendedSupportDate: day(395) },
      { clusterVersion: '1.35', releaseDate: day(-120), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665), defaultPlatformVersion: 'eks.4' },
      { clusterVersion: '1.36', releaseDate: day(-10), endOfStandardSupportDate: day(420), endOfExtendedSupportDate: day(785), defaultPlatformVersion: 'eks.1' },
    ],
    clusters: [
      { name: 'healthy', version: '1.35', platformVersion: 'eks.4', supportType: 'EXTENDED' },
      { name: 'soon', version: '1.34', platformVersion: 'eks.9', supportType: 'STANDARD' },
    ],
  },
};

const drift = driftSandbox(scenario);
const run = (inputs: Record<string, string>, workspace = makeWorkspace({ Dockerfile: 'FROM scratch\n' })): Promise<BundleRun> => drift.run(inputs, workspace);

const errors = (r: BundleRun) => r.commands.filter((c) => c.command === 'error').map((c) => c.message);

/** A failed run that is still a finished run: no stack, outputs and summary written. */
function expectFinished(r: BundleRun): void {
  expect(r.exitCode).toBe(1);
  expect(r.stderr + r.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$|Unexpected error/m);
  expect(r.outputs.status).toBeDefined();
  expect(r.outputs.clusters).toBeDefined();
  expect(r.summary).toContain('## EKS version drift');
}

describe('version-drift: bad inputs end in one clear line, with outputs and summary', () => {
  it('report-file under a file: one line naming the input, no issue touched, no file written', async () => {
    const workspace = makeWorkspace({ Dockerfile: 'FROM scratch\n' });
    const issuesBefore = drift.sandbox().github.state.issues('acme/shop').length;
    const r = await run({ clusters: 'soon', 'report-file': 'Dockerfile/x.json', 'create-issues': 'true', 'github-token': 'sandbox-token' }, workspace);
    expectFinished(r);
    expect(r.failure).toBe('report-file: "Dockerfile/x.json" cannot be created: Dockerfile is a file, not a directory');
    expect(errors(r)).toHaveLength(1);
    expect(r.outputs['report-file']).toBeUndefined();
    expect(drift.sandbox().github.state.issues('acme/shop')).toHaveLength(issuesBefore);
    expect(r.summary).toContain('issues left unchanged: report-file:');
    expect(readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
  });

  it('report-file in a directory that does not exist yet: created and written', async () => {
    const workspace = makeWorkspace({});
    const r = await run({ clusters: 'healthy', 'report-file': 'reports/drift/x.json' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(r.outputs['report-file']).toBe('reports/drift/x.json');
    expect(JSON.parse(readFileSync(path.join(workspace, 'reports/drift/x.json'), 'utf8'))).toMatchObject({ status: 'ok' });
  });

  it('report-file on a kernel file system or a pipe is refused before anything is written, without hanging', async () => {
    const proc = await run({ clusters: 'healthy', 'report-file': '/proc/self/fd/0' });
    expectFinished(proc);
    expect(proc.failure).toBe('report-file: "/proc/self/fd/0" is under /proc, a kernel file system, not a place for a report file');

    const workspace = makeWorkspace({});
    execFileSync('mkfifo', [path.join(workspace, 'pipe.json')]);
    const fifo = await run({ clusters: 'healthy', 'report-file': 'pipe.json' }, workspace);
    expectFinished(fifo);
    expect(fifo.failure).toBe('report-file: "pipe.json" exists and is not a regular file (a pipe, socket or device)');
  });

  it('report-file naming a directory says to name a file in it', async () => {
    const workspace = makeWorkspace({ 'out/keep': '' });
    const r = await run({ clusters: 'healthy', 'report-file': 'out' }, workspace);
    expectFinished(r);
    expect(r.failure).toBe('report-file: "out" is a directory; name a file in it (like out/eks-version-drift.json)');
  });

  it('annotates a cluster that could not be checked once; several are each annotated once and counted', async () => {
    const one = await run({ clusters: 'healthy\nnope' });
    expectFinished(one);
    expect(errors(one)).toEqual(['cluster nope (us-east-1): EKS DescribeCluster failed: ResourceNotFoundException: No cluster found for name: nope.']);

    const two = await run({ clusters: 'nope\nghost' });
    expectFinished(two);
    const lines = errors(two);
    expect(lines.at(-1)).toBe('2 problems, each listed above');
    expect(lines.filter((l) => l.includes('cluster nope ('))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('cluster ghost ('))).toHaveLength(1);
  });

  it('names a malformed cluster ARN as such; a well-formed one is checked', async () => {
    const bad = await run({ clusters: 'arn:aws:eks:us-east-1:111122223333:healthy' });
    expect(bad.exitCode).toBe(1);
    expect(bad.failure).toBe('clusters: "arn:aws:eks:us-east-1:111122223333:healthy" is not an EKS cluster ARN (arn:aws:eks:REGION:ACCOUNT-ID:cluster/NAME)');
    const badRegion = await run({ clusters: 'arn:aws:eks:useast1:111122223333:cluster/healthy' });
    expect(badRegion.failure).toBe('clusters: "useast1" in the ARN "arn:aws:eks:useast1:111122223333:cluster/healthy" is not an AWS region name (like us-east-1)');

    const good = await run({ clusters: 'arn:aws:eks:us-east-1:111122223333:cluster/healthy' });
    expect(good.exitCode).toBe(0);
    expect(good.outputs).toMatchObject({ status: 'ok', clusters: '1' });
  });

  it('a target-version older than the cluster is an input error naming the cluster; the other clusters are still checked', async () => {
    const workspace = makeWorkspace({});
    const r = await run({ clusters: 'healthy\nsoon', 'target-version': '1.34', 'fail-days': '7' }, workspace);
    expectFinished(r);
    expect(r.failure).toBe('target-version: 1.34 is older than 1.35, the version the cluster runs (EKS does not downgrade): cluster healthy (us-east-1)');
    expect(errors(r)).toHaveLength(1);
    expect(r.outputs).toMatchObject({ status: 'error', clusters: '1', 'failed-clusters': '1' });
    expect(existsSync(path.join(workspace, 'eks-version-drift.json'))).toBe(true);

    const same = await run({ clusters: 'healthy', 'target-version': '1.35' });
    expect(same.exitCode).toBe(0);
    expect(same.outputs['target-version']).toBe('1.36');
  });
});
