import { ApiError } from '@eks-kit/core';
import { layersFromHistory, type ImageConfigHistory, type ImageLayer } from './image-layers.js';

const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];
const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

/** Reads manifests and blobs over the registry HTTP API with the login build-push already has. */
export interface RegistryReader {
  /** `https://<registry host>` (http only for a loopback test registry). */
  baseUrl: string;
  /** `Basic <user:password base64>`; never logged. */
  authorization: string;
  fetch: typeof fetch;
}

export interface ImageLayers {
  digest: string;
  /** The platform read, when the reference is a multi-platform index. */
  platform?: string;
  layers: ImageLayer[];
}

interface Manifest {
  mediaType?: string;
  config?: { digest?: string };
  layers?: { digest?: string; size?: number }[];
  manifests?: { digest?: string; platform?: { os?: string; architecture?: string; variant?: string } }[];
}

/**
 * The layers of `repository:reference` with their history, or undefined when nothing is there (a
 * first push). For a multi-platform index it reads linux/amd64 when listed, else the first platform.
 */
export async function readImageLayers(reader: RegistryReader, repository: string, reference: string): Promise<ImageLayers | undefined> {
  const first = await getManifest(reader, repository, reference);
  if (!first) return undefined;
  let { manifest, digest } = first;
  let platform: string | undefined;
  if (INDEX_TYPES.includes(manifest.mediaType ?? '') || manifest.manifests) {
    const entries = (manifest.manifests ?? []).filter((m) => m.digest && m.platform?.os !== 'unknown');
    const chosen = entries.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? entries[0];
    if (!chosen?.digest) return undefined;
    platform = [chosen.platform?.os, chosen.platform?.architecture, chosen.platform?.variant].filter(Boolean).join('/');
    const inner = await getManifest(reader, repository, chosen.digest);
    if (!inner) return undefined;
    ({ manifest, digest } = inner);
  }
  const history = manifest.config?.digest ? await getConfigHistory(reader, repository, manifest.config.digest) : undefined;
  return { digest, ...(platform ? { platform } : {}), layers: layersFromHistory(manifest.layers ?? [], history) };
}

async function getManifest(reader: RegistryReader, repository: string, reference: string): Promise<{ manifest: Manifest; digest: string } | undefined> {
  const response = await get(reader, `/v2/${repository}/manifests/${reference}`, [...MANIFEST_TYPES, ...INDEX_TYPES].join(', '));
  if (response.status === 404) {
    await response.arrayBuffer();
    return undefined;
  }
  const text = await ok(response, 'manifest', `${repository}:${reference}`).text();
  return { manifest: JSON.parse(text) as Manifest, digest: response.headers.get('docker-content-digest') ?? reference };
}

async function getConfigHistory(reader: RegistryReader, repository: string, digest: string): Promise<ImageConfigHistory[] | undefined> {
  // ECR answers a blob with a redirect to S3; fetch follows it and drops the Authorization header there.
  const response = await get(reader, `/v2/${repository}/blobs/${digest}`, 'application/json');
  const config = (await ok(response, 'image config', `${repository}@${digest}`).json()) as { history?: ImageConfigHistory[] };
  return Array.isArray(config.history) ? config.history : undefined;
}

function get(reader: RegistryReader, pathname: string, accept: string): Promise<Response> {
  return reader.fetch(new URL(pathname, reader.baseUrl), { headers: { authorization: reader.authorization, accept } });
}

function ok(response: Response, what: string, name: string): Response {
  if (response.ok) return response;
  throw new ApiError('registry', `GET ${what}`, `HTTP ${response.status}`, `${name} could not be read`);
}
