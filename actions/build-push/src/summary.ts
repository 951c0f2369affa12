import { escapeCell, table } from '@eks-kit/action-runtime';
import { deltaLines, formatBytes, type BuildPushResult, type LayerReport } from '@eks-kit/image-push';

export { formatBytes };

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The job summary: what was pushed where, and how long it took. */
export function renderSummary(result: BuildPushResult): string {
  const tagCells = result.tags.map((tag) => `\`${escapeCell(tag)}\`${result.skippedTags.includes(tag) ? ' (already there)' : ''}`).join(', ');
  const overhead = Math.max(0, result.totalMs - result.buildMs - result.pushMs);
  return [
    `## Image pushed: \`${escapeCell(result.repositoryUri)}\`\n\n`,
    table(
      ['', ''],
      [
        ['Image', `\`${escapeCell(result.image)}\``],
        ['Digest', `\`${result.digest}\``],
        ['Tags', tagCells],
        ...(result.notPushedTags.length > 0
          ? [['Not pushed', `${result.notPushedTags.map((tag) => `\`${escapeCell(tag)}\``).join(', ')}: these tags move with every push and the repository keeps them immutable`]]
          : []),
        ['Size (compressed, as ECR counts it)', formatBytes(result.sizeBytes)],
        ['Build time', formatSeconds(result.buildMs)],
        ['Push time', result.driver === 'buildx' ? 'part of the build (buildx pushes while building)' : formatSeconds(result.pushMs)],
        ['Everything else', `${formatSeconds(overhead)} (${result.apiCalls} ECR API calls${result.apiRetries ? `, ${result.apiRetries} retried` : ''})`],
        ['Driver', result.driver],
      ],
    ),
    result.repositoryCreated ? '\nThe repository was created by this run.\n' : '',
    result.buildMs === 0 && result.skippedTags.length === result.tags.length ? '\nEvery tag already named this image: nothing was built or pushed.\n' : '',
    result.layers ? layerSection(result.layers) : '',
    result.pushRetries ? `\nThe push was retried ${result.pushRetries} time${result.pushRetries === 1 ? '' : 's'} after the registry refused it.\n` : '',
  ].join('');
}

const CHANGE: Record<string, string> = { same: 'unchanged', changed: 'changed', new: 'new', first: '' };

/** A rebuilt layer of the same size (new timestamps, the same files) is not "changed (0 B)". */
function changeCell(row: LayerReport['rows'][number]): string {
  if (row.change === 'same') return CHANGE.same!;
  if (row.change === 'changed' && row.deltaBytes === 0) return 'changed, same size';
  return `${CHANGE[row.change]} (${formatBytes(row.deltaBytes, true)})`;
}

/** Each layer with its size and the instruction that made it, and what changed against the previous image. */
function layerSection(report: LayerReport): string {
  const parts = [`\n### Layers${report.platform ? ` (${escapeCell(report.platform)})` : ''}\n\n`];
  if (report.previous) {
    const lines = deltaLines(report);
    parts.push(
      `${formatBytes(report.deltaBytes, true)} against ${report.previous.baseBranch ? 'the base branch' : 'the previous'} \`${escapeCell(report.previous.tag)}\` (\`${report.previous.digest.slice(0, 19)}…\`, ${formatBytes(report.previous.sizeBytes)} → ${formatBytes(report.sizeBytes)}).\n\n`,
      lines.length ? `${lines.map((line) => `- ${escapeCell(line)}`).join('\n')}\n\n` : 'No layer changed size.\n\n',
    );
  } else {
    parts.push(`${formatBytes(report.sizeBytes)} in ${report.rows.length} layer${report.rows.length === 1 ? '' : 's'}; ${escapeCell(report.noPrevious ?? 'no previous image')}.\n\n`);
  }
  const withChange = Boolean(report.previous);
  parts.push(
    table(
      ['#', 'Size', 'Made by', ...(withChange ? ['Change'] : [])],
      report.rows.map((row, i) => [
        String(i + 1),
        formatBytes(row.layer.size),
        escapeCell(row.label),
        ...(withChange ? [changeCell(row)] : []),
      ]),
    ),
  );
  return parts.join('');
}
