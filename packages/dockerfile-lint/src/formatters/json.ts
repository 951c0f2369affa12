import type { Finding } from '../types.js';
import { countBySeverity } from './summary.js';

/** Stable JSON for scripts: the findings and the counts. */
export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify({ findings, counts: countBySeverity(findings) }, null, 2) + '\n';
}
