import data from '../data/removed-apis.json' with { type: 'json' };
import { compareVersions } from '../version.js';

export interface ApiLifecycle {
  apiVersion: string;
  /** null: every kind of the apiVersion. */
  kind: string | null;
  deprecatedIn: string | null;
  removedIn: string | null;
  replacement: string | null;
  replacementAvailableIn: string | null;
  component: string;
}

export interface ApiVerdict {
  status: 'removed' | 'deprecated';
  /** The version that removed or deprecated it. */
  since: string;
  replacement?: string;
  /** The replacement is not served yet by `current`, so it cannot be switched to before the upgrade. */
  replacementNotYetServed?: boolean;
  lifecycle: ApiLifecycle;
}

// Only Kubernetes' own APIs are judged against a cluster version; add-on CRDs have their own.
const K8S_APIS = (data.apis as ApiLifecycle[]).filter((a) => a.component === 'k8s');
const BY_API_VERSION = new Map<string, ApiLifecycle[]>();
for (const api of K8S_APIS) BY_API_VERSION.set(api.apiVersion, [...(BY_API_VERSION.get(api.apiVersion) ?? []), api]);

export const REMOVED_APIS_CHECKED_ON = data.checkedOn;

/** Every lifecycle judged against a cluster version: a user's entries, then the bundled list's. */
export function judgedApis(additional: readonly ApiLifecycle[] = []): readonly ApiLifecycle[] {
  return [...additional, ...K8S_APIS];
}

/**
 * Whether (apiVersion, kind) is removed or deprecated by `target`; undefined when it is fine. An
 * entry of `additional` (a user's versions file) wins over the bundled one for the same pair.
 */
export function judgeApi(apiVersion: string, kind: string, target: string, current?: string, additional: readonly ApiLifecycle[] = []): ApiVerdict | undefined {
  const candidates = BY_API_VERSION.get(apiVersion);
  const lifecycle = additional.find((a) => a.apiVersion === apiVersion && a.kind === kind) ?? candidates?.find((a) => a.kind === kind) ?? candidates?.find((a) => a.kind === null);
  if (!lifecycle) return undefined;
  const replacement = lifecycle.replacement ? { replacement: lifecycle.replacement } : {};
  const notYet = current && lifecycle.replacementAvailableIn && compareVersions(current, lifecycle.replacementAvailableIn) < 0 ? { replacementNotYetServed: true } : {};
  if (lifecycle.removedIn && compareVersions(target, lifecycle.removedIn) >= 0) {
    return { status: 'removed', since: lifecycle.removedIn, ...replacement, ...notYet, lifecycle };
  }
  if (lifecycle.deprecatedIn && compareVersions(target, lifecycle.deprecatedIn) >= 0) {
    return { status: 'deprecated', since: lifecycle.deprecatedIn, ...replacement, ...notYet, lifecycle };
  }
  return undefined;
}
