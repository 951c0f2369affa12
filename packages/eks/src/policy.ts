import type { SupportState } from './support.js';

export interface DriftPolicy {
  /** Warn this many days (or fewer) before the end of standard support. */
  warnDays: number;
  /** Fail this many days (or fewer) before it; also once in extended support. */
  failDays: number;
  /** Fail when the next upgrade has a blocker. */
  failOnBlockers: boolean;
}

export const DEFAULT_POLICY: DriftPolicy = { warnDays: 90, failDays: 30, failOnBlockers: true };

export type Severity = 'ok' | 'warning' | 'failure';

export interface Verdict {
  severity: Severity;
  reasons: string[];
}

const RANK: Record<Severity, number> = { ok: 0, warning: 1, failure: 2 };

export function worst(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The cluster's severity under the policy, with a reason for each step up. */
export function evaluatePolicy(support: SupportState | undefined, blockers: readonly string[], policy: DriftPolicy): Verdict {
  let severity: Severity = 'ok';
  const reasons: string[] = [];
  const raise = (to: Severity, reason: string) => {
    severity = worst(severity, to);
    reasons.push(reason);
  };
  if (!support) raise('warning', 'the version is not in the calendar, so its support dates are unknown');
  else if (support.phase === 'unsupported') raise('failure', `past the end of extended support (${support.endOfExtendedSupport})`);
  else if (support.phase === 'extended' && !support.payingForExtendedSupport) raise('failure', `past the end of standard support (${support.endOfStandardSupport}) on upgradePolicy STANDARD: EKS upgrades the control plane automatically`);
  else if (support.phase === 'extended') raise('failure', `in extended support since ${support.endOfStandardSupport} (extra charge); ${support.daysToEndOfExtended} days until it ends`);
  else if (support.daysToEndOfStandard <= policy.failDays) raise('failure', `${support.daysToEndOfStandard} days until the end of standard support (fail at ${policy.failDays})`);
  else if (support.daysToEndOfStandard <= policy.warnDays) raise('warning', `${support.daysToEndOfStandard} days until the end of standard support (warn at ${policy.warnDays})`);
  if (blockers.length > 0) {
    const more = blockers.length > 1 ? ` (and ${blockers.length - 1} more)` : '';
    raise(policy.failOnBlockers ? 'failure' : 'warning', `upgrade blocked: ${blockers[0]}${more}`);
  }
  return { severity, reasons };
}
