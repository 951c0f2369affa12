import { escapeCell, plural, table } from '@eks-kit/action-runtime';
import { bySeverity, EMPTY_BASIC_SCAN_NOTICE, formatReference, isDeciding, limits, SEVERITIES, type Finding, type GateResult, type ImageReference, type Policy, type Severity } from '@eks-kit/ecr';

const MAX_ROWS = 100;
const ICON: Record<Severity, string> = { CRITICAL: '🟣', HIGH: '🔴', MEDIUM: '🟠', LOW: '🟡', INFORMATIONAL: '🔵', UNDEFINED: '⚪' };

/** The report a reviewer reads, in the job summary and in the pull request comment. */
export function renderSummary(result: GateResult, policy: Policy): string {
  const image = formatReference({ ...result.reference, digest: result.resolved.digest });
  const failed = result.platforms.filter((p) => !p.pass);
  const byPolicy = result.platforms.some((p) => p.passedByPolicy);
  const verdict = result.pass
    ? `${byPolicy ? '⚠️ **Passed by policy, not by a scan**' : '✅ **Passed**'}: ${result.platforms.map((p) => p.reason).join('; ')}`
    : `❌ **Failed**: ${failed.map((p) => `${p.image.platform ? `${p.image.platform}: ` : ''}${p.reason}`).join('; ')}`;
  const parts = [`## Image scan: \`${escapeCell(result.reference.tag ? `${result.reference.repository}:${result.reference.tag}` : result.reference.repository)}\`\n\n`, `${escapeCell(verdict)}\n\n`];
  if (result.platforms.some((p) => p.unprovenEmpty)) parts.push(`> [!WARNING]\n> ${EMPTY_BASIC_SCAN_NOTICE}\n\n`);
  parts.push(`Image \`${image}\`${result.resolved.multiArch ? ` (multi-arch: ${plural(result.platforms.length, 'platform')}${result.resolved.skippedAttestations ? `, ${plural(result.resolved.skippedAttestations, 'attestation')} skipped` : ''})` : ''}.\n\n`);

  const limit = limits(policy);
  parts.push(
    table(
      ['Severity', 'Counted', 'Limit'],
      SEVERITIES.filter((s) => result.counts[s] > 0 || Number.isFinite(limit[s])).map((s) => [`${ICON[s]} ${s.toLowerCase()}`, String(result.counts[s]), Number.isFinite(limit[s]) ? String(limit[s]) : '—']),
    ),
  );
  const notes = [
    policy.minCvss !== undefined ? `findings with CVSS below ${policy.minCvss} do not count` : '',
    policy.fixableOnly ? 'findings without an available fix do not count' : '',
  ].filter(Boolean);
  if (notes.length) parts.push(`\nPolicy: ${notes.join('; ')}.\n`);

  if (result.platforms.length > 1 || failed.some((p) => p.outcome.kind === 'unusable')) {
    parts.push(
      '\n',
      table(
        ['Platform', 'Digest', 'Scan', 'Verdict'],
        result.platforms.map((p) => [
          p.image.platform ?? 'image',
          `\`${p.image.digest.slice(0, 19)}…\``,
          p.outcome.status + (p.outcome.kind === 'findings' ? ` (${p.outcome.scanType})` : ''),
          `${p.passedByPolicy ? '⚠️' : p.pass ? '✅' : '❌'} ${escapeCell(p.reason)}`,
        ]),
      ),
    );
  }

  const rows = decidingRows(result);
  if (rows.length > 0) {
    parts.push(`\n### ${result.pass ? 'Counted findings' : 'Findings that decided the verdict'}\n\n`);
    parts.push(table(['', 'Vulnerability', 'Package', 'Installed', 'Fixed in', 'CVSS', ...(result.platforms.length > 1 ? ['Platforms'] : [])], rows.slice(0, MAX_ROWS).map((r) => findingRow(r, result.platforms.length > 1))));
    if (rows.length > MAX_ROWS) parts.push(`\n…and ${rows.length - MAX_ROWS} more; the step log lists every finding, and the SARIF file when one is written.\n`);
  }

  parts.push(...baselineSection(result));

  const { used, expired, stale } = result.allowlist;
  if (used.length + expired.length + stale.length > 0) {
    parts.push('\n### Allowlist\n\n');
    parts.push(
      table(
        ['Entry', 'State', 'Expires', 'Reason'],
        [
          ...expired.map((e) => [escapeCell(e.id), '⚠️ expired: counts again', e.expires, `${escapeCell(e.reason)} (${escapeCell(e.source)})`]),
          ...stale.map((e) => [escapeCell(e.id), '🧹 stale: not in the image', e.expires, `${escapeCell(e.reason)} (${escapeCell(e.source)})`]),
          ...used.map((e) => [escapeCell(e.id), 'ignored', e.expires, `${escapeCell(e.reason)} (${escapeCell(e.source)})`]),
        ],
      ),
    );
  }
  parts.push(`\n<sub>${plural(result.totalFindings, 'finding')} reported by ECR; ${plural(result.apiCalls, 'ECR API call')} in ${(result.elapsedMs / 1000).toFixed(1)} s.</sub>\n`);
  return parts.join('');
}

