import { bySeverity } from './finding.js';
import type { GateResult } from './gate.js';
import { formatReference } from './reference.js';
import { EMPTY_BASIC_SCAN_NOTICE } from './scan-status.js';
import { SEVERITIES } from './severity.js';

/** The report a person reads in a terminal or a step log. */
export function formatTextReport(result: GateResult, options: { maxFindings?: number } = {}): string {
  const max = options.maxFindings ?? 50;
  const image = formatReference({ ...result.reference, digest: result.resolved.digest });
  const lines = [`${result.pass ? 'PASS' : 'FAIL'} ${image}`];
  lines.push(`  counted: ${SEVERITIES.map((s) => `${s.toLowerCase()} ${result.counts[s]}`).join(', ')} (${result.totalFindings} finding${result.totalFindings === 1 ? '' : 's'} reported)`);
  for (const platform of result.platforms) {
    const name = platform.image.platform ?? 'image';
    lines.push(`  ${platform.pass ? 'pass' : 'FAIL'} ${name} ${platform.image.digest}: ${platform.reason}`);
    const shown = bySeverity(platform.verdict?.counted ?? []);
    for (const f of shown.slice(0, max)) {
      const fix = f.fixedVersion ? ` → ${f.fixedVersion}` : f.fixAvailable === 'no' ? ' (no fix)' : '';
      const score = f.cvss !== undefined ? ` cvss ${f.cvss}` : '';
      lines.push(`    ${f.severity.padEnd(13)} ${f.id.padEnd(18)} ${f.packageName ?? ''} ${f.packageVersion ?? ''}${fix}${score}`.trimEnd());
    }
    if (shown.length > max) lines.push(`    …and ${shown.length - max} more`);
  }
  for (const entry of result.allowlist.used) lines.push(`  allowlisted: ${entry.id} until ${entry.expires} (${entry.reason}) [${entry.source}]`);
  for (const entry of result.allowlist.expired) lines.push(`  EXPIRED allowlist entry: ${entry.id} expired ${entry.expires}; it no longer hides anything [${entry.source}]`);
  for (const entry of result.allowlist.stale) lines.push(`  stale allowlist entry: ${entry.id} is not in the image any more; remove it [${entry.source}]`);
  if (result.platforms.some((p) => p.unprovenEmpty)) lines.push(`  note: ${EMPTY_BASIC_SCAN_NOTICE}`);
  lines.push(...baselineLines(result));
  lines.push(`  ${result.apiCalls} ECR API call${result.apiCalls === 1 ? '' : 's'} in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}

/** The comparison with the baseline: each new and fixed finding, or why there was none. */
function baselineLines(result: GateResult): string[] {
  const baseline = result.baseline;
  if (!baseline) return [];
  if (baseline.kind === 'missing') return [`  baseline: none (${baseline.reason})`];
  const delta = result.delta;
  const lines = [`  baseline ${formatReference({ ...baseline.reference, digest: baseline.digest })}: ${delta ? `${delta.added.length} new, ${delta.fixed.length} fixed, ${delta.unchanged} unchanged` : 'not compared (this image has no findings to compare)'}`];
  for (const f of delta?.added ?? []) lines.push(`    new   ${f.severity.padEnd(13)} ${f.id} ${f.packageName ?? ''}`.trimEnd());
  for (const f of delta?.fixed ?? []) lines.push(`    fixed ${f.severity.padEnd(13)} ${f.id} ${f.packageName ?? ''}`.trimEnd());
  return lines;
}
