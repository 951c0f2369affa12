import type { FailureThreshold, LintConfig } from './config.js';
import { findDockerfiles, lintFiles, loadConfig } from './files.js';
import { exceedsThreshold } from './formatters/summary.js';
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
  /** Names of the inputs or flags, so errors point at what the user typed. */
  inputNames?: { patterns: string; config: string };
}

export interface LintRunResult {
  files: string[];
  findings: Finding[];
  config: LintConfig;
  configSource?: string;
  threshold: FailureThreshold;
  failed: boolean;
}

/** The whole lint job shared by the action and the CLI: find, configure, lint, judge. */
export async function runLint(options: LintRunOptions): Promise<LintRunResult> {
  const names = options.inputNames ?? { patterns: 'dockerfiles', config: 'config' };
  const { config, source } = await loadConfig(options.configPath, options.cwd, names.config);
  const files = await findDockerfiles(options.patterns, options.cwd, names.patterns);
  const { findings } = lintFiles(files, { cwd: options.cwd, config, context: options.context });
  const threshold = options.threshold ?? config.failureThreshold;
  return { files, findings, config, configSource: source, threshold, failed: exceedsThreshold(findings, threshold) };
}
