import { escapeCell, plural, table } from '@eks-kit/action-runtime';
import { sortByUrgency, type ClusterReport, type FleetReport, where } from '@eks-kit/eks';
import type { IssueOutcome } from './issue.js';

const ICON = { ok: '✅', warning: '🟠', failure: '🔴' } as const;

/** The job summary: a table of clusters, what could not be checked, then each cluster's details. */
export function renderSummary(report: FleetReport, issues: readonly IssueOutcome[], issueErrors: readonly string[] = []): string {
  const clusters = sortByUrgency(report.clusters);
  const parts = ['## EKS version drift\n\n', `${verdictLine(report)}\n\n`];
  if (clusters.length > 0) {
    parts.push(
      table(
        ['', 'Cluster', 'Version', 'Target', 'Support', 'Standard support ends', 'Blockers', 'Calendar', 'Issue'],
        clusters.map((c) => [
          ICON[c.verdict.severity],
          escapeCell(`${c.cluster} (${where(c)})`),
          c.version,
          c.targetVersion,
          supportCell(c),
          c.support ? `${c.support.endOfStandardSupport} (${daysText(c.support.daysToEndOfStandard)})` : 'unknown',
          String(c.blockers.length),
          c.calendarSource === 'api' ? 'live' : 'bundled',
          issueCell(issues.find((i) => i.cluster === c.cluster && i.region === c.region)),
        ]),
      ),
    );
  }
  if (report.failures.length > 0) {
    parts.push('\n**Could not be checked**\n\n', ...report.failures.map((f) => `- ❌ \`${f.cluster}\`${f.region === '-' ? '' : ` (${where(f)})`}: ${escapeCell(f.message)}\n`));
  }
  if (issueErrors.length > 0) parts.push('\n**Issues not updated**\n\n', ...issueErrors.map((e) => `- ⚠️ ${escapeCell(e)}\n`));
  if (report.manifestScan) {
    const s = report.manifestScan;
    parts.push(`\nManifests: ${plural(s.documents, 'document')} in ${plural(s.files, 'YAML file')} scanned.`);
    const rendered = s.charts.filter((c) => c.rendered);
    if (rendered.length > 0) parts.push(` ${plural(rendered.length, 'Helm chart')} rendered with \`helm template\` (default values).`);
    for (const c of s.charts.filter((x) => !x.rendered)) parts.push(` Chart \`${escapeCell(c.chart)}\` not rendered: ${escapeCell(c.reason ?? 'unknown')}.`);
    if (s.templated.length > 0) parts.push(` ${plural(s.templated.length, 'file')} scanned line by line (Helm templates or YAML that does not parse): template lines were skipped.`);
    parts.push('\n');
  }
  for (const c of clusters) parts.push('\n<details><summary>', escapeCell(`${ICON[c.verdict.severity]} ${c.cluster} (${where(c)})`), '</summary>\n\n', renderCluster(c), '\n</details>\n');
  return parts.join('');
}

function verdictLine(report: FleetReport): string {
  const n = plural(report.clusters.length, 'cluster');
  if (report.status === 'error') return `❌ **${plural(report.failures.length, 'cluster')} could not be checked**; ${n} checked.`;
  if (report.status === 'failure') return `🔴 **Action needed** on ${report.clusters.filter((c) => c.verdict.severity === 'failure').length} of ${n}.`;
  if (report.status === 'warning') return `🟠 **Upgrade soon**: ${report.clusters.filter((c) => c.verdict.severity === 'warning').length} of ${n} near the end of standard support or with upgrade work.`;
  return `✅ **All ${n} within policy.**`;
}

function supportCell(c: ClusterReport): string {
  if (!c.support) return 'unknown';
  if (c.support.phase === 'extended') return c.support.payingForExtendedSupport ? '💸 extended (charged)' : 'ended (STANDARD: auto-upgrade)';
  if (c.support.phase === 'unsupported') return 'ended';
  return 'standard';
}

function daysText(days: number): string {
  return days >= 0 ? `${days} days left` : `${-days} days ago`;
}

function issueCell(issue: IssueOutcome | undefined): string {
  if (!issue?.number) return '';
  const text = `#${issue.number} ${issue.action}`;
  return issue.url ? `[${text}](${issue.url})` : text;
}

