import { InputError, sanitizeTag } from '@eks-kit/core';
import { classifyRef, type GitContext } from './git-context.js';

export { sanitizeTag };

/** What registries accept as a tag (the OCI distribution spec). */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export type ShaTags = 'short' | 'long' | 'both' | 'none';

export interface TagOptions {
  sha: ShaTags;
  branch: boolean;
  semver: boolean;
  pullRequest: boolean;
  latest: boolean;
  /** Given by the user: used exactly as written, already validated. */
  extra: readonly string[];
}

/** A tag the user typed: refused when invalid rather than silently changed. */
export function parseTag(text: string, input: string): string {
  if (!TAG_PATTERN.test(text)) throw new InputError(input, `"${text}" is not a valid tag; tags are 1 to 128 letters, digits, _ . and -, not starting with . or -`);
  return text;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * `v1.2.3` → `1.2.3`, `1.2`, `1`; a pre-release (`v1.2.3-rc.1`) only tags itself, and a 0.x
 * version gets no bare major (`0` would name every unstable release).
 */
export function semverTags(gitTag: string): string[] | undefined {
  const match = SEMVER.exec(gitTag);
  if (!match) return undefined;
  const [, major = '', minor = '', patch = '', pre] = match;
  if (pre) return [sanitizeTag(`${major}.${minor}.${patch}-${pre}`)];
  return major === '0' ? [`${major}.${minor}.${patch}`, `${major}.${minor}`] : [`${major}.${minor}.${patch}`, `${major}.${minor}`, major];
}

export interface TagSet {
  /** Every tag for this build, in a stable order and without duplicates. */
  tags: string[];
  /**
   * The tags that move to the next image on the next push: the branch, the pull request, latest,
   * and the semver aliases (1.4, 1). The commit SHA, the full version and tags given by hand stay.
   */
  moving: string[];
}

export function computeTagSet(git: GitContext, options: TagOptions): TagSet {
  const tags: string[] = [];
  const moving: string[] = [];
  const sha = git.sha && /^[0-9a-f]{40}$/i.test(git.sha) ? git.sha.toLowerCase() : undefined;
  if (sha && (options.sha === 'short' || options.sha === 'both')) tags.push(sha.slice(0, 7));
  if (sha && (options.sha === 'long' || options.sha === 'both')) tags.push(sha);
  const ref = classifyRef(git.ref);
  if (ref.kind === 'branch' && options.branch) {
    const tag = sanitizeTag(ref.name);
    if (tag) moving.push(tag);
  }
  if (ref.kind === 'tag' && options.semver) {
    const [version, ...aliases] = semverTags(ref.name) ?? [sanitizeTag(ref.name)].filter(Boolean);
    if (version) tags.push(version);
    moving.push(...aliases);
  }
  if (ref.kind === 'pull' && options.pullRequest) moving.push(`pr-${ref.number}`);
  if (options.latest) moving.push('latest');
  const all = [...new Set([...tags, ...moving, ...options.extra])];
  // A tag given by hand is used exactly as written, and kept, even when it equals a moving one.
  return { tags: all, moving: [...new Set(moving)].filter((tag) => !options.extra.includes(tag)) };
}

/**
 * On a pull request, the tag build-push moves on each push to its base branch: the image the pull
 * request changes, compared with before the pull request's own tag exists.
 */
export function baseBranchTag(git: GitContext): string | undefined {
  if (classifyRef(git.ref).kind !== 'pull' || !git.baseRef) return undefined;
  return sanitizeTag(git.baseRef) || undefined;
}

/** The tags for this build, in a stable order and without duplicates. */
export function computeTags(git: GitContext, options: TagOptions): string[] {
  return computeTagSet(git, options).tags;
}

/** The version an image announces in its labels: the semver tag, else the branch or PR, else the short SHA. */
export function imageVersion(git: GitContext): string | undefined {
  const ref = classifyRef(git.ref);
  if (ref.kind === 'tag') return semverTags(ref.name)?.[0] ?? ref.name;
  if (ref.kind === 'pull') return `pr-${ref.number}`;
  if (ref.kind === 'branch') return sanitizeTag(ref.name) || undefined;
  return git.sha?.slice(0, 7);
}
