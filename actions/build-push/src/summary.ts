import { escapeCell, table } from '@eks-kit/action-runtime';
import type { BuildPushResult } from '@eks-kit/image-push';

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

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
    result.pushRetries ? `\nThe push was retried ${result.pushRetries} time${result.pushRetries === 1 ? '' : 's'} after the registry refused it.\n` : '',
  ].join('');
}
