import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  CreateRepositoryCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
} from '@aws-sdk/client-ecr';
import { DescribeClusterCommand, DescribeClusterVersionsCommand, ListInsightsCommand, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { aws, awsJson, normalize } from './helpers/aws-cli.js';
import { sdkClients } from './helpers/clients.js';
import { pushImage } from './helpers/push-image.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 0 });
  clients = sdkClients(sandbox);
});

afterAll(async () => {
  clients.ecr.destroy();
  clients.eks.destroy();
  clients.sts.destroy();
  await sandbox.stop();
});

const sdkOutput = async (promise: Promise<object>) => normalize(await promise);

describe('ECR: the AWS CLI and the SDK get the same answers', () => {
  test('create, describe, push, describe images and scan findings', async () => {
    const ecr = ['--endpoint-url', sandbox.endpoints.ecr, 'ecr'];
    const created = (await awsJson(sandbox, [...ecr, 'create-repository', '--repository-name', 'cli/app', '--image-scanning-configuration', 'scanOnPush=true'])) as {
      repository: { repositoryUri: string };
    };
    expect(created.repository.repositoryUri).toBe(`${sandbox.endpoints.registryHost}/cli/app`);
    expect(await awsJson(sandbox, [...ecr, 'describe-repositories', '--repository-names', 'cli/app'])).toEqual(
      await sdkOutput(clients.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['cli/app'] }))),
    );

    const password = await aws(sandbox, [...ecr, 'get-login-password']);
    expect(password.stdout.trim()).toBe(sandbox.registryCredentials.password);
    const { authorizationData } = await clients.ecr.send(new GetAuthorizationTokenCommand({}));
    await pushImage(sandbox.endpoints.registry, authorizationData![0]!.authorizationToken!, 'cli/app', 'vulnerable-7');

    expect(await awsJson(sandbox, [...ecr, 'describe-images', '--repository-name', 'cli/app'])).toEqual(
      await sdkOutput(clients.ecr.send(new DescribeImagesCommand({ repositoryName: 'cli/app' }))),
    );
    const args = ['describe-image-scan-findings', '--repository-name', 'cli/app', '--image-id', 'imageTag=vulnerable-7'];
    const cliFindings = (await awsJson(sandbox, [...ecr, ...args])) as { imageScanFindings: { findings: unknown[] } };
    expect(cliFindings.imageScanFindings.findings).toHaveLength(5); // the CLI follows nextToken itself
    expect(cliFindings).toEqual(
      await sdkOutput(clients.ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'cli/app', imageId: { imageTag: 'vulnerable-7' } }))),
    );
  });

  test('errors reach the CLI with their real names, and AWS_ENDPOINT_URL_ECR alone is enough', async () => {
    const missing = await aws(sandbox, ['ecr', 'describe-images', '--repository-name', 'nope'], { AWS_ENDPOINT_URL_ECR: sandbox.endpoints.ecr });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('RepositoryNotFoundException');
    expect(missing.stderr).toContain("The repository with name 'nope' does not exist");
    await clients.ecr.send(new CreateRepositoryCommand({ repositoryName: 'cli/env' }));
    const listed = (await awsJson(sandbox, ['ecr', 'describe-repositories', '--repository-names', 'cli/env'], {
      AWS_ENDPOINT_URL_ECR: sandbox.endpoints.ecr,
    })) as { repositories: { repositoryName: string }[] };
    expect(listed.repositories[0]?.repositoryName).toBe('cli/env');
  });
});

describe('EKS and STS: the AWS CLI and the SDK get the same answers', () => {
  test('describe-cluster, list-nodegroups, describe-cluster-versions, list-insights', async () => {
    const eks = ['--endpoint-url', sandbox.endpoints.eks, 'eks'];
    expect(await awsJson(sandbox, [...eks, 'describe-cluster', '--name', 'demo'])).toEqual(
      await sdkOutput(clients.eks.send(new DescribeClusterCommand({ name: 'demo' }))),
    );
    expect(await awsJson(sandbox, [...eks, 'list-nodegroups', '--cluster-name', 'demo'])).toEqual(
      await sdkOutput(clients.eks.send(new ListNodegroupsCommand({ clusterName: 'demo' }))),
    );
    expect(await awsJson(sandbox, [...eks, 'describe-cluster-versions', '--include-all'])).toEqual(
      await sdkOutput(clients.eks.send(new DescribeClusterVersionsCommand({ includeAll: true }))),
    );
    expect(await awsJson(sandbox, [...eks, 'list-insights', '--cluster-name', 'demo', '--filter', 'statuses=WARNING'])).toEqual(
      await sdkOutput(clients.eks.send(new ListInsightsCommand({ clusterName: 'demo', filter: { statuses: ['WARNING'] } }))),
    );
    const missing = await aws(sandbox, [...eks, 'describe-cluster', '--name', 'nope']);
    expect(missing.stderr).toContain('ResourceNotFoundException');
  });

  test('get-caller-identity, and a token from `aws eks get-token` authenticates against the STS emulator', async () => {
    expect(await awsJson(sandbox, ['--endpoint-url', sandbox.endpoints.sts, 'sts', 'get-caller-identity'])).toEqual(
      await sdkOutput(clients.sts.send(new GetCallerIdentityCommand({}))),
    );
    const credential = (await awsJson(sandbox, ['eks', 'get-token', '--cluster-name', 'demo'])) as { status: { token: string } };
    expect(await sandbox.authenticateKubeToken(credential.status.token, 'demo')).toEqual({
      username: sandbox.credentials.user.arn,
      groups: ['system:masters'],
    });
  });
});
