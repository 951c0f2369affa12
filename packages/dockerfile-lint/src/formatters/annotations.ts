import { SEVERITIES, type Finding, type Severity } from '../types.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export function annotationLevel(severity: Severity): AnnotationLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

/** GitHub shows at most this many annotations of each level per step and drops the rest. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * The findings to annotate, at most `max` and at most ANNOTATIONS_PER_LEVEL per level, most
 * severe level first. Within a level they are taken round-robin over rules, and within a rule
 * round-robin over files, so ten slots show ten different problems rather than ten of one rule.
 */
export function pickAnnotations(findings: readonly Finding[], max: number, perLevel = ANNOTATIONS_PER_LEVEL): Finding[] {
  const chosen: Finding[] = [];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const ofLevel = findings.filter((f) => annotationLevel(f.severity) === level);
    const room = Math.min(perLevel, max - chosen.length);
    if (room <= 0) break;
    chosen.push(...roundRobin(groupBy(ofLevel, ruleKey).map((group) => roundRobin(groupBy(group, (f) => f.file), room)), room));
  }
  return chosen;
}

// Most severe rule first within a level (info before style), then by code.
function ruleKey(finding: Finding): string {
  return `${SEVERITIES.indexOf(finding.severity)}:${finding.code}`;
}

/** Groups in order of their key, members in file and line order. */
function groupBy(findings: readonly Finding[], key: (f: Finding) => string): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const k = key(finding);
    const group = groups.get(k);
    if (group) group.push(finding);
    else groups.set(k, [finding]);
  }
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/** One from each list in turn until `limit` are taken or all lists are empty. */
function roundRobin(lists: readonly Finding[][], limit: number): Finding[] {
  const taken: Finding[] = [];
  for (let index = 0; taken.length < limit; index++) {
    let any = false;
    for (const list of lists) {
      const item = list[index];
      if (item === undefined) continue;
      any = true;
      taken.push(item);
      if (taken.length === limit) break;
    }
    if (!any) break;
  }
  return taken;
}
