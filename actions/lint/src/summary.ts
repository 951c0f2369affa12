import { escapeCell, plural, table } from '@eks-kit/action-runtime';
import { bySeverity, countBySeverity, type Finding, type LintRunResult } from '@eks-kit/dockerfile-lint';

const MAX_ROWS = 100;
const ICON = { error: '🔴', warning: '🟠', info: '🔵', style: '⚪' } as const;

export interface SummaryLinks {
  /** Link to a file at this commit, or undefined outside a repository context. */
  fileUrl(file: string, line: number): string | undefined;
  ruleUrl(code: string, hadolint: boolean): string;
  isHadolint(code: string): boolean;
}

/** The job summary a reviewer reads: verdict, counts, then findings most severe first. */
export function renderSummary(result: LintRunResult, annotated: number, links: SummaryLinks): string {
  const counts = countBySeverity(result.findings);
  const verdict = result.failed
    ? `❌ **Failed**: findings at or above \`${result.threshold}\``
    : result.findings.length === 0
      ? '✅ **Passed**: no findings'
      : `✅ **Passed**: nothing at or above \`${result.threshold}\``;
  const parts = [
    '## Dockerfile lint\n\n',
    `${verdict} in ${plural(result.files.length, 'Dockerfile')}${result.configSource ? ` (config: \`${result.configSource}\`)` : ''}.\n\n`,
    table(['Severity', 'Findings'], [
      [`${ICON.error} error`, String(counts.error)],
      [`${ICON.warning} warning`, String(counts.warning)],
      [`${ICON.info} info`, String(counts.info)],
      [`${ICON.style} style`, String(counts.style)],
    ]),
  ];
  if (result.findings.length > 0) {
    const sorted = bySeverity(result.findings);
    parts.push('\n', table(['', 'Rule', 'Where', 'Finding'], sorted.slice(0, MAX_ROWS).map((f) => row(f, links))));
    if (sorted.length > MAX_ROWS) parts.push(`\n…and ${sorted.length - MAX_ROWS} more; the full list is in the step log${result.findings.length ? ' and the SARIF file when one is written' : ''}.\n`);
    if (annotated < result.findings.length) {
      parts.push(`\n${plural(annotated, 'finding')} shown as annotations on the changed files; ${result.findings.length - annotated} more are listed here only (GitHub shows a limited number of annotations per step).\n`);
    }
  }
  return parts.join('');
}

function row(finding: Finding, links: SummaryLinks): string[] {
  const where = `${finding.file}:${finding.range.startLine}`;
  const url = links.fileUrl(finding.file, finding.range.startLine);
  return [
    ICON[finding.severity],
    `[${finding.code}](${links.ruleUrl(finding.code, links.isHadolint(finding.code))})`,
    url ? `[${escapeCell(where)}](${url})` : escapeCell(where),
    escapeCell(finding.message),
  ];
}
