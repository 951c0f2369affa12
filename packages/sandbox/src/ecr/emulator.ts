import { AwsError } from '../aws/errors.js';
import type { RegistryClient } from '../registry/client.js';
import { isIndex } from '../registry/media-types.js';
import type { RegistryHooks, RegistryRefusal } from '../registry/proxy.js';
import { wildcardMatch } from '../aws/validate.js';
import { ImageCatalog } from './catalog.js';
import { classifyContents } from './image-contents.js';
import type { ScanFixture } from './findings.js';
import { ScanPolicy } from './scan-policy.js';
import { SCAN_FIXTURE_LABEL, newRepository } from './state.js';
import type { EcrScenario, RepositoryRecord, ScanType } from './state.js';

export interface EcrEmulatorOptions {
  account: string;
  region: string;
  registry: RegistryClient;
  /** `127.0.0.1:PORT`: the registry front end that image references use. */
  registryHost: string;
  /** The registry password that GetAuthorizationToken hands out (user `AWS`). */
  registryPassword: string;
  scenario?: EcrScenario;
  now?: () => Date;
}

export interface ImageRef {
  imageDigest?: string;
  imageTag?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** ECR's state and rules, shared by the JSON API and the registry front end. */
export class EcrEmulator {
  readonly account: string;
  readonly region: string;
  readonly registry: RegistryClient;
  readonly registryHost: string;
  readonly registryPassword: string;
  readonly repositories = new Map<string, RepositoryRecord>();
  readonly catalog: ImageCatalog;
  readonly scans: ScanPolicy;
  readonly now: () => Date;

  constructor(options: EcrEmulatorOptions) {
    this.account = options.account;
    this.region = options.region;
    this.registry = options.registry;
    this.registryHost = options.registryHost;
    this.registryPassword = options.registryPassword;
    this.now = options.now ?? (() => new Date());
    this.catalog = new ImageCatalog(this.registry, this.now);
    this.scans = new ScanPolicy(options.scenario?.scanning, options.scenario?.fixtures);
    for (const seed of options.scenario?.repositories ?? []) {
      this.repositories.set(
        seed.name,
        newRepository(seed.name, this.now(), {
          imageTagMutability: seed.imageTagMutability ?? 'MUTABLE',
          scanOnPush: seed.scanOnPush ?? false,
        }),
      );
    }
  }

