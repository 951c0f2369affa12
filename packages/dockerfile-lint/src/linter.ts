import { defaultConfig, type LintConfig } from './config.js';
import { buildModel } from './model/build-model.js';
import type { DockerfileModel, Instruction } from './model/dockerfile.js';
import { fileCheckOptions, localCheckOptions, type CheckOptions, type FileCheckOptions } from './check-directive.js';
import { assignFingerprints } from './fingerprints.js';
import { isIgnored, readPragmas } from './pragmas.js';
import type { Rule } from './rule.js';
import { allRules } from './rules/index.js';
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
  const config = options.config ?? defaultConfig();
  let model: DockerfileModel;
  try {
    model = buildModel(file, text, options.dockerignore, options.contextHas);
  } catch (error) {
    const failure = [parseFailure(file, error)];
    assignFingerprints(failure, []);
    return failure;
  }
  const pragmas = config.disableIgnorePragma ? undefined : readPragmas(model);
  const checks = fileCheckOptions(model);
  const localChecks = localCheckOptions(model, checks.directiveLines);
  const findings: Finding[] = [];
  const joining: { finding: Finding; rule: Rule }[] = [];
  // One report function and context for all rules (rules report synchronously, from `check`):
  // a closure per rule per file was a measurable part of linting small files.
  let rule: Rule = allRules[0]!;
  let severity = rule.severity;
  const report = (at: Instruction | SourceRange, message?: string): void => {
    const range = 'range' in at ? at.range : at;
    const stageIndex = 'range' in at ? at.stage?.index : stageIndexAt(model, range.startLine);
    // A pragma sits above an instruction's first line, even when the finding points further in.
    const pragmaLine = 'range' in at ? range.startLine : instructionStartAt(model, range.startLine);
    if (pragmas && (isIgnored(pragmas, rule.code, pragmaLine, stageIndex) || (rule.buildkit !== undefined && isIgnored(pragmas, rule.buildkit, pragmaLine, stageIndex)))) return;
    if (rule.buildkit !== undefined && !checkRuns(rule, config, checks, localChecks.get(pragmaLine))) return;
    const finding: Finding = { code: rule.code, severity, message: message ?? rule.title, file, range, category: rule.category };
    if (rule.buildkit !== undefined && rule.buildkit !== rule.code) nameCheck(finding, rule.buildkit);
    if (rule.joins !== undefined) joining.push({ finding, rule });
    findings.push(finding);
  };
  const context = { model, config, report };
  for (const candidate of options.rules ?? allRules) {
    if (!isEnabled(candidate, config, checks, localChecks)) continue;
    rule = candidate;
    severity = checks.options.error && rule.buildkit !== undefined ? 'error' : (config.override.get(rule.code) ?? rule.severity);
    try {
      rule.check(context);
    } catch (error) {
      findings.push(internalFailure(file, rule.code, error));
    }
  }
  const kept = joinFindings(findings, joining);
  sortFindings(kept);
  assignFingerprints(kept, model.lines);
  return kept;
}

function isEnabled(rule: Rule, config: LintConfig, checks: FileCheckOptions, localChecks: Map<number, CheckOptions>): boolean {
  if (config.ignored.has(rule.code) || (rule.buildkit !== undefined && config.ignored.has(rule.buildkit))) return false;
  if (rule.experimental) return config.enabled.has(rule.code) || experimentalOn(rule.code, checks.options) || [...localChecks.values()].some((local) => experimentalOn(rule.code, local));
  if (rule.buildkit !== undefined && skips(checks.options, rule.buildkit)) return false;
  return !rule.offByDefault || config.enabled.has(rule.code) || config.override.has(rule.code);
}

function skips(options: CheckOptions, name: string): boolean {
  return options.skipAll || options.skip.has(name);
}

function experimentalOn(name: string, options: CheckOptions): boolean {
  return options.experimentalAll || options.experimental.has(name);
}

/**
 * Whether a BuildKit check reports at an instruction, as BuildKit decides: `skip=` (the file's,
 * or the instruction's own `# check=` comment) silences it, except an experimental check, which
 * only `experimental=` (or `enabled:` in the config) turns on and `skip` does not touch.
 */
function checkRuns(rule: Rule, config: LintConfig, checks: FileCheckOptions, local: CheckOptions | undefined): boolean {
  const name = rule.buildkit!;
  if (rule.experimental) return config.enabled.has(name) || experimentalOn(name, checks.options) || (local !== undefined && experimentalOn(name, local));
  return local === undefined || !skips(local, name);
}

/** Shows a BuildKit check's name on a finding of a DL or EK rule. */
function nameCheck(finding: Finding, name: string): void {
  if (finding.buildkit !== undefined) return;
  finding.buildkit = name;
  finding.message = `${finding.message} (BuildKit: ${name})`;
}

/**
 * A BuildKit check that `joins` a DL/EK rule and finds the same spot as that rule's finding
 * becomes part of it: one finding with both names, at the more severe of the two severities.
 */
function joinFindings(findings: Finding[], joining: readonly { finding: Finding; rule: Rule }[]): Finding[] {
  if (joining.length === 0) return findings;
  const at = (code: string, range: SourceRange): string => `${code}\u0000${range.startLine}:${range.startColumn}`;
  const byPlace = new Map<string, Finding>();
  for (const finding of findings) byPlace.set(at(finding.code, finding.range), finding);
  const absorbed = new Set<Finding>();
  for (const { finding, rule } of joining) {
    const host = byPlace.get(at(rule.joins!, finding.range));
    if (!host) continue;
    nameCheck(host, rule.code);
    if (severityRank(finding.severity) < severityRank(host.severity)) host.severity = finding.severity;
    absorbed.add(finding);
  }
  return absorbed.size === 0 ? findings : findings.filter((f) => !absorbed.has(f));
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

function stageIndexAt(model: DockerfileModel, line: number): number | undefined {
  let index: number | undefined;
  for (const stage of model.stages) if (stage.from.range.startLine <= line) index = stage.index;
  return index;
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
