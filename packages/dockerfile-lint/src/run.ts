import type { FailureThreshold, LintConfig } from './config.js';
import { findDockerfiles, lintFiles, loadConfig } from './files.js';
import { exceedsThreshold } from './formatters/summary.js';
import { shellcheckVersion, type ShellcheckTool } from './shellcheck/check.js';
import type { Finding } from './types.js';

export interface LintRunOptions {
  /** Paths, directories or globs; empty means every Dockerfile under `cwd`. */
  patterns: readonly string[];
  cwd: string;
  configPath?: string;
  /** Overrides the config file's failure-threshold. */
  threshold?: FailureThreshold;
  /** Build context, when it is not the Dockerfile's directory (for .dockerignore lookup). */
  context?: string;
  /** Runs ShellCheck over RUN scripts when the program starts; omit to lint without it. */
  shellcheck?: ShellcheckTool;
  /** Names of the inputs or flags, so errors point at what the user typed. */
  inputNames?: { patterns: string; config: string };
  /** Off: no fingerprints, for a report that shows none (LintOptions.fingerprints). */
  fingerprints?: boolean;
}

export interface LintRunResult {
  files: string[];
  findings: Finding[];
  config: LintConfig;
  configSource?: string;
  threshold: FailureThreshold;
  failed: boolean;
  /** Whether ShellCheck ran: its version, or why not. */
  shellcheck: ShellcheckStatus;
}

export type ShellcheckStatus = { ran: true; version: string } | { ran: false; reason: 'not-requested' | 'not-found' };

/** The whole lint job shared by the action and the CLI: find, configure, lint, judge. */
export async function runLint(options: LintRunOptions): Promise<LintRunResult> {
  const names = options.inputNames ?? { patterns: 'dockerfiles', config: 'config' };
  const { config, source } = await loadConfig(options.configPath, options.cwd, names.config);
  const files = await findDockerfiles(options.patterns, options.cwd, names.patterns);
  const shellcheck = await probeShellcheck(options.shellcheck);
  const tool = shellcheck.ran ? options.shellcheck : undefined;
  const { findings } = await lintFiles(files, { cwd: options.cwd, config, context: options.context, shellcheck: tool, fingerprints: options.fingerprints });
  const threshold = options.threshold ?? config.failureThreshold;
  return { files, findings, config, configSource: source, threshold, failed: exceedsThreshold(findings, threshold), shellcheck };
}

async function probeShellcheck(tool: ShellcheckTool | undefined): Promise<ShellcheckStatus> {
  if (!tool) return { ran: false, reason: 'not-requested' };
  const version = await shellcheckVersion(tool);
  return version ? { ran: true, version } : { ran: false, reason: 'not-found' };
}

/** The one line the log and the summary show when ShellCheck could not run (`undefined` when it ran or was not asked for). */
export function shellcheckNotice(status: ShellcheckStatus): string | undefined {
  if (status.ran || status.reason !== 'not-found') return undefined;
  return 'ShellCheck is not on PATH, so RUN scripts were not checked (no SC findings); install it (Debian/Ubuntu: apt-get install shellcheck) to add them.';
}
