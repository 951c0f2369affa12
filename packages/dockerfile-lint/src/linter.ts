import { defaultConfig, type LintConfig } from './config.js';
import { buildModel } from './model/build-model.js';
import type { DockerfileModel, Instruction } from './model/dockerfile.js';
import { stageIndexAtLine } from './model/stages.js';
import { assignFingerprints } from './fingerprints.js';
import { isIgnored, readPragmas, type Pragmas } from './pragmas.js';
import type { Rule } from './rule.js';
import { allRules } from './rules/index.js';
import type { ShellcheckTool } from './shellcheck/check.js';
import { compareCodes, severityRank, type Finding, type SourceRange } from './types.js';

export interface LintOptions {
  config?: LintConfig;
  /** Contents of the .dockerignore that applies; `null` when there is none; omit when unknown. */
  dockerignore?: string | null;
  /** Whether a path exists in the build context; omit when the context is not on disk. */
  contextHas?: (relativePath: string) => boolean;
  rules?: readonly Rule[];
}

/** Codes of findings about the linter itself rather than a rule. */
export const PARSE_ERROR = 'EK0001';
export const INTERNAL_ERROR = 'EK0002';

/** Lints one Dockerfile's text. Never throws: whatever goes wrong becomes a finding. */
export function lintText(file: string, text: string, options: LintOptions = {}): Finding[] {
  const prepared = prepareLint(file, text, options);
  if ('failure' in prepared) return prepared.failure;
  return finishLint(prepared, checkRules(prepared, options.rules));
}

export interface ShellLintOptions extends LintOptions {
  /** Runs ShellCheck over the RUN scripts; omit to lint without it. */
  shellcheck?: ShellcheckTool;
}

/**
 * lintText plus ShellCheck's findings (codes SCxxxx) on the RUN scripts, under the same pragmas,
 * `ignored` and `override` settings. A ShellCheck failure is one warning finding, not an exception.
 */
export async function lintTextWithShell(file: string, text: string, options: ShellLintOptions = {}): Promise<Finding[]> {
  const prepared = prepareLint(file, text, options);
  if ('failure' in prepared) return prepared.failure;
  const findings = checkRules(prepared, options.rules);
  if (options.shellcheck) {
    try {
      const { shellcheckModel } = await import('./shellcheck/check.js');
      for (const finding of await shellcheckModel(prepared.model, options.shellcheck)) {
        if (prepared.config.ignored.has(finding.code) || isSuppressed(prepared, finding.code, finding.range)) continue;
        findings.push({ ...finding, severity: prepared.config.override.get(finding.code) ?? finding.severity });
      }
    } catch (error) {
      findings.push(internalFailure(file, 'ShellCheck', error));
    }
  }
  return finishLint(prepared, findings);
}

interface PreparedLint {
  file: string;
  model: DockerfileModel;
  config: LintConfig;
  pragmas: Pragmas | undefined;
}

function prepareLint(file: string, text: string, options: LintOptions): PreparedLint | { failure: Finding[] } {
  const config = options.config ?? defaultConfig();
  try {
    const model = buildModel(file, text, options.dockerignore, options.contextHas);
    return { file, model, config, pragmas: config.disableIgnorePragma ? undefined : readPragmas(model) };
  } catch (error) {
    const failure = [parseFailure(file, error)];
    assignFingerprints(failure, []);
    return { failure };
  }
}

function checkRules(prepared: PreparedLint, rules: readonly Rule[] = allRules): Finding[] {
  const { file, model, config } = prepared;
  const findings: Finding[] = [];
  // One report function and context for all rules (rules report synchronously, from `check`):
  // a closure per rule per file was a measurable part of linting small files.
  let rule: Rule = allRules[0]!;
  let severity = rule.severity;
  const report = (at: Instruction | SourceRange, message?: string): void => {
    if (isSuppressed(prepared, rule.code, at)) return;
    const range = 'range' in at ? at.range : at;
    findings.push({ code: rule.code, severity, message: message ?? rule.title, file, range, category: rule.category });
  };
  const context = { model, config, report };
  for (const candidate of rules) {
    if (!isEnabled(candidate, config)) continue;
    rule = candidate;
    severity = config.override.get(rule.code) ?? rule.severity;
    try {
      rule.check(context);
    } catch (error) {
      findings.push(internalFailure(file, rule.code, error));
    }
  }
  return findings;
}

/** Whether an ignore pragma covers `code` at an instruction or range. */
function isSuppressed({ model, pragmas }: PreparedLint, code: string, at: Instruction | SourceRange): boolean {
  if (!pragmas) return false;
  const range = 'range' in at ? at.range : at;
  const stageIndex = 'range' in at ? at.stage?.index : stageIndexAtLine(model, range.startLine);
  // A pragma sits above an instruction's first line, even when the finding points further in.
  const pragmaLine = 'range' in at ? range.startLine : instructionStartAt(model, range.startLine);
  return isIgnored(pragmas, code, pragmaLine, stageIndex);
}

function finishLint({ model }: PreparedLint, findings: Finding[]): Finding[] {
  sortFindings(findings);
  assignFingerprints(findings, model.lines);
  return findings;
}

function isEnabled(rule: Rule, config: LintConfig): boolean {
  if (config.ignored.has(rule.code)) return false;
  return !rule.offByDefault || config.enabled.has(rule.code) || config.override.has(rule.code);
}

/** The first line of the instruction that contains `line` (instructions are in file order). */
function instructionStartAt(model: DockerfileModel, line: number): number {
  const instructions = model.instructions;
  let low = 0;
  let high = instructions.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = instructions[mid]!.range;
    if (line < range.startLine) high = mid - 1;
    else if (line > range.endLine) low = mid + 1;
    else return range.startLine;
  }
  return line;
}

/** By line, then most severe first, then code: stable output for people and for diffs. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file === b.file ? 0 : a.file.localeCompare(b.file)) ||
      a.range.startLine - b.range.startLine ||
      severityRank(a.severity) - severityRank(b.severity) ||
      compareCodes(a.code, b.code),
  );
}

const WHOLE_FILE: SourceRange = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function parseFailure(file: string, error: unknown): Finding {
  return {
    code: PARSE_ERROR,
    severity: 'error',
    message: `Dockerfile could not be parsed: ${(error as Error)?.message ?? String(error)}`,
    file,
    range: WHOLE_FILE,
    category: 'correctness',
  };
}

function internalFailure(file: string, code: string, error: unknown): Finding {
  return {
    code: INTERNAL_ERROR,
    severity: 'warning',
    message: `Rule ${code} failed on this file and was skipped (please report it): ${(error as Error)?.message ?? String(error)}`,
    file,
    range: WHOLE_FILE,
    category: 'correctness',
  };
}
