import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { sdkClients } from './helpers/clients.js';
import { pushImage } from './helpers/push-image.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.stop();
});

describe('faults on demand', () => {
  test('ECR throttling: one attempt sees ThrottlingException, the SDK retry policy gets through', async () => {
    sandbox.faults.ecr.inject({ kind: 'throttle', match: ['ecr:DescribeRepositories'], count: 2 });
    const once = sdkClients(sandbox).ecr;
    await expect(once.send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    const retrying = sdkClients(sandbox, sandbox.credentials.user, 3).ecr;
    const answer = await retrying.send(new DescribeRepositoriesCommand({}));
    expect(answer.$metadata.attempts).toBe(2);
    expect(sandbox.faults.ecr.fired).toEqual([
      { operation: 'ecr:DescribeRepositories', kind: 'throttle' },
      { operation: 'ecr:DescribeRepositories', kind: 'throttle' },
    ]);
    once.destroy();
    retrying.destroy();
  });

  test('EKS 5xx and STS throttling answer in each protocol’s own error format', async () => {
    const { eks, sts } = sdkClients(sandbox);
    sandbox.faults.eks.inject({ kind: 'server-error' });
    await expect(eks.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'ServerException', $metadata: { httpStatusCode: 500 } });
    sandbox.faults.eks.inject({ kind: 'throttle', retryAfterSeconds: 1 });
    await expect(eks.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    sandbox.faults.sts.inject({ kind: 'throttle' });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    expect((await eks.send(new ListClustersCommand({}))).clusters).toContain('demo');
    eks.destroy();
    sts.destroy();
  });

  test('slow answers trip client timeouts; connection resets reach the client as network errors', async () => {
    const credentials = { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey };
    const impatient = new ECRClient({
      region: sandbox.region,
      endpoint: sandbox.endpoints.ecr,
      credentials,
      maxAttempts: 1,
      // This SDK version only warns on a request timeout unless told to throw.
      requestHandler: { requestTimeout: 500, throwOnRequestTimeout: true },
    });
    sandbox.faults.ecr.inject({ kind: 'slow', delayMs: 5000 });
    await expect(impatient.send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
    sandbox.faults.ecr.inject({ kind: 'reset' });
    await expect(impatient.send(new DescribeRepositoriesCommand({}))).rejects.toThrow(/socket hang up|ECONNRESET/);
    impatient.destroy();

    const { ecr } = sdkClients(sandbox);
    sandbox.faults.ecr.inject({ kind: 'slow', delayMs: 300 });
    const began = Date.now();
    await expect(ecr.send(new DescribeRepositoriesCommand({}))).resolves.toBeDefined();
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    ecr.destroy();
  });

  test('a fraction of calls fails until the plan is cleared', async () => {
    const { ecr } = sdkClients(sandbox);
    sandbox.faults.ecr.inject({ kind: 'server-error', fraction: 1 });
    for (let i = 0; i < 3; i += 1) {
      await expect(ecr.send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({ name: 'ServerException' });
    }
    sandbox.faults.ecr.clear();
    await expect(ecr.send(new DescribeRepositoriesCommand({}))).resolves.toBeDefined();
    ecr.destroy();
  });

  test('the registry front end and the GitHub API fail on demand too', async () => {
    const token = Buffer.from(`AWS:${sandbox.registryCredentials.password}`).toString('base64');
    sandbox.faults.registry.inject({ kind: 'server-error', match: ['registry:PUT manifests'] });
    await expect(pushImage(sandbox.endpoints.registry, token, 'eks-kit/demo', 'flaky')).rejects.toMatchObject({ status: 503 });
    await expect(pushImage(sandbox.endpoints.registry, token, 'eks-kit/demo', 'flaky')).resolves.toBeDefined();

    sandbox.faults.github.inject({ kind: 'throttle', match: ['github:issues/create'] });
    const limited = await fetch(`${sandbox.endpoints.github}/repos/o/r/issues`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(((await limited.json()) as { message: string }).message).toMatch(/rate limit/);
    sandbox.faults.github.inject({ kind: 'server-error' });
    const broken = await fetch(`${sandbox.endpoints.github}/repos/o/r/issues`, { headers: { authorization: 'token t' } });
    expect(broken.status).toBe(502);
    await broken.arrayBuffer();
  });
});
