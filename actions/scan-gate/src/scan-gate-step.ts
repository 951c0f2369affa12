import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionContext } from '@eks-kit/action-runtime';
import { KIT_VERSION, PolicyFailure, systemClock } from '@eks-kit/core';
import { baseImageLine, createEcrClient, EMPTY_BASIC_SCAN_NOTICE, failureMessage, formatSarif, formatTextReport, runScanGate, SEVERITIES, waitOptions } from '@eks-kit/ecr';
import type { ScanGateSettings } from '@eks-kit/inputs/scan-gate';
import { commentMarker, pullRequestFromEvent, upsertComment } from './pr-comment.js';
import { renderNoVerdict, renderSummary } from './summary.js';

/** The step after its inputs were read: main.ts loads it only then. */
export async function scanGateStep(context: ActionContext, inputs: ScanGateSettings): Promise<void> {
  if (inputs.githubToken) context.setSecret(inputs.githubToken);

  const client = createEcrClient(inputs.region);
  let result;
  try {
    result = await runScanGate({
      client,
      clock: systemClock,
      logger: context.logger,
      reference: inputs.reference,
      policy: inputs.policy,
      ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
      wait: waitOptions(inputs.pollMaxMs, inputs.startScan, inputs.expectedMs),
      timeoutMs: inputs.timeoutMs,
    });
  } catch (error) {
    // No verdict (timeout, missing repository, access denied): say so where reviewers look, then fail.
    context.setOutput('verdict', 'error');
    await context.writeSummary(renderNoVerdict(inputs.reference, (error as Error).message));
    throw error;
  } finally {
    client.destroy();
  }

  context.logger.info(formatTextReport(result, { maxFindings: 1000 }).trimEnd());
  for (const entry of result.allowlist.expired) context.logger.warning(`Allowlist entry ${entry.id} (${entry.source}) expired on ${entry.expires}; it no longer hides anything.`);
  for (const entry of result.allowlist.stale) context.logger.warning(`Allowlist entry ${entry.id} (${entry.source}) matches nothing in the image any more; remove it.`);
  for (const p of result.platforms) {
    if (p.pass && p.outcome.kind === 'unusable') context.logger.warning(`${p.image.platform ?? 'image'}: ${p.reason}`);
  }
  if (result.platforms.some((p) => p.unprovenEmpty)) context.annotate('notice', EMPTY_BASIC_SCAN_NOTICE, { title: 'A basic scan with no findings is not proof' });

  for (const severity of SEVERITIES) context.setOutput(severity.toLowerCase(), result.counts[severity]);
  context.setOutput('findings', result.totalFindings);
  context.setOutput('counted', SEVERITIES.reduce((sum, s) => sum + result.counts[s], 0));
  context.setOutput('verdict', result.pass ? 'pass' : 'fail');
  context.setOutput('digest', result.resolved.digest);
  if (result.delta) {
    context.setOutput('new-findings', result.delta.added.length);
    context.setOutput('fixed-findings', result.delta.fixed.length);
  }
  if (result.baseline?.kind === 'found') context.setOutput('baseline-digest', result.baseline.digest);

  if (inputs.sarifFile) {
    const absolute = path.resolve(context.workspace, inputs.sarifFile);
    mkdirSync(path.dirname(absolute), { recursive: true });
    const startLine = dockerfileBaseLine(path.resolve(context.workspace, inputs.dockerfile));
    writeFileSync(absolute, formatSarif(result, { version: KIT_VERSION, artifactPath: inputs.dockerfile, ...(startLine ? { startLine } : {}), informationUri: 'https://github.com/org/eks-kit' }));
    context.setOutput('sarif-file', inputs.sarifFile);
  }

  const summary = renderSummary(result, inputs.policy);
  await context.writeSummary(summary);

  const pr = inputs.prComment ? pullRequestFromEvent(context.env) : undefined;
  if (pr && inputs.githubToken) {
    try {
      const url = await upsertComment(inputs.githubToken, pr, commentMarker(inputs.reference.repository), summary, context.logger);
      if (url) context.setOutput('comment-url', url);
    } catch (error) {
      // The verdict matters more than the comment: a token without pull-requests: write warns.
      context.logger.warning(`Could not comment on pull request #${pr.number} (${(error as Error).message}); the job summary has the report. The job needs "pull-requests: write".`);
    }
  }

  if (!result.pass) throw new PolicyFailure(failureMessage(result));
}

/** Results point at the final FROM when the Dockerfile is in the checkout; else at line 1. */
function dockerfileBaseLine(file: string): number | undefined {
  try {
    return baseImageLine(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
