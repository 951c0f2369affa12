/** What every GitHub route gets and gives, and GitHub's error format. */

/** An answer in GitHub's error format: `{ message, errors?, documentation_url }`. */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: { resource: string; code: string; field: string }[],
  ) {
    super(message);
  }
}

export interface GitHubRequest {
  owner: string;
  repo: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface GitHubAnswer {
  status: number;
  body: unknown;
  /** Full list before paging, when the answer is a page of it. */
  pageOf?: unknown[];
}

export function missing(resource: string, field: string): GitHubError {
  return new GitHubError(422, 'Validation Failed', [{ resource, code: 'missing_field', field }]);
}

/** GitHub timestamps: ISO 8601 without milliseconds. */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function fullName(r: GitHubRequest): string {
  return `${r.owner}/${r.repo}`;
}
