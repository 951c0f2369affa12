import { SEVERITIES, severityRank, type Finding, type Severity } from '../types.js';
import type { FailureThreshold } from '../config.js';

export type SeverityCounts = Record<Severity, number> & { total: number };

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = { error: 0, warning: 0, info: 0, style: 0, total: findings.length };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Whether any finding is at or above the threshold (hadolint's `failure-threshold`). */
export function exceedsThreshold(findings: readonly Finding[], threshold: FailureThreshold): boolean {
  return findings.some((f) => atOrAbove(f, threshold));
}

export function atOrAbove(finding: Finding, threshold: FailureThreshold): boolean {
  return threshold !== 'none' && severityRank(finding.severity) <= severityRank(threshold);
}

/** Most severe first, then by file and line: the order annotations and summaries show. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine,
  );
}

export { SEVERITIES };
