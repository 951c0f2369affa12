import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness/run-bundle.js';
import { buildahEnv, gitWorkspace } from './build-push/fixtures.js';

// The CLI with buildah (no daemon needed) against the sandbox: the same logic as the action.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 0 });
});

afterAll(async () => {
  await sandbox?.stop();
});

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/index.js'), ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...sandbox.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('eks-kit build-push (dist/cli/index.js)', () => {
  it('builds from the checkout with buildah, tags from git, prints a readable report, and logs out', async () => {
    const { workspace, sha } = gitWorkspace();
    const env = buildahEnv();
    const run = await cli(['build-push', '--repository', 'eks-kit/demo', '--driver', 'buildah', '--tag', 'cli-1', '--no-tag-branch', '.'], workspace, env);
    expect(run.stderr.slice(-2000)).toContain('Driver: buildah');
    expect(run.code).toBe(0);
    const digest = /^Pushed \S+@(sha256:[a-f0-9]{64})$/m.exec(run.stdout)?.[1];
    expect(digest).toBeDefined();
    expect(run.stdout).toContain(`tags:   ${sha.slice(0, 7)}, cli-1`);
    const ecr = new ECRClient({ region: sandbox.region, endpoint: sandbox.endpoints.ecr, maxAttempts: 1, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey } });
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'eks-kit/demo', imageIds: [{ imageTag: 'cli-1' }] }));
    ecr.destroy();
    expect(imageDetails?.[0]?.imageDigest).toBe(digest);
    const auth = JSON.parse(readFileSync(env.REGISTRY_AUTH_FILE ?? '', 'utf8')) as { auths?: Record<string, unknown> };
    expect(auth.auths?.[sandbox.endpoints.registryHost]).toBeUndefined();
    expect(run.stdout + run.stderr).not.toContain(sandbox.registryCredentials.password);
  });

  it('bad input exits 2 with the flag named', async () => {
    const { workspace } = gitWorkspace();
    const run = await cli(['build-push', '--repository', 'eks-kit/demo', '--driver', 'podman'], workspace, {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: --driver: "podman" is not a driver; expected auto, buildx, docker, buildah');
  });
});
