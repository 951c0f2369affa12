import { escapeCell, plural, table } from '@eks-kit/action-runtime';
import { bySeverity, countBySeverity, shellcheckNotice, type Finding, type LintRunResult } from '@eks-kit/dockerfile-lint';

const MAX_ROWS = 100;
const ICON = { error: '🔴', warning: '🟠', info: '🔵', style: '⚪' } as const;

export interface SummaryLinks {
  /** Link to a file at this commit, or undefined outside a repository context. */
  fileUrl(file: string, line: number): string | undefined;
  ruleUrl(code: string): string;
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
    const closing = closingLine(sorted.length, annotated);
    if (closing) parts.push(`\n${closing}\n`);
  }
  const notice = shellcheckNotice(result.shellcheck);
  if (notice) parts.push(`\n> [!NOTE]\n> ${notice}\n`);
  return parts.join('');
}

/** One sentence on what is not shown here or as annotations, and where it is; nothing when all is shown. */
function closingLine(total: number, annotated: number): string | undefined {
  const listed = Math.min(total, MAX_ROWS);
  if (listed === total && annotated === total) return undefined;
  const where = listed < total ? `The table shows ${listed} of ${total} findings` : `The table shows all ${total} findings`;
  return `${where} and ${annotated} ${annotated === 1 ? 'is' : 'are'} annotated in the diff; the step log lists every finding.`;
}

function row(finding: Finding, links: SummaryLinks): string[] {
  const where = `${finding.file}:${finding.range.startLine}`;
  const url = links.fileUrl(finding.file, finding.range.startLine);
  return [
    ICON[finding.severity],
    `[${finding.code}](${links.ruleUrl(finding.code)})`,
    url ? `[${escapeCell(where)}](${url})` : escapeCell(where),
    escapeCell(finding.message),
  ];
}
