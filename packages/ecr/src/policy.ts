import { entryMatches, isExpired, type AllowlistEntry } from './allowlist.js';
import type { Finding } from './finding.js';
import type { UnusableStatus } from './scan-status.js';
import { atOrAbove, countBySeverity, SEVERITIES, type Severity, type SeverityCounts } from './severity.js';
import type { Thresholds } from './thresholds.js';

export interface Policy {
  /** Most findings allowed per severity; wins over `failOn` for the severities it names. */
  thresholds: Thresholds;
  /** Any finding at or above this severity fails (a limit of 0); `none` leaves only `thresholds`. */
  failOn: Severity | 'none';
  /** Findings scored below this CVSS do not count; findings without a score still do. */
  minCvss?: number;
  /** Only findings with a fix count; findings whose fix status is unknown (basic scanning) still do. */
  fixableOnly: boolean;
  allowlist: AllowlistEntry[];
  /** Scan statuses that pass with a warning instead of failing (default: none, fail closed). */
  acceptStatuses: readonly UnusableStatus[];
  /** `new`: the limits apply only to findings the baseline does not have. Default `all`. */
  gateOn?: 'all' | 'new';
  /** With `gateOn: new` and no usable baseline: `fail` closed (default) or judge `all` findings. */
  baselineMissing?: 'fail' | 'all';
}

export const DEFAULT_FAIL_ON: Severity = 'HIGH';

export type IgnoreReason = 'allowlisted' | 'below-min-cvss' | 'no-fix';

export interface IgnoredFinding {
  finding: Finding;
  reason: IgnoreReason;
  entry?: AllowlistEntry;
}

export interface Breach {
  severity: Severity;
  count: number;
  limit: number;
}

export interface FindingsVerdict {
  pass: boolean;
  /** Findings the policy counted. */
  counted: Finding[];
  ignored: IgnoredFinding[];
  counts: SeverityCounts;
  breaches: Breach[];
  /** Allowlist entries that matched a finding here but had expired, so the finding counted. */
  expiredMatches: AllowlistEntry[];
}

/** The limit per severity that `thresholds` and `failOn` add up to (Infinity: no limit). */
export function limits(policy: Pick<Policy, 'thresholds' | 'failOn'>): Record<Severity, number> {
  const result = {} as Record<Severity, number>;
  for (const severity of SEVERITIES) {
    const explicit = policy.thresholds[severity];
    result[severity] = explicit ?? (policy.failOn !== 'none' && atOrAbove(severity, policy.failOn) ? 0 : Number.POSITIVE_INFINITY);
  }
  return result;
}

/** Judges one image's findings. `now` decides which allowlist entries have expired. */
export function judgeFindings(findings: readonly Finding[], policy: Policy, now: number): FindingsVerdict {
  const counted: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  const expiredMatches = new Set<AllowlistEntry>();
  for (const finding of findings) {
    const matching = policy.allowlist.filter((e) => entryMatches(e, finding));
    const live = matching.find((e) => !isExpired(e, now));
    for (const e of matching) if (isExpired(e, now)) expiredMatches.add(e);
    if (live) ignored.push({ finding, reason: 'allowlisted', entry: live });
    else if (policy.minCvss !== undefined && finding.cvss !== undefined && finding.cvss < policy.minCvss) ignored.push({ finding, reason: 'below-min-cvss' });
    else if (policy.fixableOnly && finding.fixAvailable === 'no') ignored.push({ finding, reason: 'no-fix' });
    else counted.push(finding);
  }
  const counts = countBySeverity(counted);
  const limit = limits(policy);
  const breaches = SEVERITIES.filter((s) => counts[s] > limit[s]).map((s) => ({ severity: s, count: counts[s], limit: limit[s] }));
  return { pass: breaches.length === 0, counted, ignored, counts, breaches, expiredMatches: [...expiredMatches] };
}

/** Whether a finding is in a severity that broke its limit: the findings that decided a failure. */
export function isDeciding(finding: Finding, verdict: FindingsVerdict): boolean {
  return verdict.breaches.some((b) => b.severity === finding.severity);
}
