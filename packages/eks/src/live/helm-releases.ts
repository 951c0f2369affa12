import { gunzipSync } from 'node:zlib';
import { extractTypes } from '../manifests/documents.js';
import { judgeApi } from '../manifests/removed-apis.js';
import type { KubeReader } from '../workloads/kube-reader.js';
import type { LiveObject } from '../workloads/objects.js';
import type { JudgeTarget, LiveApiFinding } from './live-apis.js';

/** Helm 3 keeps each revision in a Secret of this type, labelled owner=helm. */
export const HELM_RELEASE_SECRETS = '/api/v1/secrets?labelSelector=owner%3Dhelm';
const HELM_RELEASE_TYPE = 'helm.sh/release.v1';
const GZIP_MAGIC = [0x1f, 0x8b];

export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  manifest: string;
}

/**
 * The release a Secret holds: the API's base64 of Helm's base64 of gzipped JSON (Helm gzips only
 * when it compresses, so plain JSON is read too). undefined for a Secret that is not one.
 */
export function decodeHelmRelease(secret: LiveObject): HelmRelease | undefined {
  const encoded = secret.data?.release;
  if (secret.type !== HELM_RELEASE_TYPE || !encoded) return undefined;
  const helmBase64 = Buffer.from(encoded, 'base64').toString('utf8');
  let bytes = Buffer.from(helmBase64, 'base64');
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) bytes = gunzipSync(bytes);
  const release = JSON.parse(bytes.toString('utf8')) as { name?: string; namespace?: string; version?: number; manifest?: string; info?: { status?: string } };
  return {
    name: release.name ?? secret.metadata?.labels?.name ?? '?',
    namespace: release.namespace ?? secret.metadata?.namespace ?? 'default',
    revision: release.version ?? Number(secret.metadata?.labels?.version ?? 0),
    status: release.info?.status ?? secret.metadata?.labels?.status ?? 'unknown',
    manifest: release.manifest ?? '',
  };
}

/** The newest deployed revision of each release: what the next `helm upgrade` diffs against. */
export function currentReleases(releases: readonly HelmRelease[]): HelmRelease[] {
  const newest = new Map<string, HelmRelease>();
  for (const r of releases.filter((x) => x.status === 'deployed')) {
    const key = `${r.namespace}/${r.name}`;
    if ((newest.get(key)?.revision ?? -1) < r.revision) newest.set(key, r);
  }
  return [...newest.values()];
}

export function judgeHelmRelease(release: HelmRelease, target: JudgeTarget): LiveApiFinding[] {
  const object = `helm release ${release.namespace}/${release.name} (revision ${release.revision})`;
  return extractTypes(release.manifest).references.flatMap((ref) => {
    const verdict = judgeApi(ref.apiVersion, ref.kind, target.target, target.current, target.additional);
    return verdict ? [{ source: 'helm-release' as const, object, apiVersion: ref.apiVersion, kind: ref.kind, status: verdict.status, since: verdict.since, ...(verdict.replacement ? { replacement: verdict.replacement } : {}) }] : [];
  });
}

/** pluto's detect-helm on live releases; a Secret that does not decode is said, not thrown. */
export async function detectHelmReleases(reader: KubeReader, target: JudgeTarget): Promise<{ releases: number; findings: LiveApiFinding[]; unreadable: string[] }> {
  const secrets = await reader.list(HELM_RELEASE_SECRETS);
  const decoded: HelmRelease[] = [];
  const unreadable: string[] = [];
  for (const s of secrets) {
    try {
      const r = decodeHelmRelease(s);
      if (r) decoded.push(r);
    } catch (error) {
      unreadable.push(`Secret ${s.metadata?.namespace ?? '?'}/${s.metadata?.name ?? '?'}: ${(error as Error).message}`);
    }
  }
  const current = currentReleases(decoded);
  return { releases: current.length, findings: current.flatMap((r) => judgeHelmRelease(r, target)), unreadable };
}
