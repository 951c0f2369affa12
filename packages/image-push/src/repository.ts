import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  PutLifecyclePolicyCommand,
  type CreateRepositoryCommandOutput,
  type DescribeRepositoriesCommandOutput,
  type Repository,
} from '@aws-sdk/client-ecr';
import { ApiError, InputError } from '@eks-kit/core';
import { sendEcr, type EcrSession } from './ecr-calls.js';

export type Encryption = { type: 'AES256' } | { type: 'KMS'; kmsKey?: string };

/** How a repository is created when it does not exist yet and creation was asked for. */
export interface RepositorySettings {
  scanOnPush: boolean;
  immutableTags: boolean;
  /** Wildcards that stay mutable in an immutable repository (a build cache tag, `latest`). */
  mutableTagFilters: readonly string[];
  encryption: Encryption;
  /** Policy text, already completed with the untagged rule. */
  lifecyclePolicy: string;
}

export interface RepositoryInfo {
  name: string;
  uri: string;
  registryId: string;
  tagMutability: string;
  mutableTagFilters: string[];
  created: boolean;
}

/** The repository, created with `settings` when it is missing and `settings` is given. */
export async function ensureRepository(
  session: EcrSession,
  target: { name: string; registryId?: string; region: string },
  settings: RepositorySettings | undefined,
  names: { repository: string; createRepository: string } = { repository: 'repository', createRepository: 'createRepository' },
): Promise<RepositoryInfo> {
  const registry = target.registryId ? { registryId: target.registryId } : {};
  try {
    const found = await sendEcr<DescribeRepositoriesCommandOutput>(session, 'DescribeRepositories', new DescribeRepositoriesCommand({ repositoryNames: [target.name], ...registry }));
    const repository = found.repositories?.[0];
    if (!repository) throw new ApiError('ECR', 'DescribeRepositories', 'EmptyAnswer', `no repository "${target.name}" in the answer`);
    return describe(repository, false);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'RepositoryNotFoundException') throw error;
  }
  const where = `${target.registryId ? `registry ${target.registryId}` : "the credentials' registry"} in ${target.region}`;
  if (!settings) {
    throw new InputError(names.repository, `"${target.name}" does not exist in ${where}; create it, or turn on ${names.createRepository} to create it on first push`);
  }
  const immutability = settings.immutableTags
    ? settings.mutableTagFilters.length > 0
      ? { imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' as const, imageTagMutabilityExclusionFilters: settings.mutableTagFilters.map((filter) => ({ filterType: 'WILDCARD' as const, filter })) }
      : { imageTagMutability: 'IMMUTABLE' as const }
    : { imageTagMutability: 'MUTABLE' as const };
  let created: CreateRepositoryCommandOutput;
  try {
    created = await sendEcr<CreateRepositoryCommandOutput>(
      session,
      'CreateRepository',
      new CreateRepositoryCommand({
        repositoryName: target.name,
        ...registry,
        ...immutability,
        imageScanningConfiguration: { scanOnPush: settings.scanOnPush },
        encryptionConfiguration:
          settings.encryption.type === 'KMS' ? { encryptionType: 'KMS', ...(settings.encryption.kmsKey ? { kmsKey: settings.encryption.kmsKey } : {}) } : { encryptionType: 'AES256' },
      }),
    );
  } catch (error) {
    // Another job created it between our two calls: use theirs.
    if (error instanceof ApiError && error.code === 'RepositoryAlreadyExistsException') return ensureRepository(session, target, undefined, names);
    throw error;
  }
  await sendEcr(session, 'PutLifecyclePolicy', new PutLifecyclePolicyCommand({ repositoryName: target.name, ...registry, lifecyclePolicyText: settings.lifecyclePolicy }));
  if (!created.repository) throw new ApiError('ECR', 'CreateRepository', 'EmptyAnswer', 'no repository in the answer');
  session.logger.info(`Created repository ${target.name} (${immutability.imageTagMutability}, scan on push ${settings.scanOnPush ? 'on' : 'off'}, ${settings.encryption.type} encryption, lifecycle policy set)`);
  return describe(created.repository, true);
}

function describe(repository: Repository, created: boolean): RepositoryInfo {
  return {
    name: repository.repositoryName ?? '',
    uri: repository.repositoryUri ?? '',
    registryId: repository.registryId ?? '',
    tagMutability: repository.imageTagMutability ?? 'MUTABLE',
    mutableTagFilters: (repository.imageTagMutabilityExclusionFilters ?? []).map((f) => f.filter ?? '').filter(Boolean),
    created,
  };
}

/** Whether pushing over an existing `tag` is refused, as ECR decides it (exclusion filters are wildcards). */
export function tagIsImmutable(repository: Pick<RepositoryInfo, 'tagMutability' | 'mutableTagFilters'>, tag: string): boolean {
  const excluded = repository.mutableTagFilters.some((filter) => wildcard(filter).test(tag));
  switch (repository.tagMutability) {
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded;
    default:
      return false;
  }
}

function wildcard(filter: string): RegExp {
  return new RegExp(`^${filter.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
