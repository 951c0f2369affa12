import type { GitHubState, Issue, IssueComment } from './state.js';

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

const DEPLOYMENT_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

function missing(resource: string, field: string): GitHubError {
  return new GitHubError(422, 'Validation Failed', [{ resource, code: 'missing_field', field }]);
}

function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class GitHubHandlers {
  constructor(
    readonly state: GitHubState,
    private readonly apiUrl: () => string,
  ) {}

  private fullName(r: GitHubRequest): string {
    return `${r.owner}/${r.repo}`;
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

  createDeployment(r: GitHubRequest): GitHubAnswer {
    const ref = r.body.ref;
    if (typeof ref !== 'string' || ref === '') throw missing('Deployment', 'ref');
    const fullName = this.fullName(r);
    const id = this.state.id();
    const now = isoNow();
    const environment = (r.body.environment as string | undefined) ?? 'production';
    const url = `${this.apiUrl()}/repos/${fullName}/deployments/${id}`;
    const deployment = {
      id,
      node_id: `DE_sandbox${id}`,
      sha: /^[0-9a-f]{40}$/.test(ref) ? ref : hexOf(ref),
      ref,
      task: (r.body.task as string | undefined) ?? 'deploy',
      payload: r.body.payload ?? {},
      environment,
      original_environment: environment,
      description: (r.body.description as string | undefined) ?? null,
      creator: this.state.actor,
      created_at: now,
      updated_at: now,
      transient_environment: r.body.transient_environment === true,
      production_environment: (r.body.production_environment as boolean | undefined) ?? environment === 'production',
      url,
      statuses_url: `${url}/statuses`,
      repository_url: `${this.apiUrl()}/repos/${fullName}`,
    };
    this.state.repo(fullName).deployments.push(deployment);
    return { status: 201, body: deployment };
  }

  listDeployments(r: GitHubRequest): GitHubAnswer {
    const items = this.state
      .deployments(this.fullName(r))
      .filter((d) => ['sha', 'ref', 'task', 'environment'].every((key) => !r.query.get(key) || String(d[key as keyof typeof d]) === r.query.get(key)))
      .slice()
      .reverse();
    return { status: 200, body: items, pageOf: items };
  }

  private deployment(r: GitHubRequest) {
    const id = Number(r.params.deploymentId);
    const deployment = this.state.deployments(this.fullName(r)).find((d) => d.id === id);
    if (!deployment) throw new GitHubError(404, 'Not Found');
    return deployment;
  }

  getDeployment(r: GitHubRequest): GitHubAnswer {
    return { status: 200, body: this.deployment(r) };
  }

  createDeploymentStatus(r: GitHubRequest): GitHubAnswer {
    const deployment = this.deployment(r);
    const state = r.body.state;
    if (typeof state !== 'string' || !DEPLOYMENT_STATES.includes(state)) {
      throw new GitHubError(422, 'Validation Failed', [{ resource: 'DeploymentStatus', code: 'custom', field: 'state' }]);
    }
    const fullName = this.fullName(r);
    if (typeof r.body.environment === 'string') deployment.environment = r.body.environment;
    const status = this.addStatus(fullName, deployment, state, r.body);
    // GitHub marks earlier successful deployments to the same environment inactive (auto_inactive).
    if (state === 'success' && r.body.auto_inactive !== false) {
      for (const other of this.state.deployments(fullName)) {
        if (other.id === deployment.id || other.environment !== deployment.environment || other.transient_environment) continue;
        const latest = this.state.deploymentStatuses(fullName, other.id).at(-1);
        if (latest?.state === 'success') this.addStatus(fullName, other, 'inactive', {});
      }
    }
    return { status: 201, body: status };
  }

  private addStatus(fullName: string, deployment: { id: number; environment: string; url: string; repository_url: string }, state: string, body: Record<string, unknown>) {
    const id = this.state.id();
    const now = isoNow();
    const logUrl = (body.log_url as string | undefined) ?? (body.target_url as string | undefined) ?? '';
    const status = {
      id,
      node_id: `DES_sandbox${id}`,
      state,
      description: (body.description as string | undefined) ?? '',
      environment: deployment.environment,
      target_url: logUrl,
      log_url: logUrl,
      environment_url: (body.environment_url as string | undefined) ?? '',
      creator: this.state.actor,
      created_at: now,
      updated_at: now,
      deployment_url: deployment.url,
      repository_url: deployment.repository_url,
      url: `${deployment.url}/statuses/${id}`,
    };
    const repo = this.state.repo(fullName);
    repo.statuses.set(deployment.id, [...(repo.statuses.get(deployment.id) ?? []), status]);
    return status;
  }

  listDeploymentStatuses(r: GitHubRequest): GitHubAnswer {
    const deployment = this.deployment(r);
    const items = this.state.deploymentStatuses(this.fullName(r), deployment.id).slice().reverse();
    return { status: 200, body: items, pageOf: items };
  }
}

function publicComment(comment: IssueComment & { issueNumber?: number }): IssueComment {
  const { issueNumber: _issueNumber, ...rest } = comment;
  return rest;
}

function hexOf(text: string): string {
  let hex = Buffer.from(text).toString('hex');
  while (hex.length < 40) hex += hex;
  return hex.slice(0, 40);
}

interface SearchTerm {
  key?: string;
  value: string;
}

/** Splits `repo:o/r is:open label:"needs triage" words` into qualifiers and words. */
function searchTerms(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const m of q.matchAll(/(?:(\w+):)?(?:"([^"]*)"|(\S+))/g)) {
    terms.push({ ...(m[1] ? { key: m[1] } : {}), value: m[2] ?? m[3] ?? '' });
  }
  return terms;
}

function matchesTerm(issue: Issue, term: SearchTerm): boolean {
  switch (term.key) {
    case 'repo':
      return true; // chosen before matching
    case 'is':
    case 'type':
      if (term.value === 'issue') return !issue.pull_request;
      if (term.value === 'pr') return Boolean(issue.pull_request);
      return issue.state === term.value;
    case 'state':
      return issue.state === term.value;
    case 'label':
      return issue.labels.some((l) => l.name === term.value);
    case 'in':
    case 'sort':
      return true;
    case undefined:
      return `${issue.title}\n${issue.body ?? ''}`.toLowerCase().includes(term.value.toLowerCase());
    default:
      return true;
  }
}
