import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionContext } from '@eks-kit/action-runtime';
import { KIT_VERSION, PolicyFailure, ProcessRunner } from '@eks-kit/core';
import {
  allRules,
  annotationLevel,
  atOrAbove,
  countBySeverity,
  formatJson,
  formatSarif,
  formatText,
  helpUriOf,
  pickAnnotations,
  ruleDocsBase,
  runLint,
  shellcheckNotice,
  type Finding,
} from '@eks-kit/dockerfile-lint';
import type { LintSettings } from '@eks-kit/inputs/lint';
import { renderSummary } from './summary.js';

/** The step after its inputs were read: main.ts loads it only then. */
export async function lintStep(context: ActionContext, inputs: LintSettings): Promise<void> {
  const result = await runLint({
    patterns: inputs.dockerfiles,
    cwd: context.workspace,
    configPath: inputs.config,
    threshold: inputs.failureThreshold,
    context: inputs.context,
    shellcheck: { runner: new ProcessRunner() },
  });
  const docsBase = ruleDocsBase(context.env, KIT_VERSION);
  const notice = shellcheckNotice(result.shellcheck);
  if (notice) context.logger.info(notice);

  context.logger.info(formatText(result.findings, { filesChecked: result.files.length }).trimEnd());
  if (inputs.format === 'json') context.logger.info(formatJson(result.findings).trimEnd());

  const annotated = inputs.format === 'github' ? annotate(context, result.findings, inputs.maxAnnotations) : 0;

  const sarifFile = inputs.sarifFile ?? (inputs.format === 'sarif' ? 'eks-kit-lint.sarif' : undefined);
  if (sarifFile) {
    const absolute = path.resolve(context.workspace, sarifFile);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, formatSarif(result.findings, { rules: allRules, version: KIT_VERSION, helpBaseUri: docsBase }));
    context.setOutput('sarif-file', sarifFile);
  }

  const counts = countBySeverity(result.findings);
  context.setOutput('errors', counts.error);
  context.setOutput('warnings', counts.warning);
  context.setOutput('infos', counts.info);
  context.setOutput('styles', counts.style);
  context.setOutput('total', counts.total);
  context.setOutput('files', result.files.length);
  context.setOutput('result', result.failed ? 'fail' : 'pass');

  await context.writeSummary(
    renderSummary(result, annotated, {
      fileUrl: (file, line) => blobUrl(context.env, file, line),
      ruleUrl: (code) => helpUriOf(code, docsBase),
    }),
  );

  if (result.failed) {
    const over = result.findings.filter((f) => atOrAbove(f, result.threshold));
    throw new PolicyFailure(`${over.length} Dockerfile finding${over.length === 1 ? '' : 's'} at or above "${result.threshold}" (${counts.error} error, ${counts.warning} warning, ${counts.info} info, ${counts.style} style)`);
  }
}

/** GitHub shows ten annotations per level per step: spread over rules and files, most severe level first. */
function annotate(context: ActionContext, findings: Finding[], max: number): number {
  const chosen = pickAnnotations(findings, max);
  for (const f of chosen) {
    const kind = annotationLevel(f.severity);
    const singleLine = f.range.startLine === f.range.endLine;
    context.annotate(kind, f.message, {
      title: `${f.code} (${f.severity})`,
      file: f.file,
      startLine: f.range.startLine,
      endLine: f.range.endLine,
      ...(singleLine ? { startColumn: f.range.startColumn, endColumn: f.range.endColumn } : {}),
    });
  }
  return chosen.length;
}

function blobUrl(env: NodeJS.ProcessEnv, file: string, line: number): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_SHA) return undefined;
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return `${server}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/${file.split(path.sep).map(encodeURIComponent).join('/')}#L${line}`;
}
