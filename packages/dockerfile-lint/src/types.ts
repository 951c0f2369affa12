/** Severities in hadolint's order, so `.hadolint.yaml` thresholds and overrides mean the same here. */
export const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * Orders rule codes (`DL3008`, `EK1001`: two capitals and four digits). For these a plain
 * comparison gives localeCompare's order without loading the ICU collator, which cost the CLI
 * about 10 ms at start-up.
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  /** Stable identity of the finding across commits (set by the linter; see fingerprints.ts). */
  fingerprint?: string;
  /** The BuildKit build check this finding also answers to, when its code is a DL or EK code. */
  buildkit?: string;
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
  /**
   * BuildKit's name for this check (`docker build --check`). On a BuildKit rule it is the code;
   * on a DL or EK rule it means BuildKit's check is the same one, so the finding shows both names
   * and `# check=skip=<name>` silences it.
   */
  buildkit?: string;
  /** A BuildKit check that runs only when `# check=experimental=` names it (or says `all`). */
  experimental?: boolean;
  /**
   * A BuildKit check close to, but not the same as, this DL/EK rule: where both find the same
   * spot, the one finding of that code also shows this check's name instead of a second finding.
   */
  joins?: string;
}