  repository(name: string): RepositoryRecord {
    const repository = this.repositories.get(name);
    if (!repository) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${this.account}'`,
      );
    }
    return repository;
  }

  /**
   * Another account's registry answers only what its repository policy grants, and the sandbox
   * holds no other account's policies: such a call is refused as ECR refuses it.
   */
  authorizeRegistry(operation: string, input: Record<string, unknown>, caller: string): void {
    const registryId = input.registryId;
    if (registryId === undefined || registryId === this.account) return;
    const repository = typeof input.repositoryName === 'string' ? `repository/${input.repositoryName}` : 'registry';
    throw new AwsError(
      'AccessDeniedException',
      `User: ${caller} is not authorized to perform: ecr:${operation} on resource: arn:aws:ecr:${this.region}:${String(registryId)}:${repository} because no resource-based policy allows the ecr:${operation} action`,
    );
  }

  repositoryUri(name: string): string {
    return `${this.registryHost}/${name}`;
  }

  repositoryArn(name: string): string {
    return `arn:aws:ecr:${this.region}:${this.account}:repository/${name}`;
  }

  imageNotFound(repository: string, ref: ImageRef): AwsError {
    return new AwsError(
      'ImageNotFoundException',
      `The image with imageId {imageDigest:'${ref.imageDigest ?? 'null'}', imageTag:'${ref.imageTag ?? 'null'}'} does not exist within the repository with name '${repository}' in the registry with id '${this.account}'`,
    );
  }

  /** Resolves an image id to what the registry holds, checking that tag and digest agree. */
  async resolve(repository: RepositoryRecord, ref: ImageRef): Promise<{ digest: string; mediaType: string; body: Buffer }> {
    const reference = ref.imageDigest ?? ref.imageTag;
    if (!reference) throw new AwsError('InvalidParameterException', 'Invalid parameter: imageId must have an imageDigest or an imageTag');
    const manifest = await this.catalog.manifest(repository.name, reference);
    if (!manifest) throw this.imageNotFound(repository.name, ref);
    if (ref.imageDigest && ref.imageTag) {
      const tagged = await this.catalog.manifest(repository.name, ref.imageTag);
      if (tagged?.digest !== manifest.digest) throw this.imageNotFound(repository.name, ref);
    }
    return manifest;
  }

  /**
   * Whether an image reference (`host/name:tag` or `host/name@sha256:…`) can be pulled. Images of
   * other registries are assumed pullable: the sandbox only knows its own.
   */
  async imageExists(image: string): Promise<boolean> {
    if (!image.startsWith(`${this.registryHost}/`)) return true;
    const rest = image.slice(this.registryHost.length + 1);
    const at = rest.indexOf('@');
    const colon = rest.lastIndexOf(':');
    const [name, reference] =
      at >= 0 ? [rest.slice(0, at), rest.slice(at + 1)] : colon >= 0 ? [rest.slice(0, colon), rest.slice(colon + 1)] : [rest, 'latest'];
    if (!this.repositories.has(name)) return false;
    return (await this.catalog.manifest(name, reference)) !== undefined;
  }

  tagIsImmutable(repository: RepositoryRecord, tag: string): boolean {
    const excluded = repository.exclusionFilters.some((f) => wildcardMatch(f.filter, tag));
    switch (repository.imageTagMutability) {
      case 'IMMUTABLE':
        return true;
      case 'IMMUTABLE_WITH_EXCLUSION':
        return !excluded;
      case 'MUTABLE_WITH_EXCLUSION':
        return excluded;
      case 'MUTABLE':
        return false;
    }
  }

  immutableTagMessage(repository: string, tag: string): string {
    return `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the repository is immutable.`;
  }

  /** Records a push (through the registry or PutImage) and starts scan on push where configured. */
  async recordPush(repository: RepositoryRecord, reference: string, digest: string, mediaType: string): Promise<void> {
    if (!repository.pushedAt.has(digest)) repository.pushedAt.set(digest, this.now());
    repository.knownDigests.add(digest);
    const scanType = this.scans.scanOnPush(repository);
    if (scanType && !isIndex(mediaType)) {
      const tags = reference.startsWith('sha256:') ? [] : [reference];
      await this.startScan(repository, digest, tags, scanType);
    }
  }

  async startScan(repository: RepositoryRecord, digest: string, tags: string[], type: ScanType): Promise<void> {
    const labels = await this.catalog.labels(repository.name, digest);
    const fixture = this.scans.choose(repository, digest, tags, labels[SCAN_FIXTURE_LABEL]);
    const contents = classifyContents(await this.catalog.layers(repository.name, digest));
    const startedAt = this.now();
    const readyAt = new Date(startedAt.getTime() + this.scans.delayMs);
    const findingsAt = new Date(readyAt.getTime() + (type === 'ENHANCED' ? this.scans.enhancedFindingsLagMs : 0));
    repository.scans.set(digest, { type, startedAt, readyAt, findingsAt, fixture, contents });
  }

  /** Basic scans may start once per image per 24 hours, scan on push included. */
  scanAllowed(repository: RepositoryRecord, digest: string): boolean {
    const previous = repository.scans.get(digest);
    return !previous || this.now().getTime() - previous.startedAt.getTime() >= DAY_MS;
  }

  /** Pins the result of the next (and any current) scan of an image, by digest or tag. */
  pinScanResult(repositoryName: string, digestOrTag: string, fixture: ScanFixture): void {
    const repository = this.repository(repositoryName);
    repository.pinnedFixtures.set(digestOrTag, fixture);
    for (const [digest, scan] of repository.scans) {
      if (digest === digestOrTag) scan.fixture = fixture;
    }
  }

  registryHooks(): RegistryHooks {
    const expected = `Basic ${Buffer.from(`AWS:${this.registryPassword}`).toString('base64')}`;
    return {
      credentialsValid: (authorization) => authorization === expected,
      repositoryRefusal: (name) =>
        this.repositories.has(name)
          ? undefined
          : {
              status: 404,
              code: 'NAME_UNKNOWN',
              message: `The repository with name '${name}' does not exist in the registry with id '${this.account}'`,
            },
      beforeManifestPut: async (name, reference): Promise<RegistryRefusal | undefined> => {
        const repository = this.repository(name);
        if (reference.startsWith('sha256:') || !this.tagIsImmutable(repository, reference)) return undefined;
        const existing = await this.registry.listTags(name);
        if (!existing.includes(reference)) return undefined;
        return { status: 400, code: 'TAG_INVALID', message: this.immutableTagMessage(name, reference) };
      },
      afterManifestPut: async (name, reference, digest) => {
        const repository = this.repository(name);
        const manifest = await this.catalog.manifest(name, digest);
        await this.recordPush(repository, reference, digest, manifest?.mediaType ?? '');
      },
      afterManifestPull: (name, digest) => {
        this.repositories.get(name)?.lastPulledAt.set(digest, this.now());
      },
    };
  }
}
