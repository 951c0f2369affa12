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
  /** A pull request's base branch (GITHUB_BASE_REF): its image is what the pull request changes. */
  baseRef?: string;
}

/** What a CI run says about its commit; the adapter reads it (on Actions: GITHUB_SHA, GITHUB_REF, …). */
export interface RunCommit {
  sha?: string | undefined;
  ref?: string | undefined;
  /** owner/name. */
  repository?: string | undefined;
  /** Where repositories live; default https://github.com. */
  serverUrl?: string | undefined;
  /** A pull request's base branch. */
  baseRef?: string | undefined;
}

/** The git context of a CI run, from the values its adapter passes. */
export function gitContextOf(run: RunCommit): GitContext {
  const server = (run.serverUrl || 'https://github.com').replace(/\/+$/, '');
  return {
    ...(run.sha ? { sha: run.sha } : {}),
    ...(run.ref ? { ref: run.ref } : {}),
    ...(run.baseRef ? { baseRef: run.baseRef } : {}),
    ...(run.repository ? { repository: run.repository, sourceUrl: `${server}/${run.repository}` } : {}),
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
