import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './harness/run-cli.js';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const SHOP = '444455556666';
const DATA = '777788889999';
const role = (account: string) => `arn:aws:iam::${account}:role/eks-kit-drift-reader`;
const world = driftSandbox({
  eks: {
    clusterVersions: [
      { clusterVersion: '1.32', releaseDate: day(-300), endOfStandardSupportDate: day(20), endOfExtendedSupportDate: day(385) },
      { clusterVersion: '1.33', releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) },
      { clusterVersion: '1.34', releaseDate: day(-10), endOfStandardSupportDate: day(400), endOfExtendedSupportDate: day(765) },
    ],
    clusters: [
      { name: 'home', version: '1.33' },
      { name: 'prod', version: '1.32', account: SHOP },
      { name: 'prod', version: '1.33', account: DATA },
    ],
  },
  sts: { roles: [{ roleArn: role(SHOP) }, { roleArn: role(DATA) }] },
});
const workspace = makeWorkspace({ 'README.md': 'no manifests\n' });
type Report = { clusters: { cluster: string; account?: string; version: string }[]; failures: { cluster: string; account?: string; message: string }[] };
const report = () => JSON.parse(readFileSync(path.join(workspace, 'drift.json'), 'utf8')) as Report;

describe('version-drift across accounts', () => {
  it('without roles checks the credentials’ own account only', async () => {
    const r = await world.run({ 'report-file': 'drift.json' }, workspace);
    expect(r.exitCode).toBe(0);
    expect(report().clusters.map((c) => [c.cluster, c.account])).toEqual([['home', undefined]]);
  });

  it('checks every account through its role into one report with one issue per cluster; a role it cannot assume is one line', async () => {
    const missing = 'arn:aws:iam::999900001111:role/eks-kit-drift-reader';
    const r = await world.run({ roles: `${role(SHOP)}\n${role(DATA)}\n${missing}`, 'report-file': 'drift.json', 'create-issues': 'true', 'github-token': 'sandbox-token' }, workspace);
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ clusters: '2', 'failed-clusters': '1' });
    const { clusters, failures } = report();
    expect(clusters.map((c) => `${c.account}/${c.cluster} ${c.version}`).sort()).toEqual([`${SHOP}/prod 1.32`, `${DATA}/prod 1.33`]);
    expect(failures).toEqual([
      expect.objectContaining({
        cluster: '(every cluster of account 999900001111)',
        message: `cannot assume ${missing}: STS AssumeRole failed: AccessDenied: User: arn:aws:iam::111122223333:user/eks-kit-sandbox is not authorized to perform: sts:AssumeRole on resource: ${missing} (the IAM policy must allow sts:AssumeRole; see the IAM permissions in the docs)`,
      }),
    ]);
    expect(r.failure).toBe(`(every cluster of account 999900001111): cannot assume ${missing}: STS AssumeRole failed: AccessDenied: User: arn:aws:iam::111122223333:user/eks-kit-sandbox is not authorized to perform: sts:AssumeRole on resource: ${missing} (the IAM policy must allow sts:AssumeRole; see the IAM permissions in the docs)`);
    const issues = world.sandbox().github.state.issues('acme/shop');
    expect(issues.map((i) => i.title)).toEqual([expect.stringMatching(new RegExp(`^EKS prod \\(${SHOP}/us-east-1\\): Kubernetes 1\\.32, 20 days of standard support left$`))]);
    expect(issues[0]?.body).toContain(`cluster=${SHOP}/us-east-1/prod`);

    // The next scheduled run finds its issue again by the account-qualified marker.
    const again = await world.run({ roles: `${role(SHOP)}\n${role(DATA)}`, 'report-file': '', 'create-issues': 'true', 'github-token': 'sandbox-token' }, workspace);
    expect(again.exitCode).toBe(1);
    expect(world.sandbox().github.state.issues('acme/shop')).toHaveLength(1);
  });

  it('the CLI takes --roles and --cluster-access and says a role it cannot assume on stderr, exit 2', async () => {
    const missing = 'arn:aws:iam::999900001111:role/eks-kit-drift-reader';
    const r = await runCli(['version-drift', '--roles', `${role(DATA)},${missing}`, '--cluster-access', 'true', '-f', 'json', '--scan-manifests', 'false'], workspace, { ...world.sandbox().env, AWS_MAX_ATTEMPTS: '1' });
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as Report & { clusters: { workloads?: { status: string; reason?: string } }[] };
    expect(json.clusters.map((c) => `${c.account}/${c.cluster}`)).toEqual([`${DATA}/prod`]);
    // That cluster has no Kubernetes API here: said as not checked, the rest of its report stands.
    expect(json.clusters[0]?.workloads?.status).toBe('not-checked');
    expect(r.stderr).toContain(`(every cluster of account 999900001111): cannot assume ${missing}: STS AssumeRole failed: AccessDenied`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a malformed role and a cluster named without its account, each in one line, before any call', async () => {
    const bad = await world.run({ roles: 'eks-kit-drift-reader', 'report-file': '' }, workspace);
    expect(bad.failure).toBe('roles: "eks-kit-drift-reader" is not an IAM role ARN (arn:aws:iam::ACCOUNT-ID:role/NAME)');
    const bare = await world.run({ roles: role(SHOP), clusters: 'prod', 'report-file': '' }, workspace);
    expect(bare.failure).toBe('clusters: "prod": with roles, name clusters by ARN (arn:aws:eks:REGION:ACCOUNT-ID:cluster/NAME), or leave clusters empty to check every cluster in the regions');
    const byArn = await world.run({ roles: role(SHOP), clusters: `arn:aws:eks:us-east-1:${SHOP}:cluster/prod`, 'report-file': '', 'fail-days': '0', 'warn-days': '0' }, workspace);
    expect(byArn.exitCode).toBe(0);
    expect(byArn.outputs).toMatchObject({ clusters: '1', 'current-version': '1.32' });
  });
});
