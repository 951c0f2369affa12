import { describeFailure, where } from './fleet.js';
import type { ClusterReport, FleetReport } from './report.js';

const MARK = { ok: 'OK', warning: 'WARN', failure: 'FAIL' } as const;

/** The report for a terminal or a step log: one block per cluster, most urgent first. */
export function formatText(report: FleetReport): string {
  const lines: string[] = [];
  for (const c of sortByUrgency(report.clusters)) lines.push(...clusterBlock(c), '');
  for (const f of report.failures) lines.push(`ERROR ${describeFailure(f)}`);
  if (report.failures.length > 0) lines.push('');
  if (report.manifestScan) {
    const s = report.manifestScan;
    lines.push(`Manifests: ${count(s.documents, 'document')} in ${count(s.files, 'YAML file')}.`);
    for (const c of s.charts) lines.push(`  chart ${c.chart}: ${c.rendered ? 'rendered with helm template' : `not rendered (${c.reason ?? 'unknown'}); templates scanned line by line`}`);
    for (const t of s.templated) {
      lines.push(`  ${t.file}: ${t.parseError ? `not valid YAML (${t.parseError}); scanned line by line` : `template: ${t.skippedLines} template lines skipped`}${t.templatedTypes ? `, ${t.templatedTypes} templated apiVersion/kind not judged` : ''}`);
    }
  }
  lines.push(`Result: ${report.status} (${report.clusters.length} checked, ${report.failures.length} could not be checked)`);
  return lines.join('\n') + '\n';
}

function clusterBlock(c: ClusterReport): string[] {
  const s = c.support;
  const lines = [
    `${MARK[c.verdict.severity]} ${c.cluster} (${where(c)}) Kubernetes ${c.version} → ${c.targetVersion}, platform ${c.platform.message}`,
    s
      ? `  support: ${s.phase}; standard ends ${s.endOfStandardSupport} (${days(s.daysToEndOfStandard)}), extended ends ${s.endOfExtendedSupport} (${days(s.daysToEndOfExtended)})`
      : '  support: unknown (version not in the calendar)',
  ];
  if (s) lines.push(`  at the deadline: ${s.atDeadline}`);
  lines.push(`  calendar: ${c.calendarSource === 'api' ? 'DescribeClusterVersions' : 'bundled'}${c.calendarNote ? ` (${c.calendarNote})` : ''}`);
  for (const reason of c.verdict.reasons) lines.push(`  why: ${reason}`);
  for (const n of c.nodegroups) lines.push(`  node group ${n.name}: ${n.version}${n.releaseVersion ? ` (AMI ${n.releaseVersion}${n.amiAgeDays !== undefined ? `, ${n.amiAgeDays} days old` : ''})` : ''}: ${n.message}`);
  for (const a of c.addons) lines.push(`  add-on ${a.name} ${a.version}: ${a.message}`);
  if (c.network?.status === 'checked') {
    for (const r of [...(c.network.controlPlane ? [c.network.controlPlane] : []), ...c.network.nodegroups]) lines.push(`  free IPs, ${r.scope}: ${r.ok ? 'ok' : 'SHORT'}: ${r.message}`);
  }
  if (c.workloads?.status === 'checked') {
    lines.push(`  workloads: ${c.workloads.objects} objects read, ${c.workloads.findings.length} finding${c.workloads.findings.length === 1 ? '' : 's'}`);
    for (const w of c.workloads.findings) lines.push(`  [${w.check}] ${w.blocker ? 'BLOCKER ' : ''}${w.object}: ${w.message}`);
    for (const f of c.workloads.liveApis) lines.push(`  live ${f.object} (${f.source}): ${f.kind} ${f.apiVersion} ${f.status} in ${f.since}${f.replacement ? `, use ${f.replacement}` : ', no replacement'}`);
  }
  for (const i of c.insights.filter((x) => x.status !== 'PASSING')) lines.push(`  insight [${i.status}] ${i.name}: ${i.reason}`);
  for (const m of c.manifests) {
    lines.push(`  ${m.file}:${m.line} ${m.kind} ${m.apiVersion} ${m.status} in ${m.since}${m.replacement ? `, use ${m.replacement}` : ', no replacement'}`);
  }
  c.playbook.forEach((step, index) => {
    lines.push(`  ${index + 1}. ${step.title}${step.required ? '' : ' (recommended)'}`);
    for (const item of step.items) lines.push(`       - ${item}`);
    for (const b of step.blockers) lines.push(`       BLOCKED: ${b}`);
  });
  for (const note of c.notes) lines.push(`  note: ${note}`);
  return lines;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function days(n: number): string {
  if (n === 0) return 'today';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

const RANK = { failure: 0, warning: 1, ok: 2 } as const;

/** Most urgent first: worst verdict, then fewest days of standard support left. */
export function sortByUrgency(clusters: readonly ClusterReport[]): ClusterReport[] {
  return [...clusters].sort(
    (a, b) => RANK[a.verdict.severity] - RANK[b.verdict.severity] || (a.support?.daysToEndOfStandard ?? 0) - (b.support?.daysToEndOfStandard ?? 0) || a.cluster.localeCompare(b.cluster),
  );
}
