import type { Finding } from '../types.js';
import { annotationLevel } from './annotations.js';

/** One workflow command per finding; GitHub turns them into annotations at the line. */
export function formatGithub(findings: readonly Finding[]): string {
  return findings.map((f) => annotationCommand(f)).join('');
}

export function annotationCommand(finding: Finding): string {
  const command = annotationLevel(finding.severity);
  const props = [
    `file=${escapeProperty(finding.file)}`,
    `line=${finding.range.startLine}`,
    `endLine=${finding.range.endLine}`,
    ...(finding.range.startLine === finding.range.endLine
      ? [`col=${finding.range.startColumn}`, `endColumn=${finding.range.endColumn}`]
      : []),
    `title=${escapeProperty(`${finding.code} (${finding.severity})`)}`,
  ];
  return `::${command} ${props.join(',')}::${escapeData(finding.message)}\n`;
}

// The escapes the runner's command parser undoes (actions/toolkit command.ts semantics).
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
