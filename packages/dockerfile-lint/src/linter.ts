import { defaultConfig, type LintConfig } from './config.js';
import { buildModel } from './model/build-model.js';
import type { DockerfileModel, Instruction } from './model/dockerfile.js';
import { stageIndexAtLine } from './model/stages.js';
import { fileCheckOptions, localCheckOptions, type CheckOptions, type FileCheckOptions } from './check-directive.js';
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
  /**
   * Whether each finding gets its fingerprint (SARIF's partialFingerprints; the JSON report shows
   * it): on unless turned off, as the CLI does for a report that shows none.
   */
  fingerprints?: boolean;
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
        if (prepared.config.ignored.has(finding.code) || isSuppressed(prepared, finding.code, placeOf(prepared, finding.range))) continue;
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
  /** The file's `# check=` directive, and the per-instruction `# check=` comments by line. */
  checks: FileCheckOptions;
  localChecks: Map<number, CheckOptions>;
  fingerprints: boolean;
}

function prepareLint(file: string, text: string, options: LintOptions): PreparedLint | { failure: Finding[] } {
  const config = options.config ?? defaultConfig();
  try {
    const model = buildModel(file, text, options.dockerignore, options.contextHas);
    const checks = fileCheckOptions(model);
    const localChecks = localCheckOptions(model, checks.directiveLines);
    return { file, model, config, pragmas: config.disableIgnorePragma ? undefined : readPragmas(model), checks, localChecks, fingerprints: options.fingerprints !== false };
  } catch (error) {
    const failure = [parseFailure(file, error)];
    if (options.fingerprints !== false) assignFingerprints(failure, []);
    return { failure };
  }
}

function checkRules(prepared: PreparedLint, rules: readonly Rule[] = allRules): Finding[] {
  const { file, model, config, checks, localChecks } = prepared;
  const findings: Finding[] = [];
  const joining: { finding: Finding; rule: Rule }[] = [];
  // One report function and context for all rules (rules report synchronously, from `check`):
  // a closure per rule per file was a measurable part of linting small files.
  let rule: Rule = allRules[0]!;
  let severity = rule.severity;
  const report = (at: Instruction | SourceRange, message?: string): void => {
    const range = 'range' in at ? at.range : at;
    // Looked up once per finding: a rule BuildKit names too asks under both names.
    const place = placeOf(prepared, at);
    if (isSuppressed(prepared, rule.code, place) || (rule.buildkit !== undefined && isSuppressed(prepared, rule.buildkit, place))) return;
    if (rule.buildkit !== undefined && !checkRuns(rule, config, checks, localChecks.get(place.pragmaLine))) return;
    const finding: Finding = { code: rule.code, severity, message: message ?? rule.title, file, range, category: rule.category };
    if (rule.buildkit !== undefined && rule.buildkit !== rule.code) nameCheck(finding, rule.buildkit);
    if (rule.joins !== undefined) joining.push({ finding, rule });
    findings.push(finding);
  };
  const context = { model, config, report };
  for (const candidate of rules) {
    if (!isEnabled(candidate, config, checks, localChecks)) continue;
    rule = candidate;
    severity = checks.options.error && rule.buildkit !== undefined ? 'error' : (config.override.get(rule.code) ?? rule.severity);
    try {
      rule.check(context);
    } catch (error) {
      findings.push(internalFailure(file, rule.code, error));
    }
  }
  return joinFindings(findings, joining);
}

/** Where a finding sits for pragmas and `# check=` comments: its instruction's first line, its stage. */
interface Place {
  pragmaLine: number;
  stageIndex: number | undefined;
}

function placeOf({ model, pragmas }: PreparedLint, at: Instruction | SourceRange): Place {
  const pragmaLine = pragmaLineOf(model, at);
  // The stage matters to stage pragmas only.
  if (pragmas === undefined) return { pragmaLine, stageIndex: undefined };
  return { pragmaLine, stageIndex: 'range' in at ? at.stage?.index : stageIndexAtLine(model, at.startLine) };
}

/** Whether an ignore pragma covers `code` at a place. */
function isSuppressed({ pragmas }: PreparedLint, code: string, { pragmaLine, stageIndex }: Place): boolean {
  return pragmas !== undefined && isIgnored(pragmas, code, pragmaLine, stageIndex);
}

/** A pragma sits above an instruction's first line, even when the finding points further in. */
function pragmaLineOf(model: DockerfileModel, at: Instruction | SourceRange): number {
  return 'range' in at ? at.range.startLine : instructionStartAt(model, at.startLine);
}

function finishLint({ model, fingerprints }: PreparedLint, findings: Finding[]): Finding[] {
  sortFindings(findings);
  if (fingerprints) assignFingerprints(findings, model.lines);
  return findings;
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
