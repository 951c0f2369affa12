import type { Logger } from '@eks-kit/core';

export interface DeploymentTarget {
  token: string;
  owner: string;
  repo: string;
  ref: string;
  environment: string;
  environmentUrl?: string;
  logUrl?: string;
  payload: Record<string, unknown>;
}

type State = 'in_progress' | 'success' | 'failure' | 'error';

/**
 * A GitHub deployment and its statuses, so the environment page shows what ran where. Opt-in: a
 * job with `environment:` already gets one from GitHub. Failures here never change the verdict.
 * @actions/github is loaded only when asked for.
 */
export class GitHubDeployment {
  private id: number | undefined;
  constructor(
    private readonly target: DeploymentTarget,
    private readonly logger: Logger,
  ) {}

  private async octokit() {
    const { getOctokit } = await import('@actions/github');
    return getOctokit(this.target.token);
  }

  async start(description: string): Promise<void> {
    try {
      const octokit = await this.octokit();
      const { owner, repo, ref, environment, payload } = this.target;
      const { data } = await octokit.rest.repos.createDeployment({
        owner, repo, ref, environment, payload: JSON.stringify(payload), auto_merge: false, required_contexts: [], description: description.slice(0, 140),
        production_environment: /prod/i.test(environment),
      });
      if (!('id' in data)) throw new Error(data.message ?? 'GitHub did not create the deployment');
      this.id = data.id;
      await this.status('in_progress', description);
    } catch (error) {
      this.logger.warning(`Could not create a GitHub deployment (${(error as Error).message}); the job needs "permissions: deployments: write".`);
    }
  }

  async status(state: State, description: string): Promise<void> {
    if (this.id === undefined) return;
    try {
      const octokit = await this.octokit();
      const { owner, repo, environmentUrl, logUrl } = this.target;
      await octokit.rest.repos.createDeploymentStatus({
        owner, repo, deployment_id: this.id, state, description: description.slice(0, 140),
        ...(environmentUrl ? { environment_url: environmentUrl } : {}),
        ...(logUrl ? { log_url: logUrl } : {}),
      });
    } catch (error) {
      this.logger.warning(`Could not set the GitHub deployment status to ${state}: ${(error as Error).message}`);
    }
  }
}
