import type { ActionContext } from '@eks-kit/action-runtime';
import { checkReportPath, EksKitError, InputError, PolicyFailure, writeReportFile } from '@eks-kit/core';
import { formatText, runVersionDrift, sortByUrgency, type FleetReport, where } from '@eks-kit/eks';
import type { VersionDriftSettings } from '@eks-kit/inputs/version-drift';
import { failureLine } from './failure-line.js';
import { octokitIssueApi, syncIssue, type IssueOutcome } from './issue.js';
import { renderCluster, renderSummary } from './summary.js';

/** The step after its inputs were read: main.ts loads it only then. */
export async function versionDriftStep(context: ActionContext, inputs: VersionDriftSettings): Promise<void> {
  // A report path that cannot be written is found before anything is written: the clusters are
  // still checked and summarised, issues are left alone, and the step fails on that one line.
  const { reportFile, badReportFile } = reportTarget(inputs.reportFile, context.workspace);
  const report = await runVersionDrift(inputs, { root: context.workspace, env: context.env, logger: context.logger });
  context.logger.info(formatText(report).trimEnd());

  const issues = !inputs.createIssues
    ? { outcomes: [], errors: [] }
    : badReportFile
      ? { outcomes: [], errors: [`issues left unchanged: ${badReportFile.message}`] }
      : await manageIssues(context, report, inputs.issueLabel, inputs.githubToken ?? '');

  let writeError: InputError | undefined;
  if (inputs.reportFile && reportFile) {
    try {
      writeReportFile('report-file', inputs.reportFile, reportFile, `${JSON.stringify({ ...report, issues: issues.outcomes }, null, 2)}\n`);
      context.setOutput('report-file', inputs.reportFile);
    } catch (error) {
      writeError = error as InputError;
    }
  }
  setOutputs(context, report);
  await context.writeSummary(renderSummary(report, issues.outcomes, issues.errors));

  for (const c of report.clusters.filter((x) => x.verdict.severity === 'warning')) {
    context.annotate('warning', `${c.cluster} (${where(c)}): ${c.verdict.reasons.join('; ')}`, { title: `EKS ${c.version}` });
  }
  // Issues are a notification: without them the summary, outputs and JSON still carry the verdict.
  for (const line of issues.errors) context.logger.warning(line);
  const inputProblem = badReportFile ?? writeError;
  const lines = [...(inputProblem ? [inputProblem.message] : []), ...report.failures.map(failureLine)];
  if (lines.length === 1) throw new EksKitError(lines[0] ?? '');
  if (lines.length > 1) {
    // Each problem is annotated once here; the failure line only counts them.
    for (const line of lines) context.logger.error(line);
    throw new EksKitError(`${lines.length} problems, each listed above`);
  }
  const failing = report.clusters.filter((c) => c.verdict.severity === 'failure');
  if (failing.length > 0) {
    throw new PolicyFailure(failing.map((c) => `${c.cluster} (${where(c)}): ${c.verdict.reasons.join('; ')}`).join(' | '));
  }
}

function reportTarget(given: string | undefined, workspace: string): { reportFile?: string; badReportFile?: InputError } {
  if (!given) return {};
  try {
    return { reportFile: checkReportPath('report-file', given, workspace) };
  } catch (error) {
    if (error instanceof InputError) return { badReportFile: error };
    throw error;
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
        if (outcome.action !== 'unchanged') context.logger.info(`issue #${outcome.number ?? '?'} ${outcome.action} for ${c.cluster} (${where(c)})`);
      } catch (error) {
        errors.push(`issue for ${c.cluster} (${where(c)}): ${(error as Error).message}`);
      }
    }
  } catch (error) {
    errors.push(`issues in ${repository}: ${(error as Error).message}`);
  }
  return { outcomes, errors };
}
