export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export const ALL_MANIFEST_TYPES = [DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_MANIFEST, OCI_INDEX];

export function isIndex(mediaType: string): boolean {
  return mediaType === DOCKER_MANIFEST_LIST || mediaType === OCI_INDEX;
}

/** The `mediaType` a manifest declares in its body, if any. */
export function declaredMediaType(manifest: string): string | undefined {
  try {
    const parsed = JSON.parse(manifest) as { mediaType?: unknown };
    return typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined;
  } catch {
    return undefined;
  }
}
