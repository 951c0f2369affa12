import { bySeverity, type Finding } from './finding.js';

/**
 * The same vulnerability in the same package, whatever its installed version: a bump of openssl
 * that still carries CVE-2024-0001 is not a new finding, and a bump that removes it is a fixed one.
 */
export function deltaKey(finding: Finding): string {
  return `${finding.id}\u0000${finding.packageName ?? ''}`;
}

export interface FindingsDelta {
  /** In this image, not in the baseline; most severe first. */
  added: Finding[];
  /** In the baseline, not in this image; most severe first. */
  fixed: Finding[];
  /** In both. */
  unchanged: number;
}

/** Compares two sets of findings, each counted once per vulnerability and package. */
export function compareFindings(current: readonly Finding[], baseline: readonly Finding[]): FindingsDelta {
  const now = distinctByKey(current);
  const before = distinctByKey(baseline);
  const added = [...now].filter(([key]) => !before.has(key)).map(([, f]) => f);
  const fixed = [...before].filter(([key]) => !now.has(key)).map(([, f]) => f);
  return { added: bySeverity(added), fixed: bySeverity(fixed), unchanged: now.size - added.length };
}

function distinctByKey(findings: readonly Finding[]): Map<string, Finding> {
  const byKey = new Map<string, Finding>();
  for (const f of findings) if (!byKey.has(deltaKey(f))) byKey.set(deltaKey(f), f);
  return byKey;
}
