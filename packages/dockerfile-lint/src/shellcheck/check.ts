import type { CommandRunner } from '@eks-kit/core';
import type { DockerfileModel } from '../model/dockerfile.js';
import { isSeverity, type Finding, type Severity } from '../types.js';
import { scriptBatches, type ScriptBatch, type ScriptSpan } from './script.js';

/** hadolint's exclusions: SC2187 (ash is checked as dash), SC1090 (a `source` directive cannot be written in a Dockerfile). */
export const SHELLCHECK_EXCLUDED = ['SC2187', 'SC1090'];

export interface ShellcheckTool {
  runner: CommandRunner;
  /** The program to run; `shellcheck` from PATH by default. */
  command?: string;
}

/** One comment of `shellcheck --format=json1`. */
interface ShellcheckComment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/** ShellCheck's version, or `undefined` when the program cannot be started. */
export async function shellcheckVersion(tool: ShellcheckTool): Promise<string | undefined> {
  try {
    const result = await tool.runner.run(tool.command ?? 'shellcheck', ['--version'], { allowFailure: true, timeoutMs: 30_000 });
    if (result.exitCode !== 0) return undefined;
    return /^version:\s*(\S+)/m.exec(result.stdout)?.[1] ?? 'unknown';
  } catch {
    return undefined;
  }
}

/**
 * ShellCheck's findings on every shell-form RUN of one Dockerfile: one ShellCheck run per
 * dialect (one in almost every file). A RUN ShellCheck cannot parse stops it from checking the
 * rest, so its parse errors are kept and the batch runs again without it: one extra run per
 * broken RUN, none when all parse.
 */
export async function shellcheckModel(model: DockerfileModel, tool: ShellcheckTool): Promise<Finding[]> {
  const findings: Finding[] = [];
  const excluded = new Set<number>();
  for (let batches = scriptBatches(model); batches.length > 0; ) {
    const retry: ScriptBatch['dialect'][] = [];
    for (const batch of batches) {
      const comments = await runBatch(batch, tool);
      const broken = brokenSpans(comments, batch.spans);
      const kept = broken.length === 0 ? comments : comments.filter((c) => broken.some((span) => inSpan(c.line, span)) && c.code < 2000);
      for (const comment of kept) {
        if (batch.spans.some((span) => inSpan(comment.line, span))) findings.push(toFinding(model.file, comment));
      }
      if (broken.length > 0) {
        broken.forEach((span) => excluded.add(span.startLine));
        retry.push(batch.dialect);
      }
    }
    batches = retry.length === 0 ? [] : scriptBatches(model, excluded).filter((b) => retry.includes(b.dialect));
  }
  return findings;
}

async function runBatch(batch: ScriptBatch, tool: ShellcheckTool): Promise<ShellcheckComment[]> {
  const args = ['--format=json1', `--shell=${batch.dialect}`, '--severity=style', '--norc', `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`, '-'];
  const result = await tool.runner.run(tool.command ?? 'shellcheck', args, { input: batch.text, allowFailure: true, timeoutMs: 120_000 });
  // 0: no findings, 1: findings; anything else is ShellCheck failing, which must not pass as "clean".
  if (result.exitCode > 1) throw new Error(`shellcheck exited with ${result.exitCode}: ${result.stderr.trim().split('\n')[0] ?? ''}`);
  const parsed = JSON.parse(result.stdout) as { comments?: ShellcheckComment[] };
  return parsed.comments ?? [];
}

/** The RUNs holding a parse error (SC1072/SC1073 and other error-level SC1xxx), which end ShellCheck's analysis. */
function brokenSpans(comments: readonly ShellcheckComment[], spans: readonly ScriptSpan[]): ScriptSpan[] {
  const fatal = comments.filter((c) => c.level === 'error' && c.code < 2000);
  if (fatal.length === 0) return [];
  const broken = spans.filter((span) => fatal.some((c) => inSpan(c.line, span)));
  // An error past every RUN (an unclosed quote runs to the end) points back at the last RUN it could start in.
  if (broken.length === 0) {
    const line = Math.min(...fatal.map((c) => c.line));
    const last = [...spans].reverse().find((span) => span.startLine <= line);
    if (last) broken.push(last);
  }
  return broken;
}

function inSpan(line: number, span: ScriptSpan): boolean {
  return line >= span.startLine && line <= span.endLine;
}

function toFinding(file: string, comment: ShellcheckComment): Finding {
  const severity: Severity = isSeverity(comment.level) ? comment.level : 'warning';
  const single = comment.line === comment.endLine && comment.endColumn <= comment.column;
  return {
    code: `SC${comment.code}`,
    severity,
    message: comment.message,
    file,
    range: {
      startLine: comment.line,
      startColumn: comment.column,
      endLine: comment.endLine,
      endColumn: single ? comment.column + 1 : comment.endColumn,
    },
    category: 'correctness',
  };
}
