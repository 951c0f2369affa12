import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImageScanFindingsCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  PutRegistryScanningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { sdkClients } from './helpers/clients.js';
import { pushImage } from './helpers/push-image.js';

// Generous: CI runs many suites at once on two cores.

let sandbox: Sandbox;
let ecr: ECRClient;
let token: string;
let clock = Date.now();

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 200, now: () => new Date(clock) });
  ecr = sdkClients(sandbox).ecr;
  token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!.authorizationToken!;
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'contents/app', imageScanningConfiguration: { scanOnPush: true } }));
});

afterAll(async () => {
  ecr.destroy();
  await sandbox.stop();
});

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}

const scanOf = (tag: string) => ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'contents/app', imageId: { imageTag: tag } }));

describe('scanning decides from what is in the image, as ECR does', () => {
  test('basic scanning of a FROM-scratch image ends FAILED with UnsupportedImageError, even when a fixture has findings', async () => {
    sandbox.ecr.pinScanResult('contents/app', 'scratch-1', { findings: [{ id: 'CVE-2025-1', severity: 'CRITICAL', packageName: 'p', packageVersion: '1' }] });
    await pushImage(sandbox.endpoints.registry, token, 'contents/app', 'scratch-1', { rootfs: 'scratch' });
    expect((await scanOf('scratch-1')).imageScanStatus?.status).toBe('IN_PROGRESS');
    clock += 1000;
    const done = await scanOf('scratch-1');
    expect(done.imageScanStatus).toEqual({ status: 'FAILED', description: 'UnsupportedImageError: The operating system and/or package manager are not supported.' });
    expect(done.imageScanFindings).toBeUndefined();
  });

  test('basic scanning of a distroless-like image completes with no findings: nothing was read', async () => {
    sandbox.ecr.pinScanResult('contents/app', 'distroless-1', { findings: [{ id: 'CVE-2025-2', severity: 'CRITICAL', packageName: 'libc6', packageVersion: '2.36-9' }] });
    await pushImage(sandbox.endpoints.registry, token, 'contents/app', 'distroless-1', { rootfs: 'distroless' });
    clock += 1000;
    const done = await scanOf('distroless-1');
    expect(done.imageScanStatus?.status).toBe('COMPLETE');
    expect(done.imageScanFindings?.findings).toEqual([]);
    expect(done.imageScanFindings?.imageScanCompletedAt).toBeInstanceOf(Date);
  });

  test('an image with a package database gets the fixture’s findings', async () => {
    sandbox.ecr.pinScanResult('contents/app', 'debian-1', { findings: [{ id: 'CVE-2025-3', severity: 'HIGH', packageName: 'libc6', packageVersion: '2.36-9' }] });
    await pushImage(sandbox.endpoints.registry, token, 'contents/app', 'debian-1');
    clock += 1000;
    expect((await scanOf('debian-1')).imageScanFindings?.findings?.map((f) => f.name)).toEqual(['CVE-2025-3']);
  });
});

