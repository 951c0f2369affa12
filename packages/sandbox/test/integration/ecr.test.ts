import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  PutImageCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  PutRegistryScanningConfigurationCommand,
  StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import type { ECRClient } from '@aws-sdk/client-ecr';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { sdkClients } from './helpers/clients.js';
import { pushImage, pushIndex, RegistryPushError } from './helpers/push-image.js';

// Generous: CI runs many suites at once on two cores.

let sandbox: Sandbox;
let ecr: ECRClient;
let token: string;
let clock = Date.now();

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 200, now: () => new Date(clock) });
  ecr = sdkClients(sandbox).ecr;
  const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
  token = auth.authorizationData![0]!.authorizationToken!;
});

afterAll(async () => {
  ecr.destroy();
  await sandbox.stop();
});

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  throw new Error('expected the call to fail');
}

describe('repositories', () => {
  test('CreateRepository answers what real clients expect, with a loopback repositoryUri', async () => {
    const { repository } = await ecr.send(
      new CreateRepositoryCommand({ repositoryName: 'team/api', imageScanningConfiguration: { scanOnPush: false } }),
    );
    expect(repository).toMatchObject({
      repositoryName: 'team/api',
      registryId: sandbox.account,
      repositoryArn: `arn:aws:ecr:${sandbox.region}:${sandbox.account}:repository/team/api`,
      repositoryUri: `${sandbox.endpoints.registryHost}/team/api`,
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: 'AES256' },
    });
    expect(repository?.createdAt).toBeInstanceOf(Date);
    expect(await errorName(ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/api' })))).toBe(
      'RepositoryAlreadyExistsException',
    );
    expect(await errorName(ecr.send(new CreateRepositoryCommand({ repositoryName: 'Bad_Name' })))).toBe('InvalidParameterException');
  });

  test('DescribeRepositories pages with nextToken and names missing repositories', async () => {
    for (const name of ['page/a', 'page/b', 'page/c']) await ecr.send(new CreateRepositoryCommand({ repositoryName: name }));
    const first = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 2 }));
    expect(first.repositories).toHaveLength(2);
    expect(first.nextToken).toBeDefined();
    const rest = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 100, nextToken: first.nextToken }));
    const names = [...first.repositories!, ...rest.repositories!].map((r) => r.repositoryName);
    expect(names).toEqual(expect.arrayContaining(['page/a', 'page/b', 'page/c', 'eks-kit/demo']));
    expect(rest.nextToken).toBeUndefined();
    expect(await errorName(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })))).toBe(
      'RepositoryNotFoundException',
    );
  });

  test('lifecycle policy, scanning configuration and tag mutability are stored and read back', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'settings/app' }));
    const policy = JSON.stringify({
      rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }, action: { type: 'expire' } }],
    });
    await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'settings/app', lifecyclePolicyText: policy }));
    expect((await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'settings/app' }))).lifecyclePolicyText).toBe(policy);
    expect(
      await errorName(ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'settings/app', lifecyclePolicyText: '{"rules":[]}' }))),
    ).toBe('ValidationException');
    await ecr.send(new PutImageScanningConfigurationCommand({ repositoryName: 'settings/app', imageScanningConfiguration: { scanOnPush: true } }));
    const mutability = await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'settings/app', imageTagMutability: 'IMMUTABLE' }));
    expect(mutability.imageTagMutability).toBe('IMMUTABLE');
    const [repository] = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['settings/app'] }))).repositories!;
    expect(repository).toMatchObject({ imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } });
    expect(await errorName(ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'missing', imageTagMutability: 'MUTABLE' })))).toBe(
      'RepositoryNotFoundException',
    );
  });
});

describe('tag immutability with exclusion filters, as ECR evaluates them', () => {
  test('excluded tags move, the rest stay put; the filter list has the service model limits', async () => {
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'moving/app',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: ['main', 'pr-*', 'buildcache'].map((filter) => ({ filterType: 'WILDCARD', filter })),
      }),
    );
    for (const content of ['first build', 'second build']) {
      await pushImage(sandbox.endpoints.registry, token, 'moving/app', 'main', { content });
      await pushImage(sandbox.endpoints.registry, token, 'moving/app', 'pr-17', { content });
    }
    await pushImage(sandbox.endpoints.registry, token, 'moving/app', '1.4.2', { content: 'first build' });
    const refused = await pushImage(sandbox.endpoints.registry, token, 'moving/app', '1.4.2', { content: 'second build' }).catch((e: unknown) => e);
    expect((refused as RegistryPushError).body).toContain('TAG_INVALID');
    // "main" is excluded, "mainline" is not: a filter without * matches the whole tag only.
    await pushImage(sandbox.endpoints.registry, token, 'moving/app', 'mainline', { content: 'first build' });
    const mainline = await pushImage(sandbox.endpoints.registry, token, 'moving/app', 'mainline', { content: 'second build' }).catch((e: unknown) => e);
    expect(mainline).toBeInstanceOf(RegistryPushError);

    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((filter) => ({ filterType: 'WILDCARD' as const, filter }));
    expect(await errorName(ecr.send(new CreateRepositoryCommand({ repositoryName: 'moving/six', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: six })))).toBe(
      'InvalidParameterException',
    );
    expect(await errorName(ecr.send(new CreateRepositoryCommand({ repositoryName: 'moving/none', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' })))).toBe('InvalidParameterException');
    expect(
      await errorName(
        ecr.send(new CreateRepositoryCommand({ repositoryName: 'moving/slash', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'feature/*' }] })),
      ),
    ).toBe('InvalidParameterException');
    expect(await errorName(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['moving/six'] })))).toBe('RepositoryNotFoundException');
  });
});

