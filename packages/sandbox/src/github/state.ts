/** GitHub objects as the REST API returns them, kept per repository so tests can read them back. */

export interface GitHubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface Label {
  id: number;
  name: string;
  color: string;
  default: boolean;
}

export interface Issue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: Label[];
  user: GitHubUser;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  url: string;
  html_url: string;
  /** Present when the issue is a pull request. */
  pull_request?: { url: string; html_url: string };
}

export interface IssueComment {
  id: number;
  node_id: string;
  body: string;
  user: GitHubUser;
  created_at: string;
  updated_at: string;
  url: string;
  html_url: string;
  issue_url: string;
}

export interface Deployment {
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  environment: string;
  original_environment: string;
  description: string | null;
  creator: GitHubUser;
  created_at: string;
  updated_at: string;
  transient_environment: boolean;
  production_environment: boolean;
  url: string;
  statuses_url: string;
  repository_url: string;
}

export interface DeploymentStatus {
  id: number;
  node_id: string;
  state: string;
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  creator: GitHubUser;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
  url: string;
}

export interface RepositoryState {
  issues: Issue[];
  comments: (IssueComment & { issueNumber: number })[];
  deployments: Deployment[];
  statuses: Map<number, DeploymentStatus[]>;
  labels: Map<string, Label>;
}

/** All repositories, created on first use; ids are shared across kinds as on github.com. */
export class GitHubState {
  readonly repositories = new Map<string, RepositoryState>();
  private nextId = 1000;
  readonly actor: GitHubUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

  repo(fullName: string): RepositoryState {
    let state = this.repositories.get(fullName);
    if (!state) {
      state = { issues: [], comments: [], deployments: [], statuses: new Map(), labels: new Map() };
      this.repositories.set(fullName, state);
    }
    return state;
  }

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  label(fullName: string, name: string): Label {
    const repo = this.repo(fullName);
    let label = repo.labels.get(name);
    if (!label) {
      label = { id: this.id(), name, color: 'ededed', default: false };
      repo.labels.set(name, label);
    }
    return label;
  }

  issues(fullName: string): Issue[] {
    return this.repo(fullName).issues;
  }

  comments(fullName: string, issueNumber: number): IssueComment[] {
    return this.repo(fullName).comments.filter((c) => c.issueNumber === issueNumber);
  }

  deployments(fullName: string): Deployment[] {
    return this.repo(fullName).deployments;
  }

  deploymentStatuses(fullName: string, deploymentId: number): DeploymentStatus[] {
    return this.repo(fullName).statuses.get(deploymentId) ?? [];
  }
}
