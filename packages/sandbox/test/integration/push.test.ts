import { afterAll, describe, expect, jest, test } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImageScanFindingsCommand, DescribeImagesCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { busyboxContext } from './helpers/busybox-context.js';
import { sdkClients } from './helpers/clients.js';
import { run, runOk } from './helpers/run.js';

// Real image builders against the real registry behind the ECR front end. These need root and the
// Debian packages docker.io, buildah and busybox-static; without them the tests fail, never skip.
jest.setTimeout(180_000);

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function loginFromEcr(sandbox: Sandbox): Promise<{ username: string; password: string; endpoint: string }> {
  const { ecr } = sdkClients(sandbox);
  const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
  ecr.destroy();
  const data = authorizationData![0]!;
  const [username = '', password = ''] = Buffer.from(data.authorizationToken!, 'base64').toString().split(':');
  return { username, password, endpoint: data.proxyEndpoint! };
}

async function describeDigest(sandbox: Sandbox, repositoryName: string, imageTag: string) {
  const { ecr } = sdkClients(sandbox);
  try {
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag }] }));
    return imageDetails![0]!;
  } finally {
    ecr.destroy();
  }
}

describe('pushing real images with the token from GetAuthorizationToken', () => {
  test('docker build + docker login + docker push; DescribeImages reports the pushed digest; scan on push follows the label', async () => {
    const sandbox = await startSandbox({ docker: true, scanDelayMs: 0 });
    cleanups.push(() => sandbox.stop());
    const dockerConfig = await mkdtemp(join(tmpdir(), 'eks-kit-docker-config-'));
    cleanups.push(() => rm(dockerConfig, { recursive: true, force: true }));
    const env = { ...process.env, ...sandbox.env, DOCKER_CONFIG: dockerConfig, DOCKER_BUILDKIT: '0' };
    const login = await loginFromEcr(sandbox);
    // 127.0.0.0/8 is an insecure registry by default, so docker speaks plain http to the loopback front end.
    await runOk('docker', ['login', '--username', login.username, '--password-stdin', login.endpoint], { env, input: login.password });
    const image = `${sandbox.endpoints.registryHost}/eks-kit/demo:docker-1`;
    const context = await busyboxContext({ 'org.eks-kit.sandbox.scan': 'critical' }, { packageDatabase: true });
    cleanups.push(() => rm(context, { recursive: true, force: true }));
    await runOk('docker', ['build', '--network', 'none', '--tag', image, context], { env });
    await runOk('docker', ['push', image], { env });
    const repoDigest = (await runOk('docker', ['inspect', '--format', '{{index .RepoDigests 0}}', image], { env })).stdout.trim();
    const digest = repoDigest.split('@')[1];

    const detail = await describeDigest(sandbox, 'eks-kit/demo', 'docker-1');
    expect(detail.imageDigest).toBe(digest);
    expect(detail.imageManifestMediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(detail.imageSizeInBytes).toBeGreaterThan(500_000); // busybox is about 1 MB compressed

    const { ecr } = sdkClients(sandbox);
    const findings = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'eks-kit/demo', imageId: { imageDigest: digest } }));
    ecr.destroy();
    expect(findings.imageScanStatus?.status).toBe('COMPLETE');
    expect(findings.imageScanFindings?.findingSeverityCounts?.CRITICAL).toBe(1);

    // The repository is IMMUTABLE: pushing another image over the same tag is refused like ECR does.
    const other = await busyboxContext({ changed: 'yes' });
    cleanups.push(() => rm(other, { recursive: true, force: true }));
    await runOk('docker', ['build', '--network', 'none', '--tag', image, other], { env });
    const refused = await run('docker', ['push', image], { env });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/cannot be overwritten because the repository is immutable/);

    // And the image pulls back.
    await runOk('docker', ['rmi', '--force', image], { env });
    await runOk('docker', ['pull', `${sandbox.endpoints.registryHost}/eks-kit/demo@${digest}`], { env });
  });

  test('buildah bud + buildah push --tls-verify=false; DescribeImages reports the digest buildah wrote', async () => {
    const sandbox = await startSandbox({ scanDelayMs: 0 });
    cleanups.push(() => sandbox.stop());
    const storage = await mkdtemp(join(tmpdir(), 'eks-kit-buildah-'));
    cleanups.push(async () => {
      await run('buildah', ['--root', join(storage, 'root'), '--runroot', join(storage, 'run'), '--storage-driver', 'vfs', 'rm', '--all']);
      await rm(storage, { recursive: true, force: true });
    });
    const buildah = ['--root', join(storage, 'root'), '--runroot', join(storage, 'run'), '--storage-driver', 'vfs'];
    const context = await busyboxContext();
    cleanups.push(() => rm(context, { recursive: true, force: true }));
    // A private, empty auth file keeps the user's registry logins out of the test.
    await writeFile(join(storage, 'auth.json'), '{}');
    const env = { ...process.env, REGISTRY_AUTH_FILE: join(storage, 'auth.json') };
    await runOk('buildah', [...buildah, 'bud', '--isolation', 'chroot', '--tag', 'sandbox-buildah:latest', context], { env });
    const login = await loginFromEcr(sandbox);
    const image = `${sandbox.endpoints.registryHost}/eks-kit/demo:buildah-1`;
    const digestFile = join(storage, 'digest');
    await runOk(
      'buildah',
      [...buildah, 'push', '--tls-verify=false', '--creds', `${login.username}:${login.password}`, '--digestfile', digestFile, 'sandbox-buildah:latest', `docker://${image}`],
      { env },
    );
    const digest = (await readFile(digestFile, 'utf8')).trim();
    const detail = await describeDigest(sandbox, 'eks-kit/demo', 'buildah-1');
    expect(detail.imageDigest).toBe(digest);
    // Busybox alone, FROM scratch: nothing ECR's basic scanner can read, as with the real service.
    expect(detail.imageScanStatus).toEqual({ status: 'FAILED', description: 'UnsupportedImageError: The operating system and/or package manager are not supported.' });

    const wrong = await run('buildah', [...buildah, 'push', '--tls-verify=false', '--creds', 'AWS:wrong', 'sandbox-buildah:latest', `docker://${sandbox.endpoints.registryHost}/eks-kit/demo:buildah-2`], { env });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/unauthorized|authentication required/i);
  });
});