describe('authorization and images', () => {
  test('GetAuthorizationToken decodes to AWS:<password> with an expiry and the registry front end', async () => {
    const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
    const data = authorizationData![0]!;
    expect(Buffer.from(data.authorizationToken!, 'base64').toString()).toBe(`AWS:${sandbox.registryCredentials.password}`);
    expect(data.proxyEndpoint).toBe(sandbox.endpoints.registry);
    expect(data.expiresAt!.getTime()).toBeGreaterThan(clock + 11 * 3600 * 1000);
  });

  test('the registry refuses pushes to repositories that do not exist, as ECR does', async () => {
    const refused = await pushImage(sandbox.endpoints.registry, token, 'not/created', 'v1').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 404 });
    expect((refused as RegistryPushError).body).toContain(
      `"code":"NAME_UNKNOWN","message":"The repository with name 'not/created' does not exist in the registry with id '${sandbox.account}'"`,
    );
  });

  test('DescribeImages reports what is in the registry: digest, tags, size, push time, media type', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'images/app' }));
    const before = clock;
    const pushed = await pushImage(sandbox.endpoints.registry, token, 'images/app', 'v1');
    await pushImage(sandbox.endpoints.registry, token, 'images/app', 'v1', { content: 'second build' }); // tag moves
    const again = await pushImage(sandbox.endpoints.registry, token, 'images/app', 'latest', { content: 'second build' });
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'images/app' }));
    expect(imageDetails).toHaveLength(2);
    const first = imageDetails!.find((d) => d.imageDigest === pushed.digest)!;
    expect(first.imageTags).toBeUndefined();
    expect(first.imageSizeInBytes).toBe(pushed.layerSizes[0]);
    expect(first.imageManifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(first.artifactMediaType).toBe('application/vnd.oci.image.config.v1+json');
    expect(first.imagePushedAt!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const second = imageDetails!.find((d) => d.imageDigest === again.digest)!;
    expect(second.imageTags).toEqual(['latest', 'v1']);

    const tagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'images/app', filter: { tagStatus: 'TAGGED' } }));
    expect(tagged.imageDetails!.map((d) => d.imageDigest)).toEqual([again.digest]);
    const byTag = await ecr.send(new DescribeImagesCommand({ repositoryName: 'images/app', imageIds: [{ imageTag: 'v1' }] }));
    expect(byTag.imageDetails![0]!.imageDigest).toBe(again.digest);
    expect(await errorName(ecr.send(new DescribeImagesCommand({ repositoryName: 'images/app', imageIds: [{ imageTag: 'v9' }] })))).toBe(
      'ImageNotFoundException',
    );
    const pulled = await fetch(`${sandbox.endpoints.registry}/v2/images/app/manifests/latest`, {
      headers: { authorization: `Basic ${token}`, accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    await pulled.arrayBuffer();
    const [afterPull] = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'images/app', imageIds: [{ imageTag: 'latest' }] }))).imageDetails!;
    expect(afterPull?.lastRecordedPullTime).toBeInstanceOf(Date);
    const paged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'images/app', maxResults: 1 }));
    expect(paged.imageDetails).toHaveLength(1);
    expect(paged.nextToken).toBeDefined();
  });

  test('an image index is one image with the index media type; its children show as untagged images', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'multi/app', imageScanningConfiguration: { scanOnPush: true } }));
    const amd64 = await pushImage(sandbox.endpoints.registry, token, 'multi/app', '', { content: 'amd64', byDigest: true });
    const arm64 = await pushImage(sandbox.endpoints.registry, token, 'multi/app', '', { content: 'arm64', byDigest: true });
    const index = await pushIndex(sandbox.endpoints.registry, token, 'multi/app', 'v1', [amd64, arm64]);
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'multi/app' }));
    const byDigest = new Map(imageDetails!.map((d) => [d.imageDigest, d]));
    expect(byDigest.get(index.digest)).toMatchObject({
      imageTags: ['v1'],
      imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
      imageSizeInBytes: amd64.layerSizes[0]! + arm64.layerSizes[0]!,
    });
    expect(byDigest.get(amd64.digest)?.imageTags).toBeUndefined();
    expect(byDigest.get(arm64.digest)?.imageManifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    // Scan on push scans the images, not the index.
    expect(byDigest.get(amd64.digest)?.imageScanStatus?.status).toBe('IN_PROGRESS');
    expect(byDigest.get(index.digest)?.imageScanStatus).toBeUndefined();
    const untagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'multi/app', filter: { tagStatus: 'UNTAGGED' } }));
    expect(untagged.imageDetails).toHaveLength(2);
  });

  test('DeleteRepository refuses a repository with images unless forced, and really deletes them', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'doomed/app' }));
    await pushImage(sandbox.endpoints.registry, token, 'doomed/app', 'v1');
    expect(await errorName(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'doomed/app' })))).toBe('RepositoryNotEmptyException');
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'doomed/app', force: true }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'doomed/app' }));
    expect((await ecr.send(new DescribeImagesCommand({ repositoryName: 'doomed/app' }))).imageDetails).toEqual([]);
  });

  test('BatchGetImage and PutImage retag through the registry; immutable tags are refused', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'retag/app', imageTagMutability: 'IMMUTABLE' }));
    const pushed = await pushImage(sandbox.endpoints.registry, token, 'retag/app', 'v1');
    const { images, failures } = await ecr.send(
      new BatchGetImageCommand({ repositoryName: 'retag/app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }] }),
    );
    expect(images![0]!.imageId!.imageDigest).toBe(pushed.digest);
    expect(images![0]!.imageManifest).toBe(pushed.manifest);
    expect(failures).toEqual([{ imageId: { imageTag: 'nope' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]);

    const put = await ecr.send(
      new PutImageCommand({ repositoryName: 'retag/app', imageManifest: images![0]!.imageManifest!, imageTag: 'production' }),
    );
    expect(put.image?.imageId).toEqual({ imageDigest: pushed.digest, imageTag: 'production' });
    expect(
      await errorName(ecr.send(new PutImageCommand({ repositoryName: 'retag/app', imageManifest: pushed.manifest, imageTag: 'v1' }))),
    ).toBe('ImageTagAlreadyExistsException');
    expect(
      await errorName(
        ecr.send(new PutImageCommand({ repositoryName: 'retag/app', imageManifest: pushed.manifest, imageTag: 'x', imageDigest: 'sha256:' + '0'.repeat(64) })),
      ),
    ).toBe('ImageDigestDoesNotMatchException');
    // A docker push over an existing immutable tag fails like ECR's: 400 TAG_INVALID.
    const refused = await pushImage(sandbox.endpoints.registry, token, 'retag/app', 'v1', { content: 'other' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegistryPushError);
    expect((refused as RegistryPushError).status).toBe(400);
    expect((refused as RegistryPushError).body).toContain('TAG_INVALID');
  });
});

describe('scanning', () => {
  test('scan on push runs IN_PROGRESS then COMPLETE with the fixture a tag rule chooses, paged', async () => {
    const pushed = await pushImage(sandbox.endpoints.registry, token, 'eks-kit/demo', 'vulnerable-1');
    const imageId = { imageTag: 'vulnerable-1' };
    const running = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'eks-kit/demo', imageId }));
    expect(running.imageScanStatus?.status).toBe('IN_PROGRESS');
    expect(running.imageScanFindings).toBeUndefined();
    clock += 1000;
    const page1 = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'eks-kit/demo', imageId, maxResults: 2 }));
    expect(page1.imageScanStatus?.status).toBe('COMPLETE');
    expect(page1.imageId?.imageDigest).toBe(pushed.digest);
    expect(page1.imageScanFindings?.findingSeverityCounts).toEqual({ CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1, INFORMATIONAL: 1 });
    expect(page1.imageScanFindings?.findings).toHaveLength(2);
    expect(page1.imageScanFindings?.findings?.[0]).toMatchObject({
      name: 'CVE-2024-0001',
      severity: 'CRITICAL',
      attributes: expect.arrayContaining([{ key: 'package_name', value: 'openssl' }]),
    });
    const names = [...page1.imageScanFindings!.findings!];
    let nextToken = page1.nextToken;
    while (nextToken) {
      const page = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'eks-kit/demo', imageId, maxResults: 2, nextToken }));
      names.push(...page.imageScanFindings!.findings!);
      nextToken = page.nextToken;
    }
    expect(names.map((f) => f.name)).toEqual(['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003', 'CVE-2024-0004', 'CVE-2024-0005']);
    const [detail] = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'eks-kit/demo', imageIds: [imageId] }))).imageDetails!;
    expect(detail?.imageScanStatus?.status).toBe('COMPLETE');
    expect(detail?.imageScanFindingsSummary?.findingSeverityCounts?.CRITICAL).toBe(1);
  });

  test('an image label picks the fixture; FAILED and other statuses carry no findings', async () => {
    await pushImage(sandbox.endpoints.registry, token, 'eks-kit/demo', 'labelled', { labels: { 'org.eks-kit.sandbox.scan': 'failed' } });
    clock += 1000;
    const result = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'eks-kit/demo', imageId: { imageTag: 'labelled' } }));
    expect(result.imageScanStatus).toEqual({ status: 'FAILED', description: 'Scan failed: the image layers could not be read.' });
    expect(result.imageScanFindings).toBeUndefined();
  });

  test('StartImageScan runs once per image per 24 hours; no scan is ScanNotFoundException', async () => {
    await pushImage(sandbox.endpoints.registry, token, 'images/app', 'manual');
    const imageId = { imageTag: 'manual' };
    expect(await errorName(ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'images/app', imageId })))).toBe(
      'ScanNotFoundException',
    );
    sandbox.ecr.pinScanResult('images/app', 'manual', { status: 'UNSUPPORTED_IMAGE' });
    const started = await ecr.send(new StartImageScanCommand({ repositoryName: 'images/app', imageId }));
    expect(started.imageScanStatus?.status).toBe('IN_PROGRESS');
    expect(await errorName(ecr.send(new StartImageScanCommand({ repositoryName: 'images/app', imageId })))).toBe('LimitExceededException');
    clock += 1000;
    const done = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'images/app', imageId }));
    expect(done.imageScanStatus?.status).toBe('UNSUPPORTED_IMAGE');
    clock += 24 * 3600 * 1000;
    await ecr.send(new StartImageScanCommand({ repositoryName: 'images/app', imageId }));
    expect(await errorName(ecr.send(new StartImageScanCommand({ repositoryName: 'images/app', imageId: { imageTag: 'none' } })))).toBe(
      'ImageNotFoundException',
    );
  });

  test.each(['COMPLETE', 'FAILED', 'UNSUPPORTED_IMAGE', 'FINDINGS_UNAVAILABLE', 'SCAN_ELIGIBILITY_EXPIRED', 'LIMIT_EXCEEDED'] as const)(
    'a scan can end %s; only COMPLETE carries findings',
    async (status) => {
      const tag = `status-${status.toLowerCase()}`;
      sandbox.ecr.pinScanResult('eks-kit/demo', tag, { status, findings: [{ id: 'CVE-2025-1', severity: 'HIGH', packageName: 'p', packageVersion: '1' }] });
      await pushImage(sandbox.endpoints.registry, token, 'eks-kit/demo', tag, { content: tag });
      clock += 1000;
      const result = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'eks-kit/demo', imageId: { imageTag: tag } }));
      expect(result.imageScanStatus?.status).toBe(status);
      expect(result.imageScanStatus?.description).toBeTruthy();
      expect(result.imageScanFindings?.findingSeverityCounts).toEqual(status === 'COMPLETE' ? { HIGH: 1 } : undefined);
    },
  );

  test('enhanced scanning answers PENDING then ACTIVE with enhancedFindings', async () => {
    await ecr.send(
      new PutRegistryScanningConfigurationCommand({
        scanType: 'ENHANCED',
        rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'enhanced/*', filterType: 'WILDCARD' }] }],
      }),
    );
    try {
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'enhanced/app' }));
      const pushed = await pushImage(sandbox.endpoints.registry, token, 'enhanced/app', 'vulnerable-2');
      const imageId = { imageTag: 'vulnerable-2' };
      const pending = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'enhanced/app', imageId }));
      expect(pending.imageScanStatus?.status).toBe('PENDING');
      clock += 1000;
      const active = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'enhanced/app', imageId }));
      expect(active.imageScanStatus?.status).toBe('ACTIVE');
      expect(active.imageScanFindings?.findings).toBeUndefined();
      const finding = active.imageScanFindings?.enhancedFindings?.[0];
      expect(finding).toMatchObject({
        severity: 'CRITICAL',
        type: 'PACKAGE_VULNERABILITY',
        status: 'ACTIVE',
        fixAvailable: 'YES',
        packageVulnerabilityDetails: { vulnerabilityId: 'CVE-2024-0001', vulnerablePackages: [{ name: 'openssl', fixedInVersion: '3.0.13' }] },
        resources: [{ type: 'AWS_ECR_CONTAINER_IMAGE', details: { awsEcrContainerImage: { imageHash: pushed.digest } } }],
      });
      expect(finding?.firstObservedAt).toBeInstanceOf(Date);
    } finally {
      await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [] }));
    }
  });
});
