import { AwsError, epochSeconds } from '../aws/errors.js';
import { optionalInteger, optionalString, requireString } from '../aws/validate.js';
import { paginate } from '../http/paginate.js';
import { isIndex } from '../registry/media-types.js';
import type { EcrEmulator, ImageRef } from './emulator.js';
import { basicFinding, enhancedFinding, severityCounts } from './findings.js';
import { viewScan } from './scan-policy.js';
import type { RegistryScanningRule } from './state.js';

type Input = Record<string, unknown>;

export async function startImageScan(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const ref = (input.imageId as ImageRef | undefined) ?? {};
  const manifest = await ecr.resolve(repository, ref);
  if (ecr.scans.registryScanType === 'ENHANCED') {
    throw new AwsError('ValidationException', 'StartImageScan starts basic scans only; this registry uses enhanced scanning.');
  }
  if (isIndex(manifest.mediaType)) {
    throw new AwsError('UnsupportedImageTypeException', `The image with digest '${manifest.digest}' is a manifest list; scan the images it lists.`);
  }
  if (!ecr.scanAllowed(repository, manifest.digest)) {
    throw new AwsError('LimitExceededException', 'The scan quota per image has been exceeded. Wait and try again.');
  }
  await ecr.startScan(repository, manifest.digest, ref.imageTag ? [ref.imageTag] : [], 'BASIC');
  return {
    registryId: ecr.account,
    repositoryName: repository.name,
    imageId: { imageDigest: manifest.digest, ...(ref.imageTag ? { imageTag: ref.imageTag } : {}) },
    imageScanStatus: { status: 'IN_PROGRESS', description: 'The scan is in progress.' },
  };
}

export async function describeImageScanFindings(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const ref = (input.imageId as ImageRef | undefined) ?? {};
  const maxResults = optionalInteger(input.maxResults, 'maxResults', 1, 1000);
  const manifest = await ecr.resolve(repository, ref);
  const scan = repository.scans.get(manifest.digest);
  if (!scan) {
    throw new AwsError(
      'ScanNotFoundException',
      `Image scan does not exist for the image with '{imageDigest:'${ref.imageDigest ?? manifest.digest}', imageTag:'${ref.imageTag ?? 'null'}'}' in the repository with name '${repository.name}' in the registry with id '${ecr.account}'`,
    );
  }
  const view = viewScan(scan, ecr.now());
  const base = {
    registryId: ecr.account,
    repositoryName: repository.name,
    imageId: { imageDigest: manifest.digest, ...(ref.imageTag ? { imageTag: ref.imageTag } : {}) },
    imageScanStatus: { status: view.status, description: view.description },
  };
  // Enhanced scanning before Inspector has reported: ACTIVE, an empty list, no completion time.
  if (scan.type === 'ENHANCED' && view.status === 'ACTIVE' && !view.completedAt) return { ...base, imageScanFindings: { enhancedFindings: [] } };
  if (!view.fixture || !view.completedAt) return base;
  const all = view.fixture.findings ?? [];
  const { page, nextToken } = paginate(all, maxResults, optionalString(input, 'nextToken'), 100);
  const tags = ref.imageTag ? [ref.imageTag] : [];
  const context = {
    account: ecr.account,
    region: ecr.region,
    repositoryName: repository.name,
    imageDigest: manifest.digest,
    imageTags: tags,
    pushedAt: repository.pushedAt.get(manifest.digest) ?? scan.startedAt,
  };
  return {
    ...base,
    imageScanFindings: {
      imageScanCompletedAt: epochSeconds(view.completedAt),
      vulnerabilitySourceUpdatedAt: epochSeconds(view.completedAt),
      findingSeverityCounts: severityCounts(all),
      ...(scan.type === 'ENHANCED'
        ? { enhancedFindings: page.map((f) => enhancedFinding(f, context, view.completedAt!)) }
        : { findings: page.map(basicFinding) }),
    },
    ...(nextToken ? { nextToken } : {}),
  };
}

export function putRegistryScanningConfiguration(ecr: EcrEmulator, input: Input) {
  const scanType = input.scanType ?? 'BASIC';
  if (scanType !== 'BASIC' && scanType !== 'ENHANCED') {
    throw new AwsError('ValidationException', `Value '${String(scanType)}' at 'scanType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, ENHANCED]`);
  }
  ecr.scans.registryScanType = scanType;
  ecr.scans.registryRules = (input.rules as RegistryScanningRule[] | undefined) ?? [];
  return { registryScanningConfiguration: { scanType, rules: ecr.scans.registryRules } };
}

export function getRegistryScanningConfiguration(ecr: EcrEmulator) {
  return {
    registryId: ecr.account,
    scanningConfiguration: { scanType: ecr.scans.registryScanType, rules: ecr.scans.registryRules },
  };
}
