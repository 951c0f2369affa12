import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand, PutRegistryScanningConfigurationCommand } from '@aws-sdk/client-ecr';
import { startSandbox, type FindingFixture, type Sandbox } from '@eks-kit/sandbox';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBundle, type BundleRun } from './harness/run-bundle.js';
import { sarifErrors } from './harness/sarif-schema.js';
import { makeWorkspace } from './harness/workspace.js';
import { RegistryPusher } from './scan-gate/push-image.js';

let sandbox: Sandbox;
let ecr: ECRClient;
let push: RegistryPusher;

const REPO = 'eks-kit/demo';

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 300 });
  ecr = new ECRClient({ region: sandbox.region, endpoint: sandbox.endpoints.ecr, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey }, maxAttempts: 1 });
  const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
  push = new RegistryPusher(sandbox.endpoints.registry, auth.authorizationData![0]!.authorizationToken!);
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/manual' }));
}, 60_000);

afterAll(async () => {
  ecr?.destroy();
  await sandbox?.stop();
});

function gate(inputs: Record<string, string>, options: { files?: Record<string, string>; env?: NodeJS.ProcessEnv } = {}): Promise<BundleRun & { workspace: string }> {
  const workspace = makeWorkspace(options.files ?? {});
  return runBundle('scan-gate', { workspace, inputs: { 'poll-interval': '1', timeout: '60', 'pr-comment': 'false', ...inputs }, env: { ...sandbox.env, ...options.env } }).then((run) => ({ ...run, workspace }));
}

function warnings(run: BundleRun): string[] {
  return run.commands.filter((c) => c.command === 'warning').map((c) => c.message);
}

// Each test runs the bundle once or twice against a live sandbox: seconds, not milliseconds.

