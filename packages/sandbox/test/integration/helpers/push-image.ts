import { createHash } from 'node:crypto';
import { rootfsFiles, tarLayer } from '../../../src/index.js';

export interface PushedImage {
  digest: string;
  manifest: string;
  layerSizes: number[];
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/**
 * Pushes a small image over the Registry HTTP API, the way `docker push` does (blob uploads, then
 * the manifest), with the credentials a client gets from GetAuthorizationToken.
 */
export async function pushImage(
  registry: string,
  authorizationToken: string,
  repository: string,
  reference: string,
  options: { labels?: Record<string, string>; content?: string; byDigest?: boolean; rootfs?: 'debian' | 'distroless' | 'scratch' } = {},
): Promise<PushedImage> {
  const auth = `Basic ${authorizationToken}`;
  // What ECR's scanner finds decides how the scan ends: a Debian package database unless asked otherwise.
  const layer = tarLayer(rootfsFiles(options.rootfs ?? 'debian', options.content ?? `layer for ${repository}:${reference}`));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: options.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: [digestOf(layer)] },
    }),
  );
  await uploadBlob(registry, auth, repository, layer);
  await uploadBlob(registry, auth, repository, config);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digestOf(layer), size: layer.length }],
  });
  const digest = await putManifest(registry, auth, repository, options.byDigest ? digestOf(manifest) : reference, manifest, OCI_MANIFEST);
  return { digest, manifest, layerSizes: [layer.length] };
}

/** Pushes an OCI image index over images already in the repository, as multi-platform builds do. */
export async function pushIndex(
  registry: string,
  authorizationToken: string,
  repository: string,
  tag: string,
  images: PushedImage[],
): Promise<{ digest: string; manifest: string }> {
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: images.map((image, i) => ({
      mediaType: OCI_MANIFEST,
      digest: image.digest,
      size: Buffer.byteLength(image.manifest),
      platform: { architecture: i === 0 ? 'amd64' : 'arm64', os: 'linux' },
    })),
  });
  const digest = await putManifest(registry, `Basic ${authorizationToken}`, repository, tag, manifest, OCI_INDEX);
  return { digest, manifest };
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

async function putManifest(registry: string, auth: string, repository: string, reference: string, manifest: string, mediaType: string): Promise<string> {
  const response = await fetch(`${registry}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': mediaType },
    body: manifest,
  });
  const text = await response.text();
  if (response.status !== 201) throw new RegistryPushError(response.status, text);
  return response.headers.get('docker-content-digest') ?? '';
}

export class RegistryPushError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`manifest push answered ${status}: ${body}`);
  }
}

export function digestOf(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function uploadBlob(registry: string, auth: string, repository: string, blob: Buffer): Promise<void> {
  const start = await fetch(`${registry}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: { authorization: auth } });
  const answer = await start.text();
  if (start.status !== 202) throw new RegistryPushError(start.status, answer);
  const location = new URL(start.headers.get('location') ?? '', registry);
  location.searchParams.set('digest', digestOf(blob));
  const done = await fetch(location, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/octet-stream' },
    body: blob,
  });
  const finished = await done.text();
  if (done.status !== 201) throw new RegistryPushError(done.status, finished);
}
