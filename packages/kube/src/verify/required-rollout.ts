/**
 * How much of a Deployment's rollout the deploy waits for, from its annotation (krane's
 * required-rollout, under eks-kit's name): `full` (the default) every replica updated and
 * available; `maxUnavailable` as many new replicas as the rolling update keeps up at least;
 * a percentage (`90%`) that share of the replicas; `none` only the spec observed.
 */
import type { LiveObject } from './live.js';
import { num } from './live.js';

export const REQUIRED_ROLLOUT_ANNOTATION = 'eks-kit.dev/required-rollout';

export type RequiredRollout = { kind: 'full' } | { kind: 'none' } | { kind: 'maxUnavailable' } | { kind: 'percent'; percent: number };

/** undefined when the text is none of the accepted values. */
export function parseRequiredRollout(text: string): RequiredRollout | undefined {
  const t = text.trim();
  if (t === 'full' || t === 'none' || t === 'maxUnavailable') return { kind: t };
  const percent = /^(\d{1,3})%$/.exec(t);
  if (percent && Number(percent[1]) <= 100) return { kind: 'percent', percent: Number(percent[1]) };
  return undefined;
}

export function requiredRolloutOf(object: LiveObject): RequiredRollout {
  const text = object.metadata.annotations?.[REQUIRED_ROLLOUT_ANNOTATION];
  return (text === undefined ? undefined : parseRequiredRollout(text)) ?? { kind: 'full' };
}

/** The new replicas that must be ready and available under a partial rule (krane's arithmetic). */
export function minimumAvailable(object: LiveObject, rule: { kind: 'maxUnavailable' } | { kind: 'percent'; percent: number }, replicas: number): number {
  if (rule.kind === 'percent') return Math.ceil((replicas * rule.percent) / 100);
  const strategy = object.spec?.strategy as { type?: string; rollingUpdate?: { maxUnavailable?: number | string } } | undefined;
  // Recreate has no rolling window: every replica is needed, as with full.
  const maxUnavailable = strategy?.type === 'Recreate' ? 0 : strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  if (typeof maxUnavailable === 'string' && maxUnavailable.endsWith('%')) return Math.ceil((replicas * (100 - Number.parseInt(maxUnavailable, 10))) / 100);
  return Math.max(0, replicas - num(typeof maxUnavailable === 'string' ? Number(maxUnavailable) : maxUnavailable));
}
