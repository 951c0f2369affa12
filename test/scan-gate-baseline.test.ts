import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import path from 'node:path';
import { runBundle, type BundleRun } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';
import { RegistryPusher } from './scan-gate/push-image.js';

// The CVE delta against the sandbox's scenario: `vulnerable-*` images carry five CVEs, `upgraded-*`
// the same week later (openssl's CVE fixed, a new libxml2 one), as the default scenario says.
let sandbox: Sandbox;
let ecr: ECRClient;
let push: RegistryPusher;

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 300 });
  ecr = new ECRClient({ region: sandbox.region, endpoint: sandbox.endpoints.ecr, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey }, maxAttempts: 1 });
  const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
  push = new RegistryPusher(sandbox.endpoints.registry, auth.authorizationData![0]!.authorizationToken!);
}, 60_000);

afterAll(async () => {
  ecr?.destroy();
  await sandbox?.stop();
});


async function repository(name: string): Promise<string> {
  await ecr.send(new CreateRepositoryCommand({ repositoryName: name, imageScanningConfiguration: { scanOnPush: true } }));
  return name;
}

/** The base branch's image: what build-push pushes on main, tagged `main`, with the scenario's `critical` findings. */
async function pushBase(repo: string, fixture = 'critical'): Promise<string> {
  sandbox.ecr.pinScanResult(repo, 'main', sandbox.ecr.scans.fixture(fixture));
  return (await push.image(repo, 'main', { content: `base of ${repo}` })).digest;
}

