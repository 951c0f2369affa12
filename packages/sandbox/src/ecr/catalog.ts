import type { RegistryClient, StoredManifest } from '../registry/client.js';
import { isIndex } from '../registry/media-types.js';
import type { RepositoryRecord } from './state.js';

export interface CatalogImage {
  digest: string;
  tags: string[];
  mediaType: string;
  artifactMediaType?: string;
  sizeInBytes: number;
  pushedAt: Date;
  subjectDigest?: string;
}

interface ManifestBody {
  mediaType?: string;
  config?: { mediaType?: string; size?: number; digest?: string };
  layers?: { size?: number; digest?: string }[];
  manifests?: { digest?: string }[];
  subject?: { digest?: string };
}

/**
 * What is really in the registry for a repository, grouped by digest as ECR reports images.
 * Manifests are content-addressed, so they are cached by digest.
 */
export class ImageCatalog {
  private readonly manifests = new Map<string, StoredManifest>();

  constructor(
    private readonly registry: RegistryClient,
    private readonly now: () => Date,
  ) {}

  async list(repository: RepositoryRecord): Promise<CatalogImage[]> {
    const byDigest = new Map<string, { manifest: StoredManifest; tags: string[] }>();
    for (const tag of await this.registry.listTags(repository.name)) {
      const manifest = await this.manifest(repository.name, tag);
      if (!manifest) continue;
      const entry = byDigest.get(manifest.digest) ?? { manifest, tags: [] };
      entry.tags.push(tag);
      byDigest.set(manifest.digest, entry);
    }
    for (const digest of repository.knownDigests) {
      if (byDigest.has(digest)) continue;
      const manifest = await this.manifest(repository.name, digest);
      if (manifest) byDigest.set(digest, { manifest, tags: [] });
    }
    const images: CatalogImage[] = [];
    for (const [digest, { manifest, tags }] of byDigest) {
      if (!repository.pushedAt.has(digest)) repository.pushedAt.set(digest, this.now());
      images.push(await this.describe(repository, manifest, tags.sort()));
    }
    return images.sort((a, b) => a.pushedAt.getTime() - b.pushedAt.getTime() || a.digest.localeCompare(b.digest));
  }

  /** The manifest for a tag or digest, as the registry has it now. */
  async manifest(repository: string, reference: string): Promise<StoredManifest | undefined> {
    const cached = reference.startsWith('sha256:') ? this.manifests.get(`${repository}@${reference}`) : undefined;
    if (cached) return cached;
    const manifest = await this.registry.getManifest(repository, reference);
    if (manifest) this.manifests.set(`${repository}@${manifest.digest}`, manifest);
    return manifest;
  }

  /** Drops cached manifests of a deleted repository, so a new one of the same name starts empty. */
  forget(repository: string): void {
    for (const key of this.manifests.keys()) if (key.startsWith(`${repository}@`)) this.manifests.delete(key);
  }

  /** Labels from an image's config blob, for scenario rules; empty for indexes and unknown images. */
  async labels(repository: string, digest: string): Promise<Record<string, string>> {
    const manifest = await this.manifest(repository, digest);
    if (!manifest || isIndex(manifest.mediaType)) return {};
    const configDigest = parse(manifest).config?.digest;
    if (!configDigest) return {};
    const blob = await this.registry.getBlob(repository, configDigest);
    if (!blob) return {};
    try {
      const config = JSON.parse(blob.toString('utf8')) as { config?: { Labels?: Record<string, string> | null } };
      return config.config?.Labels ?? {};
    } catch {
      return {};
    }
  }

  /** The layer blobs of an image, for what a scanner would read; empty for indexes and unknown images. */
  async layers(repository: string, digest: string): Promise<Buffer[]> {
    const manifest = await this.manifest(repository, digest);
    if (!manifest || isIndex(manifest.mediaType)) return [];
    const blobs: Buffer[] = [];
    for (const layer of parse(manifest).layers ?? []) {
      const blob = layer.digest ? await this.registry.getBlob(repository, layer.digest) : undefined;
      if (blob) blobs.push(blob);
    }
    return blobs;
  }

  private async describe(repository: RepositoryRecord, manifest: StoredManifest, tags: string[]): Promise<CatalogImage> {
    const body = parse(manifest);
    const mediaType = manifest.mediaType || body.mediaType || 'application/vnd.docker.distribution.manifest.v2+json';
    return {
      digest: manifest.digest,
      tags,
      mediaType,
      ...(body.config?.mediaType ? { artifactMediaType: body.config.mediaType } : {}),
      sizeInBytes: await this.size(repository.name, body),
      pushedAt: repository.pushedAt.get(manifest.digest) ?? this.now(),
      ...(body.subject?.digest ? { subjectDigest: body.subject.digest } : {}),
    };
  }

  /** Compressed layer bytes; for an index, the distinct layers of the images it lists. */
  private async size(repository: string, body: ManifestBody): Promise<number> {
    if (!body.manifests) return (body.layers ?? []).reduce((sum, layer) => sum + (layer.size ?? 0), 0);
    const layers = new Map<string, number>();
    for (const child of body.manifests) {
      if (!child.digest) continue;
      const manifest = await this.manifest(repository, child.digest);
      if (!manifest) continue;
      for (const layer of parse(manifest).layers ?? []) layers.set(layer.digest ?? '', layer.size ?? 0);
    }
    return [...layers.values()].reduce((sum, size) => sum + size, 0);
  }
}

function parse(manifest: StoredManifest): ManifestBody {
  try {
    return JSON.parse(manifest.body.toString('utf8')) as ManifestBody;
  } catch {
    return {};
  }
}
