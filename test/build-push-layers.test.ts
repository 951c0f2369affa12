import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { randomBytes } from 'node:crypto';
import { runBundle, type BundleRun } from './harness/run-bundle.js';
import { buildahEnv, busyboxWorkspace, removeFixtures } from './build-push/fixtures.js';

// buildah builds the busybox workspace (FROM scratch, COPY busybox, COPY app.txt) and pushes it to
// the registry behind the ECR emulator; build-push reads both images' manifests and configs back.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 0 });
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  removeFixtures();
});

let sequence = 0;
async function pushMain(repository: string, app: string, event: NodeJS.ProcessEnv = { GITHUB_REF: 'refs/heads/main' }): Promise<BundleRun> {
  sequence += 1;
  const workspace = busyboxWorkspace({ 'app.txt': app });
  return runBundle('build-push', {
    workspace,
    inputs: { repository, 'create-repository': 'true', 'tag-branch': 'true', driver: 'buildah', network: 'none' },
    env: { ...sandbox.env, ...buildahEnv(), DOCKER_HOST: 'unix:///nonexistent.sock', GITHUB_SHA: `${String(sequence).padStart(2, '0')}${'cd'.repeat(19)}`, ...event },
    timeoutMs: 200_000,
  });
}

const PULL_REQUEST = { GITHUB_REF: 'refs/pull/12/merge', GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature/bigger' };

describe('build-push lists the layers and their change against the image main named before', () => {
  it('first push: the layers with their instructions, and says there is nothing to compare; second push: +size at the COPY that grew', async () => {
    const repository = 'team/layers';
    const first = await pushMain(repository, 'hello\n');
    expect(first.failure).toBeUndefined();
    expect(first.summary).toContain('### Layers');
    expect(first.summary).toContain('first push of team/layers:main: no previous image to compare with');
    expect(first.summary).toMatch(/\| 1 \| [\d.]+ (KiB|MiB) \| Dockerfile:2 \(COPY busybox \/bin\/busybox\) \|/);
    expect(first.summary).toMatch(/\| 2 \| [\d.]+ B \| Dockerfile:3 \(COPY app.txt \/app\/app.txt\) \|/);
    expect(Number(first.outputs['size-bytes'])).toBeGreaterThan(0);
    expect(first.outputs['size-delta-bytes']).toBeUndefined();

    // Random bytes do not compress: the layer grows by about this much.
    const second = await pushMain(repository, randomBytes(300 * 1024).toString('base64'));
    expect(second.failure).toBeUndefined();
    expect(second.outputs['previous-digest']).toBe(first.outputs.digest);
    const delta = Number(second.outputs['size-delta-bytes']);
    expect(delta).toBeGreaterThan(300 * 1024);
    expect(delta).toBe(Number(second.outputs['size-bytes']) - Number(first.outputs['size-bytes']));
    expect(second.summary).toMatch(/- \+[34]\d\d\.\d KiB at Dockerfile:3 \(COPY app.txt \/app\/app.txt\)\n/);
    // buildah without a layer cache writes the same files again: the same size, give or take gzip's header.
    expect(second.summary).toMatch(/\| 1 \| [\d.]+ (KiB|MiB) \| Dockerfile:2 \(COPY busybox \/bin\/busybox\) \| (unchanged|changed \([+−]\d+ B\)|changed, same size) \|/);
    expect(second.summary).toContain(`against the previous \`main\` (\`${first.outputs.digest!.slice(0, 19)}…\``);
  });

  it('a pull request’s first push is compared with the image main names, its next push with its own previous one', async () => {
    const repository = 'team/layers-pr';
    const main = await pushMain(repository, 'hello\n');
    expect(main.failure).toBeUndefined();

    const first = await pushMain(repository, randomBytes(200 * 1024).toString('base64'), PULL_REQUEST);
    expect(first.failure).toBeUndefined();
    expect(first.outputs.tags).toMatch(/,pr-12$/);
    expect(first.outputs['previous-digest']).toBe(main.outputs.digest);
    expect(Number(first.outputs['size-delta-bytes'])).toBeGreaterThan(200 * 1024);
    expect(first.summary).toContain(`against the base branch \`main\` (\`${main.outputs.digest!.slice(0, 19)}…\``);

    const next = await pushMain(repository, 'smaller again\n', PULL_REQUEST);
    expect(next.failure).toBeUndefined();
    expect(next.outputs['previous-digest']).toBe(first.outputs.digest);
    expect(Number(next.outputs['size-delta-bytes'])).toBeLessThan(-200 * 1024);
    expect(next.summary).toContain('against the previous `pr-12`');
  });
});
