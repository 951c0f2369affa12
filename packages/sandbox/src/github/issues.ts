import type { GitHubState, Issue, IssueComment } from './state.js';
import { GitHubError, fullName, isoNow, missing } from './request.js';
import type { GitHubAnswer, GitHubRequest } from './request.js';
import { matchesTerm, searchTerms } from './search.js';

/** Issues, labels, issue and pull request comments, and issue search. */
export class IssueHandlers {
  constructor(
    readonly state: GitHubState,
    private readonly apiUrl: () => string,
  ) {}

  private fullName(r: GitHubRequest): string {
    return fullName(r);
  }

  private issue(r: GitHubRequest): Issue {
    const number = Number(r.params.number);
    const issue = this.state.issues(this.fullName(r)).find((i) => i.number === number);
    if (!issue) throw new GitHubError(404, 'Not Found');
    return issue;
  }

  private labels(fullName: string, value: unknown) {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw new GitHubError(422, 'Invalid request.\n\nFor \'properties/labels\', it is not an array.');
    return value.map((l: string | { name: string }) => this.state.label(fullName, typeof l === 'string' ? l : l.name));
  }

  /** Creates a pull request's issue side, so PR comments have somewhere to go. */
  seedPullRequest(fullName: string, title: string): Issue {
    const issue = this.newIssue(fullName, title, null, []);
    issue.pull_request = {
      url: `${this.apiUrl()}/repos/${fullName}/pulls/${issue.number}`,
      html_url: `https://github.com/${fullName}/pull/${issue.number}`,
    };
    return issue;
  }

  private newIssue(fullName: string, title: string, body: string | null, labels: Issue['labels']): Issue {
    const issues = this.state.issues(fullName);
    const number = issues.length + 1;
    const now = isoNow();
    const id = this.state.id();
    const issue: Issue = {
      id,
      node_id: `I_sandbox${id}`,
      number,
      title,
      body,
      state: 'open',
      state_reason: null,
      labels,
      user: this.state.actor,
      comments: 0,
      created_at: now,
      updated_at: now,
      closed_at: null,
      url: `${this.apiUrl()}/repos/${fullName}/issues/${number}`,
      html_url: `https://github.com/${fullName}/issues/${number}`,
    };
    issues.push(issue);
    return issue;
  }

  createIssue(r: GitHubRequest): GitHubAnswer {
    const title = r.body.title;
    if (typeof title !== 'string' || title === '') throw missing('Issue', 'title');
    const fullName = this.fullName(r);
    const labels = this.labels(fullName, r.body.labels) ?? [];
    return { status: 201, body: this.newIssue(fullName, title, (r.body.body as string | undefined) ?? null, labels) };
  }

  getIssue(r: GitHubRequest): GitHubAnswer {
    return { status: 200, body: this.issue(r) };
  }

  updateIssue(r: GitHubRequest): GitHubAnswer {
    const issue = this.issue(r);
    const { title, body, state, state_reason: stateReason } = r.body as Record<string, string | undefined>;
    if (title !== undefined) issue.title = title;
    if (body !== undefined) issue.body = body;
    const labels = this.labels(this.fullName(r), r.body.labels);
    if (labels) issue.labels = labels;
    if (state !== undefined) {
      if (state !== 'open' && state !== 'closed') throw new GitHubError(422, 'Validation Failed', [{ resource: 'Issue', code: 'invalid', field: 'state' }]);
      issue.state = state;
      issue.closed_at = state === 'closed' ? isoNow() : null;
      issue.state_reason = state === 'closed' ? (stateReason ?? 'completed') : stateReason === 'reopened' ? 'reopened' : null;
    }
    issue.updated_at = isoNow();
    return { status: 200, body: issue };
  }

  addLabels(r: GitHubRequest): GitHubAnswer {
    const issue = this.issue(r);
    const value = Array.isArray(r.body) ? r.body : r.body.labels;
    for (const label of this.labels(this.fullName(r), value) ?? []) {
      if (!issue.labels.some((l) => l.name === label.name)) issue.labels.push(label);
    }
    return { status: 200, body: issue.labels };
  }

  listIssues(r: GitHubRequest): GitHubAnswer {
    const state = r.query.get('state') ?? 'open';
    const labels = (r.query.get('labels') ?? '').split(',').filter(Boolean);
    const items = this.state
      .issues(this.fullName(r))
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => labels.every((name) => i.labels.some((l) => l.name === name)))
      .sort((a, b) => b.number - a.number);
    return { status: 200, body: items, pageOf: items };
  }

  searchIssues(query: URLSearchParams): GitHubAnswer {
    const q = query.get('q');
    if (!q) throw new GitHubError(422, 'Validation Failed', [{ resource: 'Search', code: 'missing', field: 'q' }]);
    const terms = searchTerms(q);
    const repos = terms.filter((t) => t.key === 'repo').map((t) => t.value);
    const candidates = [...this.state.repositories.keys()]
      .filter((name) => repos.length === 0 || repos.includes(name))
      .flatMap((name) => this.state.issues(name));
    const items = candidates.filter((issue) => terms.every((term) => matchesTerm(issue, term))).sort((a, b) => b.number - a.number);
    return { status: 200, body: { total_count: items.length, incomplete_results: false, items }, pageOf: items };
  }

  listComments(r: GitHubRequest): GitHubAnswer {
    this.issue(r);
    const items = this.state.comments(this.fullName(r), Number(r.params.number)).map(publicComment);
    return { status: 200, body: items, pageOf: items };
  }

  createComment(r: GitHubRequest): GitHubAnswer {
    const issue = this.issue(r);
    const body = r.body.body;
    if (typeof body !== 'string' || body === '') throw missing('IssueComment', 'body');
    const fullName = this.fullName(r);
    const id = this.state.id();
    const now = isoNow();
    const comment = {
      id,
      node_id: `IC_sandbox${id}`,
      body,
      user: this.state.actor,
      created_at: now,
      updated_at: now,
      url: `${this.apiUrl()}/repos/${fullName}/issues/comments/${id}`,
      html_url: `${issue.html_url}#issuecomment-${id}`,
      issue_url: issue.url,
      issueNumber: issue.number,
    };
    this.state.repo(fullName).comments.push(comment);
    issue.comments += 1;
    return { status: 201, body: publicComment(comment) };
  }

  private comment(r: GitHubRequest) {
    const id = Number(r.params.commentId);
    const comment = this.state.repo(this.fullName(r)).comments.find((c) => c.id === id);
    if (!comment) throw new GitHubError(404, 'Not Found');
    return comment;
  }

  getComment(r: GitHubRequest): GitHubAnswer {
    return { status: 200, body: publicComment(this.comment(r)) };
  }

  updateComment(r: GitHubRequest): GitHubAnswer {
    const comment = this.comment(r);
    const body = r.body.body;
    if (typeof body !== 'string' || body === '') throw missing('IssueComment', 'body');
    comment.body = body;
    comment.updated_at = isoNow();
    return { status: 200, body: publicComment(comment) };
  }
}

function publicComment(comment: IssueComment & { issueNumber?: number }): IssueComment {
  const { issueNumber: _issueNumber, ...rest } = comment;
  return rest;
}
