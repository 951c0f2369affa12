import type { Finding } from '../types.js';
import { countBySeverity } from './summary.js';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', style: '\x1b[2m' } as const;
const RESET = '\x1b[0m';

/** `Dockerfile:12:5 DL3008 warning: message`, one line a finding, like compilers print. */
export function formatText(findings: readonly Finding[], options: { color?: boolean; filesChecked?: number } = {}): string {
  const lines = findings.map((f) => {
    const severity = options.color ? `${COLORS[f.severity]}${f.severity}${RESET}` : f.severity;
    return `${f.file}:${f.range.startLine}:${f.range.startColumn} ${f.code} ${severity}: ${f.message}`;
  });
  const counts = countBySeverity(findings);
  const files = options.filesChecked === undefined ? '' : ` in ${options.filesChecked} file${options.filesChecked === 1 ? '' : 's'}`;
  lines.push(
    counts.total === 0
      ? `No findings${files}.`
      : `${counts.total} finding${counts.total === 1 ? '' : 's'}${files}: ${counts.error} error, ${counts.warning} warning, ${counts.info} info, ${counts.style} style`,
  );
  return lines.join('\n') + '\n';
}
