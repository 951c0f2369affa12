import { describe, expect, it } from '@jest/globals';
import type { ClusterReport, Severity } from '@eks-kit/eks';
import { syncIssue, type IssueApi, type IssueRef } from '../src/issue.js';

function fakeIssues(initial: IssueRef[] = []) {
  const issues = [...initial];
  const log: string[] = [];
  const api: IssueApi = {
    listIssues: async () => issues,
    createIssue: async (title, body) => {
      const issue = { number: issues.length + 1, state: 'open', body };
      issues.push(issue);
      log.push(`create ${title}`);
      return issue;
    },
    updateIssue: async (number, change) => {
      const issue = issues.find((i) => i.number === number)!;
      Object.assign(issue, change.body ? { body: change.body } : {}, change.state ? { state: change.state } : {});
      log.push(`update #${number}${change.state ? ` ${change.state}` : ''}`);
    },
    comment: async (number, body) => {
      log.push(`comment #${number} ${body.split(':')[0]}`);
    },
  };
  return { api, issues, log };
}

const report = (severity: Severity, cluster = 'prod'): ClusterReport =>
  ({
    cluster,
    region: 'us-east-1',
    version: '1.33',
    targetVersion: '1.34',
    support: { phase: 'standard', daysToEndOfStandard: 20, daysToEndOfExtended: 385 },
    verdict: { severity, reasons: severity === 'ok' ? [] : ['20 days until the end of standard support (fail at 30)'] },
  }) as unknown as ClusterReport;

describe('one issue per cluster', () => {
  it('creates, updates quietly, comments on a change, closes, then reopens', async () => {
    const { api, issues, log } = fakeIssues();
    const step = async (severity: Severity) => (await syncIssue(api, issues, report(severity), 'eks-version-drift', 'body')).action;
    expect(await step('ok')).toBe('unchanged');
    expect(await step('warning')).toBe('created');
    expect(await step('warning')).toBe('updated');
    expect(await step('failure')).toBe('updated');
    expect(await step('ok')).toBe('closed');
    expect(await step('ok')).toBe('unchanged');
    expect(await step('warning')).toBe('reopened');
    expect(issues).toHaveLength(1);
    expect(log).toEqual([
      'create EKS prod (us-east-1): Kubernetes 1.33, 20 days of standard support left',
      'update #1',
      'update #1',
      'comment #1 Severity changed from **warning** to **failure**',
      'update #1',
      'comment #1 ✅ **prod** is healthy again',
      'update #1 closed',
      'update #1 open',
      'comment #1 Severity changed from **ok** to **warning**',
    ]);
  });

  it('tells clusters apart by the marker, not the title', async () => {
    const { api, issues } = fakeIssues();
    await syncIssue(api, issues, report('warning', 'prod'), 'l', 'body');
    await syncIssue(api, issues, report('warning', 'staging'), 'l', 'body');
    expect(issues.map((i) => i.body.split('\n')[0])).toEqual([
      '<!-- eks-kit:version-drift cluster=us-east-1/prod severity=warning -->',
      '<!-- eks-kit:version-drift cluster=us-east-1/staging severity=warning -->',
    ]);
  });
});