/** One cluster in Markdown: also the body of its issue. */
export function renderCluster(c: ClusterReport): string {
  const s = c.support;
  const parts: string[] = [];
  parts.push(`**Kubernetes ${c.version}** (platform ${escapeCell(c.platform.message)}) → next: **${c.targetVersion}**\n\n`);
  if (s) {
    parts.push(
      `- Standard support ends **${s.endOfStandardSupport}** (${daysText(s.daysToEndOfStandard)}); extended support ends ${s.endOfExtendedSupport} (${daysText(s.daysToEndOfExtended)}).\n`,
      `- ${s.payingForExtendedSupport ? '💸 **Paying for extended support now.**' : s.phase === 'unsupported' ? '**Out of support.**' : 'Not paying for extended support.'} ${s.phase === 'standard' ? 'At the deadline' : 'Now'}: ${s.atDeadline}.\n`,
    );
  } else parts.push('- Support dates unknown: the version is in neither the live nor the bundled calendar.\n');
  parts.push(`- Calendar: ${c.calendarSource === 'api' ? 'DescribeClusterVersions (live)' : 'bundled with eks-kit'}${c.calendarNote ? ` — ${escapeCell(c.calendarNote)}` : ''}.\n`);
  for (const reason of c.verdict.reasons) parts.push(`- ${ICON[c.verdict.severity]} ${escapeCell(reason)}\n`);

  if (c.playbook.length > 0) {
    parts.push('\n### Upgrade playbook (next minor)\n\n');
    c.playbook.forEach((step, i) => {
      parts.push(`${i + 1}. ${step.blockers.length > 0 ? '⛔ ' : ''}**${escapeCell(step.title)}**${step.required ? '' : ' (recommended)'}\n`);
      for (const item of step.items) parts.push(`   - ${escapeCell(item)}\n`);
      for (const b of step.blockers) parts.push(`   - ⛔ blocked: ${escapeCell(b)}\n`);
    });
  }
  if (c.nodegroups.length > 0) {
    parts.push('\n', table(['Node group', 'Version', 'AMI release', 'Skew'], c.nodegroups.map((n) => [escapeCell(n.name), n.version, escapeCell(n.releaseVersion ? `${n.releaseVersion}${n.amiAgeDays !== undefined ? ` (${n.amiAgeDays} days old)` : ''}` : ''), escapeCell(n.message)])));
  }
  if (c.addons.length > 0) {
    parts.push('\n', table(['Add-on', 'Installed', `For ${c.targetVersion}`, 'Status'], c.addons.map((a) => [escapeCell(a.name), escapeCell(a.version), escapeCell(a.recommendedForTarget ?? 'none offered'), escapeCell(a.message)])));
  }
  if (c.network?.status === 'checked') {
    const rooms = [...(c.network.controlPlane ? [c.network.controlPlane] : []), ...c.network.nodegroups];
    if (rooms.length > 0) parts.push('\nFree IP addresses:\n', ...rooms.map((r) => `- ${r.ok ? '✅' : '⛔'} ${escapeCell(r.scope)}: ${escapeCell(r.message)}\n`));
  }
  if (c.workloads?.status === 'checked' && c.workloads.findings.length > 0) {
    parts.push('\n', table(['Check', 'Object', 'Finding'], c.workloads.findings.map((w) => [`${w.blocker ? '⛔ ' : ''}\`${w.check}\``, escapeCell(w.object), escapeCell(w.message)])));
  }
  if (c.workloads?.status === 'checked' && c.workloads.liveApis.length > 0) {
    parts.push('\n', table(['Live object', 'Seen in', 'Kind', 'apiVersion', `In ${c.targetVersion}`, 'Use instead'], c.workloads.liveApis.map((f) => [escapeCell(f.object), f.source, escapeCell(f.kind), `\`${f.apiVersion}\``, `${f.status} (${f.since})`, f.replacement ? `\`${f.replacement}\`` : 'no replacement'])));
  }
  const insights = c.insights.filter((i) => i.status !== 'PASSING');
  if (c.insights.length > 0) {
    parts.push(`\nUpgrade insights: ${c.insights.length - insights.length} passing${insights.length ? `, ${insights.length} not:` : '.'}\n`);
    for (const i of insights) parts.push(`- **${i.status}** ${escapeCell(i.name)}: ${escapeCell(i.reason)}${i.recommendation ? ` — ${escapeCell(i.recommendation)}` : ''}\n`);
  }
  if (c.manifests.length > 0) {
    parts.push('\n', table(['Where', 'Kind', 'apiVersion', `In ${c.targetVersion}`, 'Use instead'], c.manifests.map((m) => [`\`${escapeCell(m.file)}:${m.line}\``, escapeCell(m.kind), `\`${m.apiVersion}\``, `${m.status} (${m.since})`, m.replacement ? `\`${m.replacement}\`${m.replacementNotYetServed ? ' (after the upgrade)' : ''}` : 'no replacement'])));
  }
  for (const note of c.notes) parts.push(`\n> ${escapeCell(note)}\n`);
  return parts.join('');
}
