import { where } from '@eks-kit/eks';
import { ApiError } from '@eks-kit/core';
import type { ClusterReport, Severity } from '@eks-kit/eks';

/** The few issue calls the action makes; an Octokit adapter below, a fake in tests. */
export interface IssueApi {
  /** Issues carrying the label, open and closed. */
  listIssues(label: string): Promise<IssueRef[]>;
  createIssue(title: string, body: string, labels: string[]): Promise<IssueRef>;
  updateIssue(number: number, change: { title?: string; body?: string; state?: 'open' | 'closed' }): Promise<void>;
  comment(number: number, body: string): Promise<void>;
}

export interface IssueRef {
  number: number;
  state: string;
  body: string;
  url?: string;
}

export type IssueAction = 'created' | 'updated' | 'reopened' | 'closed' | 'unchanged';

export interface IssueOutcome {
  cluster: string;
  region: string;
  action: IssueAction;
  number?: number;
  url?: string;
  /** Set when the severity changed and a comment said so. */
  commented?: boolean;
}

const MARKER = /<!-- eks-kit:version-drift cluster=(\S+) severity=(\w+) -->/;

export function marker(report: ClusterReport): string {
  return `<!-- eks-kit:version-drift cluster=${issueKey(report)} severity=${report.verdict.severity} -->`;
}

/** Region/name, as the first issues were keyed; the account comes first in a fleet across accounts. */
function issueKey(report: ClusterReport): string {
  return `${where(report)}/${report.cluster}`;
}

export function issueTitle(report: ClusterReport): string {
  const s = report.support;
  const when = !s
    ? 'support dates unknown'
    : s.phase === 'unsupported'
      ? 'past the end of extended support'
      : s.phase === 'extended'
        ? `in extended support, ${s.daysToEndOfExtended} days until it ends`
        : `${s.daysToEndOfStandard} days of standard support left`;
  return `EKS ${report.cluster} (${where(report)}): Kubernetes ${report.version}, ${when}`;
}

/**
 * One issue per cluster, found again by its hidden marker: created when the cluster drifts, updated
 * in place, a comment only when the severity changes, closed when the cluster is healthy again.
 */
export async function syncIssue(api: IssueApi, existing: readonly IssueRef[], report: ClusterReport, label: string, body: string): Promise<IssueOutcome> {
  const key = issueKey(report);
  const issue = existing.find((i) => MARKER.exec(i.body)?.[1] === key && i.state === 'open') ?? existing.find((i) => MARKER.exec(i.body)?.[1] === key);
  const severity = report.verdict.severity;
  const previous = issue ? ((MARKER.exec(issue.body)?.[2] as Severity | undefined) ?? 'ok') : 'ok';
  const base = { cluster: report.cluster, region: report.region };
  const fullBody = `${marker(report)}\n${body}`;

  if (severity === 'ok') {
    if (!issue || issue.state !== 'open') return { ...base, action: 'unchanged', ...(issue ? ref(issue) : {}) };
    await api.updateIssue(issue.number, { body: fullBody });
    await api.comment(issue.number, `✅ **${report.cluster}** is healthy again: Kubernetes ${report.version}, nothing over the policy. Closing.`);
    await api.updateIssue(issue.number, { state: 'closed' });
    return { ...base, action: 'closed', ...ref(issue), commented: true };
  }
  if (!issue) {
    const created = await api.createIssue(issueTitle(report), fullBody, [label]);
    return { ...base, action: 'created', ...ref(created) };
  }
  const reopen = issue.state !== 'open';
  await api.updateIssue(issue.number, { title: issueTitle(report), body: fullBody, ...(reopen ? { state: 'open' } : {}) });
  const changed = reopen || previous !== severity;
  if (changed) {
    await api.comment(issue.number, `Severity changed from **${reopen ? 'ok' : previous}** to **${severity}**: ${report.verdict.reasons.join('; ')}.`);
  }
  return { ...base, action: reopen ? 'reopened' : 'updated', ...ref(issue), ...(changed ? { commented: true } : {}) };
}

function ref(issue: IssueRef): { number: number; url?: string } {
  return { number: issue.number, ...(issue.url ? { url: issue.url } : {}) };
}

/** The issue API on Octokit from @actions/github, loaded only when issues are managed. */
export async function octokitIssueApi(token: string, repository: string): Promise<IssueApi> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token);
  const [owner = '', repo = ''] = repository.split('/');
  const wrap = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      const e = error as { status?: number; message?: string };
      const hint = e.status === 403 || e.status === 404 ? ' (the workflow needs `permissions: issues: write`)' : '';
      throw new ApiError('GitHub', operation, String(e.status ?? 'error'), `${e.message ?? String(error)}${hint}`);
    }
  };
  return {
    listIssues: (label) =>
      wrap('issues.listForRepo', async () => {
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: label, state: 'all', per_page: 100 });
        return issues.filter((i) => !i.pull_request).map((i) => ({ number: i.number, state: i.state, body: i.body ?? '', url: i.html_url }));
      }),
    createIssue: (title, body, labels) =>
      wrap('issues.create', async () => {
        const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels });
        return { number: data.number, state: data.state, body: data.body ?? '', url: data.html_url };
      }),
    updateIssue: (number, change) =>
      wrap('issues.update', async () => {
        await octokit.rest.issues.update({ owner, repo, issue_number: number, ...change, ...(change.state === 'closed' ? { state_reason: 'completed' as const } : {}) });
      }),
    comment: (number, body) =>
      wrap('issues.createComment', async () => {
        await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
      }),
  };
}
