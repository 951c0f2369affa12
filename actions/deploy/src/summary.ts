import { escapeCell, table } from '@eks-kit/action-runtime';
import type { DeployResult, Diagnosis, PreflightFinding, ResourceReport } from '@eks-kit/kube';

/** GitHub refuses a step summary over 1 MiB; stay well under it. */
const MAX_SUMMARY = 900_000;

const ICON: Record<ResourceReport['state'], string> = {
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  'timed-out': '⏱ timed out',
  'not-verified': '➖ not verified',
  applied: '✅ applied',
};

export function headline(result: DeployResult, where: string): string {
  if (result.status === 'diff') return `Deploy diff for ${where}: ${result.diff?.changed ? 'changes' : 'no changes'}`;
  if (result.status === 'success') return `Deploy to ${where}: ✅ SUCCESS`;
  const rolled = result.rollbacks.filter((r) => r.action === 'rolled-back');
  const back = rolled.length ? ` (rolled back${rolled.length === 1 && rolled[0]?.toRevision ? ` to revision ${rolled[0].toRevision}` : ''})` : '';
  return `Deploy to ${where}: ${result.status === 'timeout' ? '⏱ TIMED OUT' : '❌ FAILED'}${back}`;
}

/** At most `max` characters, cut at a word boundary with an ellipsis, never in the middle of a word. */
export function clip(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function diagnosisBlock(d: Diagnosis): string {
  const parts = [`<details><summary>${escapeCell(d.resource)}</summary>\n`];
  if (d.events.length) parts.push(`Events:\n\n\`\`\`\n${d.events.join('\n')}\n\`\`\`\n`);
  for (const p of d.pods) {
    parts.push(`**${escapeCell(p.pod)}**: ${escapeCell(p.reason)}\n`);
    if (p.events.length) parts.push(`\`\`\`\n${p.events.join('\n')}\n\`\`\`\n`);
    for (const l of p.logs) parts.push(`Last log lines of \`${l.container}\`${l.previous ? ' (previous container)' : ''}:\n\n\`\`\`\n${l.lines.join('\n').replace(/```/g, "'''")}\n\`\`\`\n`);
  }
  parts.push('</details>\n');
  return parts.join('\n');
}

export function renderSummary(result: DeployResult, where: string, findings: readonly PreflightFinding[], links: { run?: string; environment?: string }): string {
  const out: string[] = [`## ${headline(result, where)}\n`];
  if (result.status === 'diff') {
    out.push(result.diff?.changed ? `\`\`\`diff\n${(result.diff.text || '').slice(0, 200_000)}\n\`\`\`\n` : 'The cluster already matches the manifests.\n');
  } else {
    out.push(
      table(
        ['Resource', 'Namespace', 'Result', 'Revision', 'Time', 'Status'],
        result.resources.map((r) => [
          escapeCell(`${r.kind}/${r.name}`),
          escapeCell(r.namespace ?? '-'),
          ICON[r.state],
          r.revisionBefore || r.revisionAfter ? `${r.revisionBefore ?? 'new'} → ${r.revisionAfter ?? '?'}` : '-',
          r.state === 'applied' ? '-' : seconds(r.durationMs),
          escapeCell(clip(r.message)),
        ]),
      ),
    );
  }
  if (result.rollbacks.length) {
    out.push('\n### Rollback\n');
    out.push(table(['Workload', 'Action', 'Detail'], result.rollbacks.map((r) => [escapeCell(`${r.kind}/${r.name}`), r.action, escapeCell(r.message)])));
    const unhealthy = result.rollbackVerification.filter((v) => v.state !== 'succeeded');
    if (result.rollbackVerification.length) out.push(unhealthy.length ? `\n⚠️ Not healthy after rollback: ${unhealthy.map((u) => `${u.target.kind}/${u.target.name} (${escapeCell(u.message)})`).join(', ')}\n` : '\nThe rolled-back workloads are healthy again.\n');
  }
  if (result.diagnostics.length) out.push('\n### Diagnostics\n', ...result.diagnostics.map(diagnosisBlock));
  if (result.pruned.length) out.push(`\n### Pruned\n\n${result.pruned.map((p) => `- ${p.kind}/${p.name} (${p.namespace})`).join('\n')}\n`);
  if (findings.length) {
    out.push(`\n<details><summary>Preflight: ${findings.length} finding${findings.length === 1 ? '' : 's'}</summary>\n\n`);
    out.push(table(['Rule', 'Resource', 'Where', 'Finding'], findings.slice(0, 200).map((f) => [f.rule, escapeCell(f.resource), escapeCell(`${f.file}:${f.line}`), escapeCell(f.message)])));
    out.push('\n</details>\n');
  }
  const footer = [links.run ? `[Workflow run](${links.run})` : '', links.environment ? `[Environment](${links.environment})` : ''].filter(Boolean);
  if (footer.length) out.push(`\n${footer.join(' · ')}\n`);
  const text = out.join('\n');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}\n\n…cut to fit GitHub's summary limit; the log has everything.\n` : text;
}

/** When no verdict was reached: what failed, and that nothing was verified or rolled back. */
export function renderNoVerdict(where: string, message: string): string {
  const text = message.slice(0, 20_000).replace(/```/g, "'''");
  return `## Deploy to ${where}: ⚠️ ERROR\n\nThe deploy stopped before a verdict; nothing was verified or rolled back.\n\n\`\`\`\n${text}\n\`\`\`\n`;
}
