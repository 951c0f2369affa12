/**
 * Custom resources judged by their status conditions (krane's rule for them): Ready, or else
 * Available, True at the object's current generation. The conditions to wait for can be named per
 * object, or per kind on its CRD, with `eks-kit.dev/rollout-conditions`; a custom resource with no
 * conditions (and no annotation) counts as applied, not awaited.
 */
import type { Verdict } from './kinds.js';
import type { LiveObject } from './live.js';
import { num } from './live.js';

export const ROLLOUT_CONDITIONS_ANNOTATION = 'eks-kit.dev/rollout-conditions';

/** Condition types that must all be True, or 'none': not awaited. */
export type RolloutConditions = string[] | 'none';

const DEFAULT_TYPES = ['Ready', 'Available'];

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

/** `Ready`, `Synced,Ready` or `none`; anything else is an error saying what was expected. */
export function parseRolloutConditions(value: string): { conditions: RolloutConditions } | { error: string } {
  const trimmed = value.trim();
  if (trimmed === 'none') return { conditions: 'none' };
  const types = trimmed.split(',').map((t) => t.trim());
  if (types.length === 0 || types.some((t) => !/^[A-Za-z][A-Za-z0-9]*$/.test(t))) return { error: `${ROLLOUT_CONDITIONS_ANNOTATION} "${value}" is not a comma-separated list of condition types (e.g. "Ready" or "Synced,Ready") or "none"` };
  return { conditions: types };
}

function said(c: Condition): string {
  return `${c.type} ${c.status}${c.reason ? `, ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`;
}

export function customResourceVerdict(live: LiveObject, override?: RolloutConditions): Verdict {
  const applied = (why: string): Verdict => ({ state: 'succeeded', message: `applied (${why})`, pods: [] });
  if (override === 'none') return applied(`${ROLLOUT_CONDITIONS_ANNOTATION}: none`);
  const conditions = (live.status?.conditions ?? []) as Condition[];
  if (!override && conditions.length === 0) return applied('no status conditions to judge');
  const types = override ?? DEFAULT_TYPES.filter((t) => conditions.some((c) => c.type === t)).slice(0, 1);
  if (types.length === 0) return applied(`no ${DEFAULT_TYPES.join(' or ')} condition`);
  const generation = num(live.metadata.generation);
  for (const type of types) {
    const c = conditions.find((x) => x.type === type);
    if (!c) return { state: 'pending', message: `waiting for its ${type} condition`, pods: [] };
    // A condition written for an earlier generation says nothing about this one.
    const observed = c.observedGeneration ?? live.status?.observedGeneration;
    if (observed !== undefined && generation > 0 && num(observed) < generation) {
      return { state: 'pending', message: `waiting for its controller to observe generation ${generation} (${type} is of generation ${num(observed)})`, pods: [] };
    }
    if (c.status === 'False' && c.reason) return { state: 'failed', message: said(c), pods: [] };
    if (c.status !== 'True') return { state: 'pending', message: `waiting for ${type} True (${said(c)})`, pods: [] };
  }
  return { state: 'succeeded', message: `${types.join(', ')} True`, pods: [] };
}
