/** ECR's severities (basic and enhanced scanning share them; Inspector's UNTRIAGED maps to UNDEFINED). */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Lower is more severe, so sorting by rank puts CRITICAL first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: Severity, floor: Severity): boolean {
  return severityRank(severity) <= severityRank(floor);
}

/** Accepts ECR's spelling in any case, plus `info` and Inspector's `untriaged`. */
export function parseSeverity(value: string): Severity | undefined {
  const upper = value.trim().toUpperCase();
  if (upper === 'INFO') return 'INFORMATIONAL';
  if (upper === 'UNTRIAGED') return 'UNDEFINED';
  return (SEVERITIES as readonly string[]).includes(upper) ? (upper as Severity) : undefined;
}

export type SeverityCounts = Record<Severity, number>;

export function emptyCounts(): SeverityCounts {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNDEFINED: 0 };
}

export function countBySeverity(items: readonly { severity: Severity }[]): SeverityCounts {
  const counts = emptyCounts();
  for (const item of items) counts[item.severity] += 1;
  return counts;
}