describe('scan-gate action bundle (dist/scan-gate/index.js) against the sandbox', () => {
  it('passes a clean image, with zero counts and a summary', async () => {
    const image = await push.image(REPO, 'clean-1');
    const run = await gate({ image: `${REPO}:clean-1` });
    expect(run.failure).toBeUndefined();
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'pass', critical: '0', high: '0', findings: '0', counted: '0', digest: image.digest });
    expect(run.summary).toContain('## Image scan: `eks-kit/demo:clean-1`');
    expect(run.summary).toContain('✅ **Passed**');
  });

  it('fails on a threshold, lists the deciding findings most severe first with advisory links, and writes valid SARIF', async () => {
    const image = await push.image(REPO, 'vulnerable-1');
    const run = await gate({ image: `${REPO}@${image.digest}`, thresholds: 'critical: 0, high: 5', 'sarif-file': 'reports/scan.sarif' });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toBe(`Policy: ${REPO}@${image.digest}: 1 critical (limit 0)`);
    expect(run.outputs).toMatchObject({ verdict: 'fail', critical: '1', high: '1', medium: '1', low: '1', informational: '1', findings: '5', 'sarif-file': 'reports/scan.sarif' });
    expect(run.summary).toContain('Findings that decided the verdict');
    expect(run.summary).toContain('[CVE-2024-0001](https://nvd.nist.gov/vuln/detail/CVE-2024-0001)');
    expect(run.summary).not.toContain('[CVE-2024-0002]');
    const sarif = JSON.parse(readFileSync(path.join(run.workspace, 'reports/scan.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003', 'CVE-2024-0004', 'CVE-2024-0005']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('passes when the allowlist covers the findings over the limit, and reports a stale entry', async () => {
    await push.image(REPO, 'vulnerable-2', { content: 'allowlisted' });
    const allowlist = [
      '- id: CVE-2024-0001',
      '  reason: openssl is only used by the health check',
      '  expires: 2099-12-31',
      '- id: CVE-2024-0002',
      '  reason: zlib inflate path not reachable',
      '  expires: 2099-12-31',
      '- id: CVE-2023-9999',
      '  reason: fixed upstream last quarter',
      '  expires: 2099-12-31',
      '',
    ].join('\n');
    const run = await gate({ image: `${REPO}:vulnerable-2`, allowlist: '.github/scan-allowlist.yaml' }, { files: { '.github/scan-allowlist.yaml': allowlist } });
    expect(run.failure).toBeUndefined();
    expect(run.outputs).toMatchObject({ verdict: 'pass', critical: '0', high: '0', medium: '1', findings: '5' });
    expect(run.summary).toContain('### Allowlist');
    expect(run.summary).toMatch(/CVE-2023-9999 \| 🧹 stale/);
    expect(warnings(run)).toContain('Allowlist entry CVE-2023-9999 (.github/scan-allowlist.yaml:7) matches nothing in the image any more; remove it.');
  });

  it('counts a finding again when its allowlist entry has expired, and says so', async () => {
    await push.image(REPO, 'vulnerable-3', { content: 'expired' });
    const allowlist = '- id: CVE-2024-0001\n  reason: waiting for the base image\n  expires: 2024-01-31\n';
    const withList = await gate({ image: `${REPO}:vulnerable-3`, 'fail-on': 'critical', allowlist: 'allow.yaml' }, { files: { 'allow.yaml': allowlist } });
    expect(withList.exitCode).toBe(1);
    expect(withList.failure).toMatch(/1 critical \(limit 0\)$/);
    expect(withList.summary).toMatch(/CVE-2024-0001 \| ⚠️ expired: counts again \| 2024-01-31/);
    expect(warnings(withList)).toContain('Allowlist entry CVE-2024-0001 (allow.yaml:1) expired on 2024-01-31; it no longer hides anything.');
  });

  it('refuses bad input before any API call: thresholds, allowlist, image reference', async () => {
    // Nothing listens on the ECR endpoint here: any API call would fail differently.
    const bad = [
      [{ image: `${REPO}:x`, thresholds: 'critical: none' }, 'thresholds: "none" for critical is not a whole number of findings (0 or more)'],
      [{ image: `${REPO}:x`, allowlist: 'a.yaml' }, 'a.yaml:1: entry 1 (CVE-1): reason is required (why this vulnerability is accepted)'],
      [{ image: `${REPO}:x`, allowlist: 'b.yaml' }, 'b.yaml:1: entry 1 (CVE-1): expires "12/31/2025" is not a date in the form YYYY-MM-DD'],
      [{ image: REPO }, /^image: "eks-kit\/demo" has neither a tag nor a digest/],
      [{ image: 'ghcr.io/acme/app:1' }, /^image: "ghcr.io\/acme\/app:1" is not in Amazon ECR/],
    ] as const;
    const files = { 'a.yaml': '- id: CVE-1\n  expires: 2030-01-01\n', 'b.yaml': '- id: CVE-1\n  reason: r\n  expires: 12/31/2025\n' };
    for (const [inputs, message] of bad) {
      const run = await gate({ ...inputs }, { files, env: { AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9' } });
      expect(run.exitCode).toBe(1);
      if (typeof message === 'string') expect(run.failure).toBe(message);
      else expect(run.failure).toMatch(message);
      expect(run.outputs.verdict).toBeUndefined();
    }
  });

  it('does not pass an enhanced scan that says ACTIVE before Inspector has reported: waits for the completion time, then gates the findings', async () => {
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'enhanced/*', filterType: 'WILDCARD' }] }] }));
    // ACTIVE, an empty list and no completion time for 4 s: two agreeing empty reads are not evidence.
    sandbox.ecr.scans.enhancedFindingsLagMs = 4000;
    try {
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'enhanced/app' }));
      await push.image('enhanced/app', 'vulnerable-4');
      const run = await gate({ image: 'enhanced/app:vulnerable-4', 'fail-on': 'critical', 'fixable-only': 'true' });
      expect(run.stdout).toContain('ECR says ACTIVE but gives no scan completion time (imageScanCompletedAt): Amazon Inspector has not reported on this digest yet; waiting for evidence that the scan finished');
      expect(run.failure).toMatch(/1 critical \(limit 0\)$/);
      expect(run.outputs).toMatchObject({ verdict: 'fail', critical: '1', findings: '5' });
      expect(run.summary).toContain('3.0.13'); // fixed-in version from Inspector
      // fixable-only: the medium busybox finding has no fix and does not count
      expect(run.outputs.medium).toBe('0');
    } finally {
      sandbox.ecr.scans.enhancedFindingsLagMs = 0;
      await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [] }));
    }
  });

  it('fails closed at the timeout when Inspector never reports, naming the missing evidence', async () => {
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'enhanced/*', filterType: 'WILDCARD' }] }] }));
    sandbox.ecr.scans.enhancedFindingsLagMs = 3_600_000;
    try {
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'enhanced/silent' }));
      const image = await push.image('enhanced/silent', 'v1');
      const run = await gate({ image: 'enhanced/silent:v1', timeout: '4' });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.verdict).toBe('error');
      expect(run.failure).toBe(
        `no evidence by the timeout that the scan of enhanced/silent@${image.digest} finished (ECR says ACTIVE but gives no scan completion time (imageScanCompletedAt): Amazon Inspector has not reported on this digest yet); failing closed, not passing an image nobody has seen scanned`,
      );
    } finally {
      sandbox.ecr.scans.enhancedFindingsLagMs = 0;
      await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [] }));
    }
  });

  it('fails closed on a FAILED scan with ECR’s reason, and passes with a warning when the status is accepted', async () => {
    await push.image(REPO, 'failing-scan-1');
    const closed = await gate({ image: `${REPO}:failing-scan-1` });
    expect(closed.failure).toMatch(/scan status FAILED: the scan failed: Scan failed: the image layers could not be read\.$/);
    expect(closed.outputs.verdict).toBe('fail');
    const accepted = await gate({ image: `${REPO}:failing-scan-1`, 'accept-scan-status': 'FAILED' });
    expect(accepted.exitCode).toBe(0);
    expect(warnings(accepted).some((w) => w.includes('scan status FAILED accepted by policy'))).toBe(true);
  });

  it('fails closed on an image ECR cannot scan (FROM scratch), and says so plainly; accepted only when the policy says', async () => {
    await push.image(REPO, 'scratch-1', { rootfs: 'scratch' });
    const closed = await gate({ image: `${REPO}:scratch-1` });
    expect(closed.failure).toMatch(
      /scan status UNSUPPORTED_IMAGE: ECR cannot scan this image: no operating system or package manager it supports \(an image built FROM scratch or a static binary\); nothing in it was checked: UnsupportedImageError: The operating system and\/or package manager are not supported\.$/,
    );
    expect(closed.outputs.verdict).toBe('fail');
    const accepted = await gate({ image: `${REPO}:scratch-1`, 'accept-scan-status': 'UNSUPPORTED_IMAGE' });
    expect(accepted.exitCode).toBe(0);
    expect(warnings(accepted).some((w) => w.includes('scan status UNSUPPORTED_IMAGE accepted by policy') && w.includes('nothing in it was checked'))).toBe(true);
    // Passed because the policy says so, not because anything was seen: not a green tick.
    expect(accepted.summary).toContain('⚠️ **Passed by policy, not by a scan**: scan status UNSUPPORTED_IMAGE accepted by policy');
    expect(accepted.summary).not.toContain('✅');
  });

  it('does not call a basic scan of a distroless image clean: it passes on the policy, with a notice that nothing proves it was read', async () => {
    // The scenario's vulnerable-* findings are there, but basic scanning does not read distroless's dpkg records.
    await push.image(REPO, 'vulnerable-distroless', { rootfs: 'distroless' });
    const run = await gate({ image: `${REPO}:vulnerable-distroless` });
    expect(run.outputs).toMatchObject({ verdict: 'pass', findings: '0' });
    const notices = run.commands.filter((c) => c.command === 'notice').map((c) => c.message);
    expect(notices).toEqual([expect.stringContaining('a distroless image keeps its package records where basic scanning does not look')]);
    expect(run.summary).toMatch(/> \[!WARNING\]\n> Basic scanning reported no findings\. That shows the image is clean only if it has an OS package database/);

    // A clean image with a package database gets the same words: ECR's answer cannot tell the two apart.
    await push.image(REPO, 'clean-debian', { content: 'debian with dpkg' });
    const debian = await gate({ image: `${REPO}:clean-debian` });
    expect(debian.outputs.verdict).toBe('pass');
    expect(debian.summary).toMatch(/> \[!WARNING\]\n> Basic scanning reported no findings/);
  });

  it('fails closed on UNSUPPORTED_IMAGE from enhanced scanning', async () => {
    sandbox.ecr.pinScanResult(REPO, 'distroless-1', { status: 'UNSUPPORTED_IMAGE' });
    await push.image(REPO, 'distroless-1');
    const run = await gate({ image: `${REPO}:distroless-1` });
    expect(run.failure).toMatch(/scan status UNSUPPORTED_IMAGE: ECR cannot scan this image/);
  });

  it('refuses a malformed region before any API call', async () => {
    const cases: [Record<string, string>, NodeJS.ProcessEnv, string][] = [
      [{ region: 'useast1' }, {}, 'region: "useast1" is not an AWS region (like us-east-1 or eu-central-1)'],
      [{}, { AWS_REGION: 'US-EAST-1' }, 'AWS_REGION: "US-EAST-1" is not an AWS region (like us-east-1 or eu-central-1)'],
    ];
    for (const [inputs, env, message] of cases) {
      const run = await gate({ image: `${REPO}:x`, ...inputs }, { env: { ...env, AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9' } });
      expect(run.exitCode).toBe(1);
      expect(run.failure).toBe(message);
      expect(run.outputs.verdict).toBeUndefined();
    }
  });

  it('fingerprints SARIF results by CVE and package, so a rebuild keeps the same alerts', async () => {
    const dockerfile = 'FROM debian:12-slim AS build\nRUN true\nFROM debian:12-slim\nCOPY --from=build /x /x\n';
    const fingerprints: string[][] = [];
    for (const build of ['vulnerable-build-1', 'vulnerable-build-2']) {
      const image = await push.image(REPO, build, { content: build });
      const run = await gate({ image: `${REPO}:${build}`, 'sarif-file': 'scan.sarif', 'fail-on': 'none' }, { files: { Dockerfile: dockerfile } });
      const sarif = JSON.parse(readFileSync(path.join(run.workspace, 'scan.sarif'), 'utf8')) as {
        runs: { results: { partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
      };
      expect(sarifErrors(sarif)).toEqual([]);
      const results = sarif.runs[0]!.results;
      expect(results.length).toBeGreaterThan(0);
      expect(JSON.stringify(results.map((r) => r.partialFingerprints))).not.toContain(image.digest.slice(7, 19));
      expect(results.every((r) => r.locations[0]!.physicalLocation.region.startLine === 3)).toBe(true);
      fingerprints.push(results.map((r) => r.partialFingerprints['vulnerability/package']!).sort());
    }
    expect(fingerprints[0]).toContain('CVE-2024-0001/openssl');
    expect(fingerprints[1]).toEqual(fingerprints[0]);
  });

  it('starts a scan when none exists yet, once, and gates its result', async () => {
    const image = await push.image('team/manual', 'v1');
    expect(sandbox.ecr.repository('team/manual').scans.has(image.digest)).toBe(false);
    const run = await gate({ image: 'team/manual:v1' });
    expect(run.failure).toBeUndefined();
    expect(run.outputs.verdict).toBe('pass');
    expect(run.stdout).toContain('no scan existed; started one');
    expect(sandbox.ecr.repository('team/manual').scans.has(image.digest)).toBe(true);
  });

  it('second week: learns from last week’s scan when this one should finish, then gates this one', async () => {
    const repo = 'team/weekly';
    await ecr.send(new CreateRepositoryCommand({ repositoryName: repo, imageScanningConfiguration: { scanOnPush: true } }));
    sandbox.ecr.scans.delayMs = 4000;
    try {
      await push.image(repo, 'week-1', { content: 'week 1' });
      const first = await gate({ image: `${repo}:week-1`, 'poll-interval': '10' });
      expect(first.outputs.verdict).toBe('pass');
      expect(first.stdout).not.toContain('earlier scans in');

      const second = await push.image(repo, 'week-2', { content: 'week 2' });
      const run = await gate({ image: `${repo}:week-2`, 'poll-interval': '10' });
      expect(run.outputs).toMatchObject({ verdict: 'pass', digest: second.digest });
      expect(run.stdout).toMatch(new RegExp(`${repo}@${second.digest}: earlier scans in ${repo} took [45] s from push to completion \\(median of 1, spread 0 s\\); reading every 2 s around `));
    } finally {
      sandbox.ecr.scans.delayMs = 300;
    }
  });

  it('fails at the timeout with the last status when no scan comes', async () => {
    await push.image('team/manual', 'never-scanned');
    const run = await gate({ image: 'team/manual:never-scanned', 'start-scan': 'false', timeout: '3' });
    expect(run.failure).toMatch(/^timed out waiting for the scan of team\/manual@sha256:[0-9a-f]{64} \(last status: no scan yet\)$/);
    expect(run.outputs.verdict).toBe('error');
    expect(run.summary).toMatch(/^## Image scan: `team\/manual:never-scanned`\n\n⚠️ \*\*No verdict\*\*: timed out waiting/);
  });

  it('fails on the first answer, not at the timeout, when the repository does not exist', async () => {
    // With a 600 s timeout, a gate that kept waiting would end in "timed out", not in this message.
    const run = await gate({ image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/no/such-repo:v1', timeout: '600' });
    expect(run.failure).toBe('ECR BatchGetImage failed: RepositoryNotFoundException: repository "no/such-repo" does not exist in registry 111122223333 (check the image reference, the region and the account)');
  });

  it('gates each platform of a multi-arch index and skips its attestations', async () => {
    const amd = await push.image(REPO, undefined, { content: 'amd64', architecture: 'amd64' });
    const arm = await push.image(REPO, undefined, { content: 'arm64', architecture: 'arm64' });
    const attestation = await push.attestation(REPO, amd.digest);
    sandbox.ecr.pinScanResult(REPO, arm.digest, { findings: [{ id: 'CVE-2025-1111', severity: 'CRITICAL', packageName: 'musl', packageVersion: '1.2.4', fixedInVersion: '1.2.5', cvssScore: 9.1 }] });
    const index = await push.index(REPO, 'multi-1', [{ image: amd, architecture: 'amd64' }, { image: arm, architecture: 'arm64' }], [{ image: attestation, subject: amd }]);
    const run = await gate({ image: `${REPO}:multi-1` });
    expect(run.failure).toBe(`Policy: ${REPO}@${index.digest}: linux/arm64: 1 critical (limit 0)`);
    expect(run.outputs).toMatchObject({ digest: index.digest, critical: '1' });
    expect(run.summary).toContain('multi-arch: 2 platforms, 1 attestation skipped');
    expect(run.summary).toMatch(/\| linux\/amd64 \| `sha256:[0-9a-f]{12}…` \| COMPLETE \(basic\) \| ✅/);
    expect(run.summary).toMatch(/CVE-2025-1111.*\| linux\/arm64 \|/);
  });

  it('rides out throttling while polling', async () => {
    await push.image(REPO, 'clean-throttled', { content: 'throttled' });
    const before = sandbox.faults.ecr.fired.length;
    sandbox.faults.ecr.inject({ kind: 'throttle', match: ['ecr:DescribeImageScanFindings'], count: 4 });
    const run = await gate({ image: `${REPO}:clean-throttled` });
    expect(run.failure).toBeUndefined();
    expect(run.outputs.verdict).toBe('pass');
    expect(sandbox.faults.ecr.fired.slice(before).filter((f) => f.kind === 'throttle')).toHaveLength(4);
  });

  it('gates an image with 10,000 findings across pages', async () => {
    const findings: FindingFixture[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `CVE-2025-${String(i).padStart(5, '0')}`,
      severity: i < 3 ? 'CRITICAL' : i % 2 ? 'LOW' : 'MEDIUM',
      packageName: `pkg-${i % 97}`,
      packageVersion: '1.0.0',
      cvssScore: i < 3 ? 9.0 : 4.0,
    }));
    sandbox.ecr.pinScanResult(REPO, 'big-1', { findings });
    await push.image(REPO, 'big-1', { content: 'big' });
    const run = await gate({ image: `${REPO}:big-1`, thresholds: 'low: 10', 'sarif-file': 'big.sarif' });
    expect(run.outputs).toMatchObject({ verdict: 'fail', findings: '10000', critical: '3', medium: '4998', low: '4999' });
    expect(run.failure).toMatch(/3 critical \(limit 0\), 4999 low \(limit 10\)$/);
    expect(run.summary).toContain('…and 4902 more');
    expect(run.summary.length).toBeLessThan(60_000);
  });

  it('posts one pull request comment and updates it in place on the next run', async () => {
    const number = sandbox.github.seedPullRequest('acme/shop', 'Add checkout');
    const files = { 'event.json': JSON.stringify({ pull_request: { number } }) };
    const workspaceEnv = (ws: string) => ({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(ws, 'event.json') });
    await push.image(REPO, 'vulnerable-pr', { content: 'pr' });
    const first = makeWorkspace(files);
    const run1 = await runBundle('scan-gate', { workspace: first, inputs: { image: `${REPO}:vulnerable-pr`, 'poll-interval': '1', 'github-token': 'ghs_sandbox' }, env: { ...sandbox.env, ...workspaceEnv(first) } });
    expect(run1.outputs['comment-url']).toMatch(/#issuecomment-\d+$/);
    let comments = sandbox.github.state.comments('acme/shop', number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('<!-- eks-kit:scan-gate eks-kit/demo -->');
    expect(comments[0]?.body).toContain('❌ **Failed**');

    await push.image(REPO, 'clean-2', { content: 'fixed' });
    const second = makeWorkspace(files);
    writeFileSync(path.join(second, 'event.json'), files['event.json']);
    const run2 = await runBundle('scan-gate', { workspace: second, inputs: { image: `${REPO}:clean-2`, 'poll-interval': '1', 'github-token': 'ghs_sandbox' }, env: { ...sandbox.env, ...workspaceEnv(second) } });
    expect(run2.exitCode).toBe(0);
    comments = sandbox.github.state.comments('acme/shop', number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('✅ **Passed**');
    expect(run2.outputs['comment-url']).toBe(run1.outputs['comment-url']);
  });

  it('keeps the verdict when the comment cannot be written, and says what permission it needs', async () => {
    const number = sandbox.github.seedPullRequest('acme/shop', 'Bump base image');
    const workspace = makeWorkspace({ 'event.json': JSON.stringify({ pull_request: { number } }) });
    await push.image(REPO, 'clean-comment', { content: 'comment' });
    sandbox.faults.github.inject({ kind: 'server-error', statusCode: 403, fraction: 1 });
    try {
      const run = await runBundle('scan-gate', {
        workspace,
        inputs: { image: `${REPO}:clean-comment`, 'poll-interval': '1', 'github-token': 'ghs_sandbox' },
        env: { ...sandbox.env, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(workspace, 'event.json') },
      });
      expect(run.exitCode).toBe(0);
      expect(run.outputs.verdict).toBe('pass');
      expect(warnings(run).some((w) => w.startsWith(`Could not comment on pull request #${number}`) && w.includes('pull-requests: write'))).toBe(true);
    } finally {
      sandbox.faults.github.clear();
    }
    expect(sandbox.github.state.comments('acme/shop', number)).toHaveLength(0);
  });
});
