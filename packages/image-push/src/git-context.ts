/** What tags and labels are made from: the commit, the ref and where the source lives. */
export interface GitContext {
  /** Full commit SHA. */
  sha?: string;
  /** Full ref: refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge. */
  ref?: string;
  /** URL of the source repository (org.opencontainers.image.source). */
  sourceUrl?: string;
  /** owner/name, for the image title when none is given. */
  repository?: string;
  /** ISO time of the commit, so the created label does not change on every rebuild. */
  commitTime?: string;
}

/** The context the Actions runner describes in its environment. */
export function gitContextFromEnv(env: NodeJS.ProcessEnv): GitContext {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return {
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY, sourceUrl: `${server}/${env.GITHUB_REPOSITORY}` } : {}),
  };
}

export type RefKind = { kind: 'branch'; name: string } | { kind: 'tag'; name: string } | { kind: 'pull'; number: number } | { kind: 'other' };

export function classifyRef(ref: string | undefined): RefKind {
  if (!ref) return { kind: 'other' };
  if (ref.startsWith('refs/heads/')) return { kind: 'branch', name: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', name: ref.slice('refs/tags/'.length) };
  const pull = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(ref);
  if (pull) return { kind: 'pull', number: Number(pull[1]) };
  return { kind: 'other' };
}
