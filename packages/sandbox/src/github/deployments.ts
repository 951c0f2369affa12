import type { GitHubState } from './state.js';
import { GitHubError, fullName, isoNow, missing } from './request.js';
import type { GitHubAnswer, GitHubRequest } from './request.js';

const DEPLOYMENT_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

/** Deployments and deployment statuses, with GitHub's auto-inactive rule. */
export class DeploymentHandlers {
  constructor(
    readonly state: GitHubState,
    private readonly apiUrl: () => string,
  ) {}

  private fullName(r: GitHubRequest): string {
    return fullName(r);
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

function hexOf(text: string): string {
  let hex = Buffer.from(text).toString('hex');
  while (hex.length < 40) hex += hex;
  return hex.slice(0, 40);
}
