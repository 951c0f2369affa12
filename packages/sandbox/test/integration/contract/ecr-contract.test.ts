import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type {
  ECRClient} from '@aws-sdk/client-ecr';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  PutRegistryScanningConfigurationCommand,
  StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import { startSandbox } from '../../../src/index.js';
import type { Sandbox } from '../../../src/index.js';
import { sdkClients } from '../helpers/clients.js';
import { pushImage } from '../helpers/push-image.js';
import { recordAnswers, settle, type Answer } from './record-answers.js';
import { errorDeclared, loadServiceModel, outputProblems, type ServiceModel } from './service-model.js';


let sandbox: Sandbox;
let ecr: ECRClient;
let model: ServiceModel;
const answers: Answer[] = [];
let clock = Date.now();

beforeAll(async () => {
  model = loadServiceModel('ecr');
  sandbox = await startSandbox({ scanDelayMs: 200, now: () => new Date(clock) });
  ecr = sdkClients(sandbox).ecr;
  recordAnswers(ecr, answers);
});

afterAll(async () => {
  ecr?.destroy();
  await sandbox?.stop();
});

describe('the sandbox ECR answers as botocore’s ECR service model says', () => {
  test('every answer of the operations the actions use, and every error, matches the model', async () => {
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!.authorizationToken!;
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'contract/app', imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'main' }] }));
    await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['contract/app'] }));
    await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'contract/app', lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } }] }) }));
    await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'contract/app', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'main' }] }));
    for (const [tag, rootfs] of [['v1', 'debian'], ['scratch', 'scratch'], ['distroless', 'distroless']] as const) {
      await pushImage(sandbox.endpoints.registry, token, 'contract/app', tag, { rootfs, content: tag });
    }
    await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'contract/app', imageId: { imageTag: 'v1' } }));
    clock += 1000;
    for (const tag of ['v1', 'scratch', 'distroless']) await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'contract/app', imageId: { imageTag: tag } }));
    await ecr.send(new DescribeImagesCommand({ repositoryName: 'contract/app' }));
    await ecr.send(new BatchGetImageCommand({ repositoryName: 'contract/app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }, { imageDigest: 'sha256:zz' }] }));

    // Enhanced scanning: PENDING, ACTIVE before Inspector has reported, then Inspector's findings.
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'inspected/*', filterType: 'WILDCARD' }] }] }));
    sandbox.ecr.scans.enhancedFindingsLagMs = 1000;
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'inspected/app' }));
    await pushImage(sandbox.endpoints.registry, token, 'inspected/app', 'vulnerable-1');
    await pushImage(sandbox.endpoints.registry, token, 'inspected/app', 'scratch', { rootfs: 'scratch' });
    const enhanced = (tag: string) => ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'inspected/app', imageId: { imageTag: tag } }));
    await enhanced('vulnerable-1');
    clock += 500;
    await enhanced('vulnerable-1');
    clock += 1000;
    await enhanced('vulnerable-1');
    await enhanced('scratch');
    await settle(ecr.send(new StartImageScanCommand({ repositoryName: 'inspected/app', imageId: { imageTag: 'vulnerable-1' } })));
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [] }));

    // Errors.
    await settle(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['contract/none'] })));
    await settle(ecr.send(new CreateRepositoryCommand({ repositoryName: 'contract/app' })));
    await settle(ecr.send(new StartImageScanCommand({ repositoryName: 'contract/app', imageId: { imageTag: 'v1' } })));
    await settle(ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'contract/app', imageId: { imageTag: 'missing' } })));
    await settle(ecr.send(new BatchGetImageCommand({ registryId: '999988887777', repositoryName: 'contract/app', imageIds: [{ imageTag: 'v1' }] })));

    const problems: string[] = [];
    for (const answer of answers) {
      const body: unknown = answer.text ? JSON.parse(answer.text) : {};
      if (answer.status === 200) problems.push(...outputProblems(model, answer.operation, body));
      else {
        const code = String((body as { __type?: string }).__type ?? '').split('#').at(-1) ?? '';
        if (!errorDeclared(model, answer.operation, code)) problems.push(`${answer.operation}: error ${code} is not one the model declares for it`);
      }
    }
    expect(problems).toEqual([]);
    const seen = new Set(answers.map((a) => a.operation));
    for (const operation of ['CreateRepository', 'DescribeRepositories', 'GetAuthorizationToken', 'PutLifecyclePolicy', 'PutImageTagMutability', 'DescribeImages', 'BatchGetImage', 'DescribeImageScanFindings', 'StartImageScan']) {
      expect(seen.has(operation)).toBe(true);
    }
    expect(answers.filter((a) => a.status !== 200).length).toBeGreaterThanOrEqual(5);
  });

  test('the validator finds what it is meant to find', () => {
    expect(outputProblems(model, 'DescribeImageScanFindings', { imageScanStatus: { status: 'DONE' }, imageScanFindings: { imageScanCompletedAt: '2026-01-01', enhancedFindings: [{ scoreDetails: { cvss: { baseScore: 9.8 } } }] } })).toEqual([
      'DescribeImageScanFindings.imageScanStatus.status: "DONE" is not one of ScanStatus\'s values (IN_PROGRESS, COMPLETE, FAILED, UNSUPPORTED_IMAGE, ACTIVE, PENDING, SCAN_ELIGIBILITY_EXPIRED, FINDINGS_UNAVAILABLE, LIMIT_EXCEEDED, IMAGE_ARCHIVED)',
      'DescribeImageScanFindings.imageScanFindings.imageScanCompletedAt: expected a unixTimestamp timestamp (ScanTimestamp), got "2026-01-01"',
      'DescribeImageScanFindings.imageScanFindings.enhancedFindings[0].scoreDetails.cvss.baseScore: not a member of CvssScoreDetails',
    ]);
    expect(outputProblems(model, 'BatchGetImage', { images: [], failures: [{ failureCode: 'Boom' }] })[0]).toMatch(/"Boom" is not one of ImageFailureCode's values/);
    expect(errorDeclared(model, 'BatchGetImage', 'ScanNotFoundException')).toBe(false);
    expect(errorDeclared(model, 'DescribeImageScanFindings', 'ScanNotFoundException')).toBe(true);
  });
});
