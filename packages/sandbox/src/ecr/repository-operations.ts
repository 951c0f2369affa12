import { AwsError, epochSeconds } from '../aws/errors.js';
import { optionalInteger, optionalString, requireString } from '../aws/validate.js';
import { paginate } from '../http/paginate.js';
import { isIndex } from '../registry/media-types.js';
import type { EcrEmulator } from './emulator.js';
import { newRepository } from './state.js';
import type { ExclusionFilter, RepositoryRecord, TagMutability } from './state.js';

type Input = Record<string, unknown>;

const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MUTABILITY: readonly TagMutability[] = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'];
const AUTH_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

export function describeRepository(ecr: EcrEmulator, repository: RepositoryRecord) {
  return {
    repositoryArn: ecr.repositoryArn(repository.name),
    registryId: ecr.account,
    repositoryName: repository.name,
    repositoryUri: ecr.repositoryUri(repository.name),
    createdAt: epochSeconds(repository.createdAt),
    imageTagMutability: repository.imageTagMutability,
    ...(repository.exclusionFilters.length > 0 ? { imageTagMutabilityExclusionFilters: repository.exclusionFilters } : {}),
    imageScanningConfiguration: { scanOnPush: repository.scanOnPush },
    encryptionConfiguration: {
      encryptionType: repository.encryptionType,
      ...(repository.kmsKey ? { kmsKey: repository.kmsKey } : {}),
    },
  };
}

export function createRepository(ecr: EcrEmulator, input: Input) {
  const name = requireString(input, 'repositoryName');
  if (name.length < 2 || name.length > 256 || !REPOSITORY_NAME.test(name)) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''`,
    );
  }
  if (ecr.repositories.has(name)) {
    throw new AwsError(
      'RepositoryAlreadyExistsException',
      `The repository with name '${name}' already exists in the registry with id '${ecr.account}'`,
    );
  }
  const scanning = input.imageScanningConfiguration as { scanOnPush?: boolean } | undefined;
  const encryption = input.encryptionConfiguration as { encryptionType?: string; kmsKey?: string } | undefined;
  const tagMutability = mutability(input.imageTagMutability ?? 'MUTABLE');
  const filters = exclusionFilters(input.imageTagMutabilityExclusionFilters);
  checkMutability(tagMutability, filters);
  const repository = newRepository(name, ecr.now(), {
    imageTagMutability: tagMutability,
    exclusionFilters: filters,
    scanOnPush: scanning?.scanOnPush ?? false,
    encryptionType: encryption?.encryptionType ?? 'AES256',
    ...(encryption?.kmsKey ? { kmsKey: encryption.kmsKey } : {}),
    tags: Array.isArray(input.tags) ? (input.tags as { Key: string; Value: string }[]) : [],
  });
  ecr.repositories.set(name, repository);
  return { repository: describeRepository(ecr, repository) };
}

export function describeRepositories(ecr: EcrEmulator, input: Input) {
  const names = input.repositoryNames as string[] | undefined;
  const maxResults = optionalInteger(input.maxResults, 'maxResults', 1, 1000);
  if (names && maxResults !== undefined) {
    throw new AwsError('InvalidParameterException', 'maxResults cannot be used together with repositoryNames');
  }
  const repositories = names
    ? names.map((name) => ecr.repository(name))
    : [...ecr.repositories.values()].sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(repositories, maxResults, optionalString(input, 'nextToken'), 100);
  return { repositories: page.map((r) => describeRepository(ecr, r)), ...(nextToken ? { nextToken } : {}) };
}

export async function deleteRepository(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const images = await ecr.catalog.list(repository);
  if (input.force !== true && images.length > 0) {
    throw new AwsError(
      'RepositoryNotEmptyException',
      `The repository with name '${repository.name}' in registry with id '${ecr.account}' cannot be deleted because it still contains images`,
    );
  }
  // Indexes first, so the registry never holds an index whose images are gone.
  const ordered = [...images].sort((a, b) => Number(isIndex(b.mediaType)) - Number(isIndex(a.mediaType)));
  for (const image of ordered) await ecr.registry.deleteManifest(repository.name, image.digest);
  ecr.catalog.forget(repository.name);
  ecr.repositories.delete(repository.name);
  return { repository: describeRepository(ecr, repository) };
}

export function getAuthorizationToken(ecr: EcrEmulator, input: Input) {
  const registryIds = (input.registryIds as string[] | undefined) ?? [ecr.account];
  const expiresAt = epochSeconds(new Date(ecr.now().getTime() + AUTH_TOKEN_LIFETIME_MS));
  const authorizationToken = Buffer.from(`AWS:${ecr.registryPassword}`).toString('base64');
  return {
    authorizationData: registryIds.map(() => ({
      authorizationToken,
      expiresAt,
      proxyEndpoint: `http://${ecr.registryHost}`,
    })),
  };
}