/** New and fixed findings against the baseline, or plainly why there is no comparison. */
function baselineSection(result: GateResult): string[] {
  const baseline = result.baseline;
  if (!baseline) return [];
  if (baseline.kind === 'missing') {
    const name = baseline.reference ? `\`${escapeCell(formatReference(baseline.reference))}\`${baseline.source === 'base-branch' ? " (the base branch's image)" : ''}: ` : '';
    return [`\n### Compared with the baseline\n\n⚠️ No baseline: ${name}${escapeCell(baseline.reason)}. New and fixed findings are not known.\n`];
  }
  const name = `\`${escapeCell(formatReference({ ...baseline.reference, digest: baseline.digest }))}\``;
  const label = `${baseline.reference.tag ? `\`${escapeCell(baseline.reference.tag)}\` ` : ''}${baseline.source === 'base-branch' ? "(the base branch's image) " : ''}${name}`;
  const delta = result.delta;
  if (!delta) return [`\n### Compared with the baseline\n\nBaseline ${label}: not compared, this image's scan gave no findings list.\n`];
  const parts = [`\n### Compared with the baseline\n\nBaseline ${label}: **${delta.added.length} new**, **${delta.fixed.length} fixed**, ${delta.unchanged} unchanged.\n`];
  const header = ['', 'Vulnerability', 'Package', 'Installed', 'Fixed in', 'CVSS'];
  for (const [title, findings] of [['New', delta.added], ['Fixed', delta.fixed]] as const) {
    if (findings.length === 0) continue;
    parts.push(`\n**${title}**\n\n`, table(header, findings.slice(0, MAX_ROWS).map((finding) => findingRow({ finding, platforms: [] }, false))));
    if (findings.length > MAX_ROWS) parts.push(`\n…and ${findings.length - MAX_ROWS} more; the step log lists every one.\n`);
  }
  return parts;
}

/** When the gate could not judge the image at all. */
export function renderNoVerdict(reference: ImageReference, message: string): string {
  return `## Image scan: \`${escapeCell(formatReference(reference))}\`\n\n⚠️ **No verdict**: ${escapeCell(message)}\n`;
}

interface Row {
  finding: Finding;
  platforms: string[];
}

/** Failed: the findings in the severities over their limit. Passed: every counted finding. */
function decidingRows(result: GateResult): Row[] {
  const rows = new Map<string, Row>();
  for (const platform of result.platforms) {
    const verdict = platform.verdict;
    if (!verdict) continue;
    for (const finding of verdict.counted) {
      if (!result.pass && !isDeciding(finding, verdict)) continue;
      const key = `${finding.id}|${finding.packageName ?? ''}|${finding.packageVersion ?? ''}`;
      const row = rows.get(key) ?? { finding, platforms: [] };
      row.platforms.push(platform.image.platform ?? 'image');
      rows.set(key, row);
    }
  }
  const order = new Map(bySeverity([...rows.values()].map((r) => r.finding)).map((f, i) => [f, i]));
  return [...rows.values()].sort((a, b) => (order.get(a.finding) ?? 0) - (order.get(b.finding) ?? 0));
}

function findingRow({ finding: f, platforms }: Row, multi: boolean): string[] {
  const id = f.url && /^https:\/\//.test(f.url) ? `[${escapeCell(f.id)}](${f.url.replace(/\)/g, '%29')})` : escapeCell(f.id);
  return [
    ICON[f.severity],
    id,
    escapeCell(f.packageName ?? ''),
    escapeCell(f.packageVersion ?? ''),
    f.fixedVersion ? escapeCell(f.fixedVersion) : f.fixAvailable === 'no' ? 'no fix' : '',
    f.cvss !== undefined ? f.cvss.toFixed(1) : '',
    ...(multi ? [platforms.join(', ')] : []),
  ];
}
