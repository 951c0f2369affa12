import type { IdentityStore } from '../aws/identities.js';
import { jsonServiceHandler } from '../aws/json-protocol.js';
import type { FaultInjector } from '../faults.js';
import { startHttpServer } from '../http/server.js';
import type { RunningServer } from '../http/server.js';
import type { EcrEmulator } from './emulator.js';
import { batchGetImage, describeImages, putImage } from './image-operations.js';
import {
  createRepository,
  deleteRepository,
  describeRepositories,
  getAuthorizationToken,
  getLifecyclePolicy,
  putImageScanningConfiguration,
  putImageTagMutability,
  putLifecyclePolicy,
} from './repository-operations.js';
import {
  describeImageScanFindings,
  getRegistryScanningConfiguration,
  putRegistryScanningConfiguration,
  startImageScan,
} from './scan-operations.js';

/** Serves the ECR API (AWS JSON 1.1) for an emulator on a loopback port. */
export function startEcrApi(ecr: EcrEmulator, identities: IdentityStore, faults: FaultInjector): Promise<RunningServer> {
  type Input = Record<string, unknown>;
  return startHttpServer(
    jsonServiceHandler({
      service: 'ecr',
      targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
      identities,
      faults,
      region: ecr.region,
      authorize: (operation, input, caller) => ecr.authorizeRegistry(operation, input, caller),
      operations: {
        CreateRepository: (input: Input) => createRepository(ecr, input),
        DescribeRepositories: (input: Input) => describeRepositories(ecr, input),
        DeleteRepository: (input: Input) => deleteRepository(ecr, input),
        GetAuthorizationToken: (input: Input) => getAuthorizationToken(ecr, input),
        PutLifecyclePolicy: (input: Input) => putLifecyclePolicy(ecr, input),
        GetLifecyclePolicy: (input: Input) => getLifecyclePolicy(ecr, input),
        PutImageScanningConfiguration: (input: Input) => putImageScanningConfiguration(ecr, input),
        PutImageTagMutability: (input: Input) => putImageTagMutability(ecr, input),
        BatchGetImage: (input: Input) => batchGetImage(ecr, input),
        PutImage: (input: Input) => putImage(ecr, input),
        DescribeImages: (input: Input) => describeImages(ecr, input),
        StartImageScan: (input: Input) => startImageScan(ecr, input),
        DescribeImageScanFindings: (input: Input) => describeImageScanFindings(ecr, input),
        PutRegistryScanningConfiguration: (input: Input) => putRegistryScanningConfiguration(ecr, input),
        GetRegistryScanningConfiguration: () => getRegistryScanningConfiguration(ecr),
      },
    }),
  );
}