export function putLifecyclePolicy(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const text = requireString(input, 'lifecyclePolicyText');
  if (text.length < 100 || text.length > 30720) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value at 'lifecyclePolicyText' failed to satisfy constraint: Member must have length between 100 and 30720`,
    );
  }
  let rules: unknown;
  try {
    rules = (JSON.parse(text) as { rules?: unknown }).rules;
  } catch {
    rules = undefined;
  }
  if (!Array.isArray(rules) || rules.length === 0) {
    throw new AwsError('InvalidParameterException', "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: rules are required'");
  }
  repository.lifecyclePolicyText = text;
  return { registryId: ecr.account, repositoryName: repository.name, lifecyclePolicyText: text };
}

export function getLifecyclePolicy(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  if (!repository.lifecyclePolicyText) {
    throw new AwsError(
      'LifecyclePolicyNotFoundException',
      `Lifecycle policy does not exist for the repository with name '${repository.name}' in the registry with id '${ecr.account}'`,
    );
  }
  return { registryId: ecr.account, repositoryName: repository.name, lifecyclePolicyText: repository.lifecyclePolicyText };
}

export function putImageScanningConfiguration(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const configuration = input.imageScanningConfiguration as { scanOnPush?: unknown } | undefined;
  if (!configuration) throw new AwsError('InvalidParameterException', "Invalid parameter at 'imageScanningConfiguration': required");
  repository.scanOnPush = configuration.scanOnPush === true;
  return {
    registryId: ecr.account,
    repositoryName: repository.name,
    imageScanningConfiguration: { scanOnPush: repository.scanOnPush },
  };
}

export function putImageTagMutability(ecr: EcrEmulator, input: Input) {
  const repository = ecr.repository(requireString(input, 'repositoryName'));
  const tagMutability = mutability(input.imageTagMutability);
  const filters = exclusionFilters(input.imageTagMutabilityExclusionFilters);
  checkMutability(tagMutability, filters);
  repository.imageTagMutability = tagMutability;
  repository.exclusionFilters = filters;
  return {
    registryId: ecr.account,
    repositoryName: repository.name,
    imageTagMutability: repository.imageTagMutability,
    ...(repository.exclusionFilters.length > 0 ? { imageTagMutabilityExclusionFilters: repository.exclusionFilters } : {}),
  };
}

function mutability(value: unknown): TagMutability {
  if (typeof value === 'string' && (MUTABILITY as readonly string[]).includes(value)) return value as TagMutability;
  throw new AwsError(
    'InvalidParameterException',
    `Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [${MUTABILITY.join(', ')}]'`,
  );
}

// ECR's service model: 1 to 5 filters, type WILDCARD, values of 1 to 128 of [0-9a-zA-Z._*-].
const MAX_EXCLUSION_FILTERS = 5;
const FILTER_VALUE = /^[0-9a-zA-Z._*-]{1,128}$/;

function exclusionFilters(value: unknown): ExclusionFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new AwsError('InvalidParameterException', 'imageTagMutabilityExclusionFilters must be a list');
  if (value.length < 1 || value.length > MAX_EXCLUSION_FILTERS) {
    throw new AwsError(
      'InvalidParameterException',
      `1 validation error detected: Value at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: Member must have length less than or equal to ${MAX_EXCLUSION_FILTERS} and greater than or equal to 1`,
    );
  }
  return value.map((f: { filterType?: unknown; filter?: unknown }) => {
    if (f.filterType !== 'WILDCARD') {
      throw new AwsError('InvalidParameterException', "1 validation error detected: Value at 'imageTagMutabilityExclusionFilters.member.filterType' failed to satisfy constraint: Member must satisfy enum value set: [WILDCARD]");
    }
    if (typeof f.filter !== 'string' || !FILTER_VALUE.test(f.filter)) {
      throw new AwsError('InvalidParameterException', `1 validation error detected: Value '${String(f.filter)}' at 'imageTagMutabilityExclusionFilters.member.filter' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z._*-]{1,128}$`);
    }
    return { filterType: 'WILDCARD', filter: f.filter };
  });
}

/** The *_WITH_EXCLUSION settings need filters, and the plain ones take none. */
function checkMutability(mutability: TagMutability, filters: readonly ExclusionFilter[]): void {
  const withExclusion = mutability.endsWith('_WITH_EXCLUSION');
  if (withExclusion && filters.length === 0) {
    throw new AwsError('InvalidParameterException', `Invalid parameter: imageTagMutabilityExclusionFilters are required when imageTagMutability is ${mutability}`);
  }
  if (!withExclusion && filters.length > 0) {
    throw new AwsError('InvalidParameterException', `Invalid parameter: imageTagMutabilityExclusionFilters can only be used with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not ${mutability}`);
  }
}
