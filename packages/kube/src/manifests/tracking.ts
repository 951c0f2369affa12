import type { Manifest } from './types.js';

/** Marks what a deploy created, so the next one can prune what it no longer ships. */
export const DEPLOY_LABEL = 'eks-kit.dev/deploy';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** A per-resource timeout, like krane's timeout-override: "90s", "5m", "1h" or seconds. */
export const TIMEOUT_ANNOTATION = 'eks-kit.dev/timeout';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** A label value: at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric. */
export function labelValue(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '') || 'default';
}

/** Labels top-level objects (never pod templates: that would restart pods) with the deploy id. */
export function markManaged(manifests: readonly Manifest[], deployId: string, changeCause?: string): void {
  for (const { object } of manifests) {
    // Namespaces are often shared and Edit access may not patch them; leave them alone.
    if (object.kind === 'Namespace') continue;
    object.metadata.labels = { ...object.metadata.labels, [DEPLOY_LABEL]: labelValue(deployId), [MANAGED_BY_LABEL]: 'eks-kit' };
    if (changeCause) object.metadata.annotations = { ...object.metadata.annotations, [CHANGE_CAUSE_ANNOTATION]: changeCause };
  }
}

/** Parses the timeout annotation; undefined when absent, an error message when unreadable. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  return Math.round(value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h']);
}
