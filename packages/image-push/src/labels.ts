import { InputError } from '@eks-kit/core';
import type { GitContext } from './git-context.js';
import { imageVersion } from './tags.js';

// Label keys: reverse-DNS style, what docker and buildah accept without surprises.
const LABEL_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$/;

/** `key=value` lines from an input; a line without `=` or with an odd key is refused, naming it. */
export function parseLabels(lines: readonly string[], input: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    const key = eq === -1 ? '' : line.slice(0, eq).trim();
    if (eq === -1 || !LABEL_KEY.test(key) || key.length > 255) {
      throw new InputError(input, `"${line}" is not a label; expected key=value with a key of letters, digits, . _ / -`);
    }
    labels[key] = line.slice(eq + 1).trim();
  }
  return labels;
}

/**
 * The OCI annotations (as labels) a reader of the image wants: where the source is, which commit,
 * when, which version. `created` is the commit time when known so that rebuilding the same commit
 * gives the same image.
 */
export function ociLabels(git: GitContext, options: { title?: string; now: Date }): Record<string, string> {
  const labels: Record<string, string> = {};
  if (git.sourceUrl) labels['org.opencontainers.image.source'] = git.sourceUrl;
  if (git.sha) labels['org.opencontainers.image.revision'] = git.sha;
  labels['org.opencontainers.image.created'] = git.commitTime ?? options.now.toISOString();
  const version = imageVersion(git);
  if (version) labels['org.opencontainers.image.version'] = version;
  const title = options.title ?? git.repository?.split('/').pop();
  if (title) labels['org.opencontainers.image.title'] = title;
  return labels;
}