/** One scan-gate run on pull request `number` into main. */
async function gateOnPullRequest(number: number, inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<BundleRun> {
  const workspace = makeWorkspace({ 'event.json': JSON.stringify({ pull_request: { number } }) });
  return runBundle('scan-gate', {
    workspace,
    inputs: { 'poll-interval': '1', timeout: '60', 'github-token': 'ghs_sandbox', ...inputs },
    env: { ...sandbox.env, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(workspace, 'event.json'), GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature/x', ...env },
  });
}

describe('scan-gate compares findings with the base branch image (dist/scan-gate/index.js)', () => {
  it('replaces an earlier run’s “no baseline” comment with the new and fixed findings once main has an image', async () => {
    const repo = await repository('delta/pr');
    const number = sandbox.github.seedPullRequest('acme/shop', 'Upgrade openssl, add XML import');
    await push.image(repo, 'upgraded-1', { content: 'pr head 1' });

    // First week: the pull request was opened before main ever pushed an image.
    const early = await gateOnPullRequest(number, { image: `${repo}:upgraded-1`, 'fail-on': 'new' });
    expect(early.exitCode).toBe(1);
    expect(early.outputs.verdict).toBe('fail');
    expect(early.failure).toMatch(/: no baseline to find new findings against \(delta\/pr:main does not exist \(nothing was pushed under it yet\)\); failing closed rather than calling every finding old$/);
    expect(early.summary).toContain("⚠️ No baseline: `delta/pr:main` (the base branch's image):");
    expect(early.outputs['new-findings']).toBeUndefined();
    expect(sandbox.github.state.comments('acme/shop', number)).toHaveLength(1);

    // Then main is built and pushed, and the pull request gets a new commit.
    const baseDigest = await pushBase(repo);
    await push.image(repo, 'upgraded-2', { content: 'pr head 2' });
    const run = await gateOnPullRequest(number, { image: `${repo}:upgraded-2`, 'fail-on': 'new' });
    expect(run.failure).toBe(`Policy: ${repo}@${run.outputs.digest}: 1 high (limit 0) among the new findings`);
    expect(run.outputs).toMatchObject({ verdict: 'fail', 'new-findings': '1', 'fixed-findings': '1', 'baseline-digest': baseDigest, high: '1', critical: '0' });
    expect(run.summary).toContain(`Baseline \`main\` (the base branch's image) \`${repo}@${baseDigest}\`: **1 new**, **1 fixed**, 4 unchanged.`);
    expect(run.summary).toMatch(/\*\*New\*\*\n\n[^]*CVE-2025-0101[^]*libxml2/);
    expect(run.summary).toMatch(/\*\*Fixed\*\*\n\n[^]*CVE-2024-0001[^]*openssl/);

    const comments = sandbox.github.state.comments('acme/shop', number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('**1 new**, **1 fixed**');
    expect(comments[0]?.body).not.toContain('No baseline');
    expect(run.outputs['comment-url']).toBe(early.outputs['comment-url']);
  });

  it('passes fail-on new when the pull request adds nothing the base branch does not already have', async () => {
    const repo = await repository('delta/same');
    await pushBase(repo);
    await push.image(repo, 'vulnerable-pr', { content: 'same CVEs, other digest' });
    const run = await gateOnPullRequest(sandbox.github.seedPullRequest('acme/shop', 'Docs only'), { image: `${repo}:vulnerable-pr`, 'fail-on': 'new' });
    expect(run.failure).toBeUndefined();
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'new-findings': '0', 'fixed-findings': '0', findings: '5', critical: '0', counted: '0' });
    expect(run.summary).toContain('**0 new**, **0 fixed**, 5 unchanged.');
    expect(run.summary).toContain('✅ **Passed**: 0 new findings of 5');

    // The default fail-on still judges every finding; the comparison is only reported.
    const strict = await gateOnPullRequest(sandbox.github.seedPullRequest('acme/shop', 'Docs again'), { image: `${repo}:vulnerable-pr` });
    expect(strict.exitCode).toBe(1);
    expect(strict.failure).toMatch(/1 critical \(limit 0\), 1 high \(limit 0\)$/);
    expect(strict.outputs['new-findings']).toBe('0');
  });

  it('says plainly when the baseline has no finished scan, and judges every finding when told to', async () => {
    const repo = 'delta/unscanned';
    await ecr.send(new CreateRepositoryCommand({ repositoryName: repo }));
    const base = await push.image(repo, 'main', { content: 'never scanned' });
    sandbox.ecr.pinScanResult(repo, 'upgraded-1', sandbox.ecr.scans.fixture('upgraded'));
    await push.image(repo, 'upgraded-1', { content: 'pr head' });
    const number = sandbox.github.seedPullRequest('acme/shop', 'Unscanned base');

    const closed = await gateOnPullRequest(number, { image: `${repo}:upgraded-1`, 'fail-on': 'new' });
    expect(closed.outputs.verdict).toBe('fail');
    expect(closed.failure).toContain(`no baseline to find new findings against (${repo}@${base.digest} has no scan)`);
    expect(closed.summary).toContain(`⚠️ No baseline: \`${repo}:main\` (the base branch's image): ${repo}@${base.digest} has no scan. New and fixed findings are not known.`);
    expect(closed.commands.some((c) => c.command === 'warning' && c.message === `No baseline to compare with: ${repo}@${base.digest} has no scan`)).toBe(true);

    const all = await gateOnPullRequest(number, { image: `${repo}:upgraded-1`, 'fail-on': 'new:critical', 'baseline-missing': 'all' });
    expect(all.failure).toBeUndefined();
    expect(all.outputs.verdict).toBe('pass');
    expect(all.summary).toContain('no baseline, so every finding was judged');
  });

  it('compares with a baseline given by digest outside a pull request, and refuses one that is neither tag nor digest', async () => {
    const repo = await repository('delta/pinned');
    const baseDigest = await pushBase(repo);
    await push.image(repo, 'upgraded-9', { content: 'release candidate' });
    const workspace = makeWorkspace({});
    const run = await runBundle('scan-gate', { workspace, inputs: { image: `${repo}:upgraded-9`, baseline: baseDigest, 'fail-on': 'none', 'poll-interval': '1', 'pr-comment': 'false' }, env: sandbox.env });
    expect(run.failure).toBeUndefined();
    expect(run.outputs).toMatchObject({ 'new-findings': '1', 'fixed-findings': '1', 'baseline-digest': baseDigest });

    const bad = await runBundle('scan-gate', { workspace, inputs: { image: `${repo}:upgraded-9`, baseline: 'other/repo:main', 'pr-comment': 'false' }, env: { ...sandbox.env, AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9' } });
    expect(bad.failure).toBe('baseline: "other/repo:main" is neither a tag nor a digest (sha256:<64 hex>) in delta/pinned, nor none');
  });
});
