import { createHash } from 'node:crypto';
import { rootfsFiles, tarLayer } from '@eks-kit/sandbox';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export interface Pushed {
  digest: string;
  size: number;
}

/**
 * Pushes images over the Registry HTTP API as `docker push` does (blobs, then the manifest), with
 * the credentials GetAuthorizationToken hands out. Small and deterministic per `content`.
 */
export class RegistryPusher {
  constructor(
    private readonly registry: string,
    private readonly authorizationToken: string,
  ) {}

  /** `rootfs` decides what ECR's scanner finds: a Debian package database (default), distroless, or scratch. */
  async image(repository: string, reference: string | undefined, options: { content?: string; architecture?: string; rootfs?: 'debian' | 'distroless' | 'scratch' } = {}): Promise<Pushed> {
    const layer = tarLayer(rootfsFiles(options.rootfs ?? 'debian', options.content ?? `layer for ${repository}:${reference ?? 'untagged'}`));
    const config = Buffer.from(JSON.stringify({ architecture: options.architecture ?? 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [digestOf(layer)] } }));
    await this.blob(repository, layer);
    await this.blob(repository, config);
    return this.manifest(repository, reference, OCI_MANIFEST, {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digestOf(layer), size: layer.length }],
    });
  }

  /** A BuildKit-style provenance attestation for `subject`, as buildx attaches to an index. */
  async attestation(repository: string, subject: string): Promise<Pushed> {
    const statement = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: [{ digest: { sha256: subject.slice(7) } }] }));
    const config = Buffer.from('{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}');
    await this.blob(repository, statement);
    await this.blob(repository, config);
    return this.manifest(repository, undefined, OCI_MANIFEST, {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.in-toto+json', digest: digestOf(statement), size: statement.length, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } }],
    });
  }

  async index(repository: string, tag: string, platforms: { image: Pushed; architecture: string }[], attestations: { image: Pushed; subject: Pushed }[] = []): Promise<Pushed> {
    return this.manifest(repository, tag, OCI_INDEX, {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        ...platforms.map((p) => ({ mediaType: OCI_MANIFEST, digest: p.image.digest, size: p.image.size, platform: { os: 'linux', architecture: p.architecture } })),
        ...attestations.map((a) => ({
          mediaType: OCI_MANIFEST,
          digest: a.image.digest,
          size: a.image.size,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': a.subject.digest },
        })),
      ],
    });
  }

  private async manifest(repository: string, reference: string | undefined, mediaType: string, body: object): Promise<Pushed> {
    const text = JSON.stringify(body);
    const digest = digestOf(text);
    const response = await fetch(`${this.registry}/v2/${repository}/manifests/${reference ?? digest}`, {
      method: 'PUT',
      headers: { authorization: `Basic ${this.authorizationToken}`, 'content-type': mediaType },
      body: text,
    });
    const answer = await response.text();
    if (response.status !== 201) throw new Error(`manifest push answered ${response.status}: ${answer}`);
    return { digest, size: Buffer.byteLength(text) };
  }

  private async blob(repository: string, blob: Buffer): Promise<void> {
    const auth = `Basic ${this.authorizationToken}`;
    const start = await fetch(`${this.registry}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: { authorization: auth } });
    await start.arrayBuffer();
    if (start.status !== 202) throw new Error(`blob upload did not start: ${start.status}`);
    const location = new URL(start.headers.get('location') ?? '', this.registry);
    location.searchParams.set('digest', digestOf(blob));
    const done = await fetch(location, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/octet-stream' }, body: blob });
    await done.arrayBuffer();
    if (done.status !== 201) throw new Error(`blob upload failed: ${done.status}`);
  }
}

export function digestOf(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
