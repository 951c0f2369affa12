import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EKSClient } from '@aws-sdk/client-eks';
import { runAction, type ActionContext } from '@eks-kit/action-runtime';
import { EksKitError, PolicyFailure, ProcessRunner, systemClock } from '@eks-kit/core';
import { checkFleet, describeFailure, formatText, helmRendering, sortByUrgency, type FleetReport } from '@eks-kit/eks';
import { readVersionDriftSettings, VERSION_DRIFT_TABLE } from '@eks-kit/inputs/version-drift';
import { octokitIssueApi, syncIssue, type IssueOutcome } from './issue.js';
import { renderCluster, renderSummary } from './summary.js';

async function main(context: ActionContext): Promise<void> {
  const inputs = readVersionDriftSettings(context.read(VERSION_DRIFT_TABLE), context.env);
  const report = await checkFleet({
    clusters: inputs.clusters,
    regions: inputs.regions,
    // Credentials, endpoint (AWS_ENDPOINT_URL_EKS) and retries come from the environment.
    eksFor: (region) => new EKSClient({ region }),
    clock: systemClock,
    policy: inputs.policy,
    ...(inputs.targetVersion ? { targetVersion: inputs.targetVersion } : {}),
    ...(inputs.manifests ? { manifestPaths: inputs.manifests, root: context.workspace } : {}),
    ...(await helmRendering(inputs.renderHelm, new ProcessRunner(), context.env)),
    concurrency: inputs.concurrency,
    logger: context.logger,
  });
  context.logger.info(formatText(report).trimEnd());

  const issues = inputs.createIssues ? await manageIssues(context, report, inputs.issueLabel, inputs.githubToken ?? '') : { outcomes: [], errors: [] };

  if (inputs.reportFile) {
    const file = path.resolve(context.workspace, inputs.reportFile);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...report, issues: issues.outcomes }, null, 2)}\n`);
    context.setOutput('report-file', inputs.reportFile);
  }
  setOutputs(context, report);
  await context.writeSummary(renderSummary(report, issues.outcomes, issues.errors));

  for (const c of report.clusters.filter((x) => x.verdict.severity === 'warning')) {
    context.annotate('warning', `${c.cluster} (${c.region}): ${c.verdict.reasons.join('; ')}`, { title: `EKS ${c.version}` });
  }
  // Issues are a notification: without them the summary, outputs and JSON still carry the verdict.
  for (const line of issues.errors) context.logger.warning(line);
  if (report.failures.length > 0) {
    // One line each, naming the cluster and the call; the step fails on the whole list.
    const lines = report.failures.map(describeFailure);
    for (const line of lines) context.logger.error(line);
    throw new EksKitError(lines.length === 1 ? (lines[0] ?? '') : `${lines.length} problems: ${lines.join(' | ')}`);
  }
  const failing = report.clusters.filter((c) => c.verdict.severity === 'failure');
  if (failing.length > 0) {
    throw new PolicyFailure(failing.map((c) => `${c.cluster} (${c.region}): ${c.verdict.reasons.join('; ')}`).join(' | '));
  }
}

/** For later steps: the most urgent cluster's numbers (the only cluster's, for one). */
function setOutputs(context: ActionContext, report: FleetReport): void {
  const first = sortByUrgency(report.clusters)[0];
  context.setOutput('status', report.status);
  context.setOutput('current-version', first?.version ?? '');
  context.setOutput('target-version', first?.targetVersion ?? '');
  context.setOutput('days-left', first?.support?.daysToEndOfStandard ?? '');
  context.setOutput('clusters', report.clusters.length);
  context.setOutput('failed-clusters', report.failures.length);
  context.setOutput('blockers', report.clusters.reduce((n, c) => n + c.blockers.length, 0));
}

async function manageIssues(context: ActionContext, report: FleetReport, label: string, token: string): Promise<{ outcomes: IssueOutcome[]; errors: string[] }> {
  const repository = context.env.GITHUB_REPOSITORY ?? '';
  const outcomes: IssueOutcome[] = [];
  const errors: string[] = [];
  try {
    const api = await octokitIssueApi(token, repository);
    const existing = await api.listIssues(label);
    for (const c of report.clusters) {
      try {
        const outcome = await syncIssue(api, existing, c, label, renderCluster(c));
        outcomes.push(outcome);
        if (outcome.action !== 'unchanged') context.logger.info(`issue #${outcome.number ?? '?'} ${outcome.action} for ${c.cluster} (${c.region})`);
      } catch (error) {
        errors.push(`issue for ${c.cluster} (${c.region}): ${(error as Error).message}`);
      }
    }
  } catch (error) {
    errors.push(`issues in ${repository}: ${(error as Error).message}`);
  }
  return { outcomes, errors };
}

await runAction(main);
