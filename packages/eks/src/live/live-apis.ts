import { judgeApi, judgedApis, type ApiLifecycle } from '../manifests/removed-apis.js';
import type { KubeReader } from '../workloads/kube-reader.js';
import { objectName, type LiveObject } from '../workloads/objects.js';
import { servedKinds } from './served-kinds.js';

export interface LiveApiFinding {
  /** Where the old apiVersion was seen: the object's last kubectl apply, a field manager's entry, or a Helm release's manifest. */
  source: 'last-applied' | 'managed-fields' | 'helm-release';
  /** `Ingress shop/web`, or `helm release shop/web (revision 3)` */
  object: string;
  apiVersion: string;
  kind: string;
  status: 'removed' | 'deprecated';
  since: string;
  replacement?: string;
}

export interface JudgeTarget {
  target: string;
  current: string;
  additional?: readonly ApiLifecycle[];
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The kinds worth listing: every kind the API lists name, with the apiVersions that held and hold it. */
export function wantedKinds(additional: readonly ApiLifecycle[] = []): { kind: string; apiVersions: string[] }[] {
  const byKind = new Map<string, Set<string>>();
  for (const api of judgedApis(additional)) {
    if (!api.kind || api.kind.endsWith('List')) continue;
    const versions = byKind.get(api.kind) ?? new Set<string>();
    versions.add(api.apiVersion);
    if (api.replacement) versions.add(api.replacement);
    byKind.set(api.kind, versions);
  }
  return [...byKind].map(([kind, versions]) => ({ kind, apiVersions: [...versions] }));
}

/** pluto's detect-api-resources: the apiVersions each live object was last applied or managed through. */
export function judgeLiveObject(kind: string, object: LiveObject, target: JudgeTarget): LiveApiFinding[] {
  const meta = object.metadata ?? {};
  const used: { source: LiveApiFinding['source']; apiVersion: string }[] = [];
  const applied = meta.annotations?.[LAST_APPLIED];
  if (applied) {
    try {
      const apiVersion = (JSON.parse(applied) as { apiVersion?: unknown }).apiVersion;
      if (typeof apiVersion === 'string') used.push({ source: 'last-applied', apiVersion });
    } catch {
      // A hand-edited annotation that is not JSON says nothing about the API used.
    }
  }
  for (const f of meta.managedFields ?? []) if (f.apiVersion) used.push({ source: 'managed-fields', apiVersion: f.apiVersion });
  const findings: LiveApiFinding[] = [];
  const seen = new Set<string>();
  for (const u of used) {
    if (seen.has(u.apiVersion)) continue;
    seen.add(u.apiVersion);
    const verdict = judgeApi(u.apiVersion, kind, target.target, target.current, target.additional);
    if (!verdict) continue;
    findings.push({ source: u.source, object: objectName(kind, meta), apiVersion: u.apiVersion, kind, status: verdict.status, since: verdict.since, ...(verdict.replacement ? { replacement: verdict.replacement } : {}) });
  }
  return findings;
}

/** Lists each wanted kind where the cluster serves it now and judges every object. */
export async function detectLiveApis(reader: KubeReader, target: JudgeTarget): Promise<{ objects: number; findings: LiveApiFinding[] }> {
  const kinds = await servedKinds(reader, wantedKinds(target.additional));
  const lists = await Promise.all(kinds.map(async (k) => ({ kind: k.kind, items: await reader.list(k.path) })));
  return {
    objects: lists.reduce((n, l) => n + l.items.length, 0),
    findings: lists.flatMap((l) => l.items.flatMap((o) => judgeLiveObject(l.kind, o, target))),
  };
}
