import { readFileSync } from 'node:fs';
import type { Logger } from '@eks-kit/core';

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
}

/** The pull request this run belongs to, from the event payload; undefined outside a PR. */
export function pullRequestFromEvent(env: NodeJS.ProcessEnv): PullRequest | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !env.GITHUB_EVENT_PATH) return undefined;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: number }; issue?: { number?: number; pull_request?: unknown } };
    const number = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
    return typeof number === 'number' ? { owner, repo, number } : undefined;
  } catch {
    return undefined;
  }
}

/** GitHub refuses comments over 65,536 characters; a long allowlist table must not lose the verdict. */
export const MAX_COMMENT = 65_000;

export function fitComment(text: string): string {
  if (text.length <= MAX_COMMENT) return text;
  const cut = text.lastIndexOf('\n', MAX_COMMENT - 200);
  return `${text.slice(0, cut)}\n\n…the report is longer than a comment can hold; the job summary has all of it.\n`;
}

/** Hidden in the rendered comment; finds this action's comment for this repository again. */
export function commentMarker(repository: string): string {
  return `<!-- eks-kit:scan-gate ${repository} -->`;
}

/**
 * Creates the scan-gate comment on the pull request, or updates the one a previous run left, so
 * each push edits one comment instead of adding another. @actions/github is loaded only here:
 * it is large, and most runs outside pull requests never need it.
 */
export async function upsertComment(token: string, pr: PullRequest, marker: string, body: string, logger: Logger): Promise<string | undefined> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token);
  const text = fitComment(`${marker}\n${body}`);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
  const existing = comments.find((c) => c.body?.includes(marker));
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body: text });
    logger.info(`Updated the scan report on pull request #${pr.number}: ${data.html_url}`);
    return data.html_url;
  }
  const { data } = await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body: text });
  logger.info(`Posted the scan report on pull request #${pr.number}: ${data.html_url}`);
  return data.html_url;
}