describe('enhanced scanning', () => {
  const enhanced = () =>
    ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'inspected/*', filterType: 'WILDCARD' }] }] }));
  const basic = () => ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [] }));
  const inspected = (tag: string) => ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'inspected/app', imageId: { imageTag: tag } }));

  beforeAll(async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'inspected/app' }));
  });

  test('answers UNSUPPORTED_IMAGE for a FROM-scratch image', async () => {
    await enhanced();
    try {
      await pushImage(sandbox.endpoints.registry, token, 'inspected/app', 'scratch-1', { rootfs: 'scratch' });
      expect((await inspected('scratch-1')).imageScanStatus).toEqual({ status: 'PENDING', description: 'Pending initial scan.' });
      clock += 1000;
      expect((await inspected('scratch-1')).imageScanStatus).toEqual({ status: 'UNSUPPORTED_IMAGE', description: 'The operating system and/or package manager are not supported.' });
    } finally {
      await basic();
    }
  });

  test('reads a distroless image that basic scanning cannot: its findings show', async () => {
    await enhanced();
    try {
      sandbox.ecr.pinScanResult('inspected/app', 'distroless-1', { findings: [{ id: 'CVE-2025-5', severity: 'HIGH', packageName: 'libc6', packageVersion: '2.36-9' }] });
      await pushImage(sandbox.endpoints.registry, token, 'inspected/app', 'distroless-1', { rootfs: 'distroless' });
      clock += 1000;
      const done = await inspected('distroless-1');
      expect(done.imageScanStatus?.status).toBe('ACTIVE');
      expect(done.imageScanFindings?.enhancedFindings?.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId)).toEqual(['CVE-2025-5']);
    } finally {
      await basic();
    }
  });

  test('says ACTIVE before Inspector has reported: no findings, no completion time, until the lag has passed', async () => {
    await enhanced();
    sandbox.ecr.scans.enhancedFindingsLagMs = 5000;
    try {
      sandbox.ecr.pinScanResult('inspected/app', 'late-1', { findings: [{ id: 'CVE-2025-4', severity: 'CRITICAL', packageName: 'openssl', packageVersion: '3.0.1', cvssScore: 9.8 }] });
      await pushImage(sandbox.endpoints.registry, token, 'inspected/app', 'late-1');
      clock += 1000;
      const early = await inspected('late-1');
      expect(early.imageScanStatus?.status).toBe('ACTIVE');
      expect(early.imageScanFindings?.enhancedFindings).toEqual([]);
      expect(early.imageScanFindings?.imageScanCompletedAt).toBeUndefined();
      clock += 5000;
      const late = await inspected('late-1');
      expect(late.imageScanFindings?.imageScanCompletedAt).toBeInstanceOf(Date);
      const finding = late.imageScanFindings?.enhancedFindings?.[0];
      // The service model's CvssScoreDetails: score and scoreSource (baseScore is CvssScore's, in the per-source list).
      expect(finding?.scoreDetails?.cvss).toMatchObject({ score: 9.8, scoreSource: 'NVD' });
      expect(finding?.scoreDetails?.cvss).not.toHaveProperty('baseScore');
      expect(finding?.packageVulnerabilityDetails?.cvss?.[0]).toMatchObject({ baseScore: 9.8, source: 'NVD' });
    } finally {
      sandbox.ecr.scans.enhancedFindingsLagMs = 0;
      await basic();
    }
  });
});

describe('requests ECR refuses', () => {
  test('BatchGetImage with a malformed digest answers a failures entry, not an error', async () => {
    const answer = await ecr.send(new BatchGetImageCommand({ repositoryName: 'contents/app', imageIds: [{ imageDigest: 'sha256:not-hex' }] }));
    expect(answer.images).toEqual([]);
    expect(answer.failures).toEqual([
      { imageId: { imageDigest: 'sha256:not-hex' }, failureCode: 'InvalidImageDigest', failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'" },
    ]);
  });

  test('another account’s registry is refused with AccessDeniedException', async () => {
    const refused = await failure(ecr.send(new BatchGetImageCommand({ registryId: '999988887777', repositoryName: 'contents/app', imageIds: [{ imageTag: 'debian-1' }] })));
    expect(refused.name).toBe('AccessDeniedException');
    expect(refused.message).toMatch(/is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:999988887777:repository\/contents\/app because no resource-based policy allows/);
  });

  test('a request signed for another region is refused as a regional endpoint refuses it', async () => {
    const credentials = { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey };
    for (const region of ['eu-west-1', 'useast1']) {
      const other = new ECRClient({ region, endpoint: sandbox.endpoints.ecr, credentials, maxAttempts: 1 });
      try {
        const refused = await failure(other.send(new GetAuthorizationTokenCommand({})));
        expect(refused).toEqual({ name: 'InvalidSignatureException', message: 'Credential should be scoped to a valid region. ' });
      } finally {
        other.destroy();
      }
    }
  });

  test('CreateRepository enforces the exclusion filter limits', async () => {
    const filters = (n: number) => Array.from({ length: n }, (_, i) => ({ filterType: 'WILDCARD' as const, filter: `moving-${i}*` }));
    const create = (name: string, count: number, mode: 'IMMUTABLE_WITH_EXCLUSION' | 'IMMUTABLE' = 'IMMUTABLE_WITH_EXCLUSION') =>
      ecr.send(new CreateRepositoryCommand({ repositoryName: name, imageTagMutability: mode, imageTagMutabilityExclusionFilters: filters(count) }));
    await create('limits/five', 5);
    expect((await failure(create('limits/six', 6))).message).toMatch(/imageTagMutabilityExclusionFilters.*less than or equal to 5/);
    expect((await failure(create('limits/plain', 1, 'IMMUTABLE'))).message).toMatch(/can only be used with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION/);
    const badPattern = ecr.send(new CreateRepositoryCommand({ repositoryName: 'limits/pattern', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'a/b' }] }));
    expect((await failure(badPattern)).name).toBe('InvalidParameterException');
  });
});
