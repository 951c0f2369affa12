/** Severities in hadolint's order, so `.hadolint.yaml` thresholds and overrides mean the same here. */
export const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export type Category = 'layers' | 'cache' | 'size' | 'security' | 'correctness' | 'maintainability' | 'startup';

/** 1-based lines and columns, end column exclusive (as SARIF and GitHub annotations expect). */
export interface SourceRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  range: SourceRange;
  category: Category;
}

export interface RuleMeta {
  code: string;
  severity: Severity;
  category: Category;
  /** One line, as shown beside a finding. */
  title: string;
  /** Set for rules whose meaning matches the hadolint rule of the same code. */
  hadolint?: boolean;
  /** Off unless enabled in config (hadolint's DL1001 and DL3057 are off by default too). */
  offByDefault?: boolean;
}
