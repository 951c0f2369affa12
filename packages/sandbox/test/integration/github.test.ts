import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';

// The same Octokit plugins that @actions/github's getOctokit composes.
const GitHub = Octokit.plugin(restEndpointMethods, paginateRest);

// Generous: CI runs many suites at once on two cores.

let sandbox: Sandbox;
let octokit: InstanceType<typeof GitHub>;
const owner = 'acme';
const repo = 'shop';

beforeAll(async () => {
  sandbox = await startSandbox({ githubTokens: ['ghs_sandbox'] });
  octokit = new GitHub({ auth: 'ghs_sandbox', baseUrl: sandbox.env.GITHUB_API_URL });
});

afterAll(async () => {
  await sandbox.stop();
});

describe('issues', () => {
  test('create, search by label, update, close — and read the state back', async () => {
    const created = await octokit.rest.issues.create({ owner, repo, title: 'EKS 1.29 leaves extended support', body: 'details', labels: ['eks-kit:version-drift'] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, state: 'open', labels: [{ name: 'eks-kit:version-drift' }] });
    await octokit.rest.issues.create({ owner, repo, title: 'unrelated' });

    const found = await octokit.rest.search.issuesAndPullRequests({ q: `repo:${owner}/${repo} is:issue is:open label:"eks-kit:version-drift"` });
    expect(found.data.total_count).toBe(1);
    expect(found.data.items[0]?.number).toBe(1);

    await octokit.rest.issues.update({ owner, repo, issue_number: 1, body: 'updated', state: 'closed', state_reason: 'completed' });
    const closed = await octokit.rest.search.issuesAndPullRequests({ q: `repo:${owner}/${repo} is:open label:eks-kit:version-drift` });
    expect(closed.data.total_count).toBe(0);
    const [issue] = sandbox.github.state.issues(`${owner}/${repo}`);
    expect(issue).toMatchObject({ body: 'updated', state: 'closed', state_reason: 'completed' });
    expect(issue?.closed_at).not.toBeNull();

    const listed = await octokit.rest.issues.listForRepo({ owner, repo, state: 'all', labels: 'eks-kit:version-drift' });
    expect(listed.data.map((i) => i.number)).toEqual([1]);
  });

  test('validation and missing things answer like GitHub (422, 404, 401)', async () => {
    await expect(octokit.rest.issues.create({ owner, repo, title: '' })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.issues.get({ owner, repo, issue_number: 999 })).rejects.toMatchObject({ status: 404 });
    const anonymous = new GitHub({ baseUrl: sandbox.env.GITHUB_API_URL });
    await expect(anonymous.rest.issues.get({ owner, repo, issue_number: 1 })).rejects.toMatchObject({ status: 401 });
    const wrongToken = new GitHub({ auth: 'nope', baseUrl: sandbox.env.GITHUB_API_URL });
    await expect(wrongToken.rest.issues.get({ owner, repo, issue_number: 1 })).rejects.toMatchObject({ status: 401 });
  });
});

describe('pull request comments', () => {
  test('a sticky comment: list, create, find by marker, update; paginate follows Link headers', async () => {
    const pr = sandbox.github.seedPullRequest(`${owner}/${repo}`, 'Bump base image');
    const marker = '<!-- eks-kit:scan-gate -->';
    for (let i = 0; i < 3; i += 1) await octokit.rest.issues.createComment({ owner, repo, issue_number: pr, body: `noise ${i}` });
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: pr, body: `${marker}\nfirst verdict` });
    expect(created.status).toBe(201);

    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pr, per_page: 2 });
    expect(all).toHaveLength(4);
    const sticky = all.find((c) => c.body?.startsWith(marker));
    expect(sticky?.id).toBe(created.data.id);

    await octokit.rest.issues.updateComment({ owner, repo, comment_id: sticky!.id, body: `${marker}\nsecond verdict` });
    const comments = sandbox.github.state.comments(`${owner}/${repo}`, pr);
    expect(comments.at(-1)?.body).toBe(`${marker}\nsecond verdict`);
    const prs = await octokit.rest.search.issuesAndPullRequests({ q: `repo:${owner}/${repo} is:pr` });
    expect(prs.data.items.map((i) => i.number)).toEqual([pr]);
  });
});

describe('deployments', () => {
  test('create a deployment and statuses; success makes the previous one inactive', async () => {
    const first = await octokit.rest.repos.createDeployment({ owner, repo, ref: 'a'.repeat(40), environment: 'production', auto_merge: false, required_contexts: [] });
    expect(first.status).toBe(201);
    const firstId = (first.data as { id: number }).id;
    await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: firstId, state: 'success' });
    const second = await octokit.rest.repos.createDeployment({ owner, repo, ref: 'b'.repeat(40), environment: 'production', auto_merge: false, required_contexts: [] });
    const secondId = (second.data as { id: number }).id;
    await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: secondId, state: 'in_progress', log_url: 'https://example.test/run/1' });
    await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: secondId, state: 'success', environment_url: 'https://shop.example.test' });

    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: secondId });
    expect(statuses.data.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(sandbox.github.state.deploymentStatuses(`${owner}/${repo}`, firstId).map((s) => s.state)).toEqual(['success', 'inactive']);
    const listed = await octokit.rest.repos.listDeployments({ owner, repo, environment: 'production' });
    expect(listed.data.map((d) => d.id)).toEqual([secondId, firstId]);
    await expect(octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: secondId, state: 'bogus' as 'success' })).rejects.toMatchObject({ status: 422 });
  });
});
