import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { KIT_VERSION, ProcessRunner } from '@eks-kit/core';
import { allRules, formatGithub, formatJson, formatSarif, formatText, ruleDocsBase, runLint, shellcheckNotice } from '@eks-kit/dockerfile-lint';
import { LINT_TABLE, readLintSettings } from '@eks-kit/inputs/lint';
import type { Command } from '../command.js';
import { readCommandLine } from '../command-line.js';
import { EXIT } from '../exit-codes.js';

export const lintCommand: Command = async (argv, io) => {
  const read = readCommandLine(LINT_TABLE, argv, io);
  if (!read) return EXIT.ok;
  const settings = readLintSettings(read);

  const result = await runLint({
    patterns: settings.dockerfiles,
    cwd: io.cwd,
    configPath: settings.config,
    threshold: settings.failureThreshold,
    context: settings.context,
    inputNames: settings.names,
    shellcheck: { runner: new ProcessRunner() },
    // Only SARIF and JSON show fingerprints; without them a lint never loads node:crypto.
    fingerprints: settings.format === 'sarif' || settings.format === 'json',
  });
  const notice = shellcheckNotice(result.shellcheck);
  if (notice) io.logger.info(notice);

  const color = io.isTTY && !settings.noColor && !settings.output && !io.env.NO_COLOR;
  const summaryLine = (): string => formatText(result.findings, { filesChecked: result.files.length }).trimEnd().split('\n').pop() ?? '';
  const report =
    settings.format === 'json'
      ? formatJson(result.findings)
      : settings.format === 'sarif'
        ? formatSarif(result.findings, { rules: allRules, version: KIT_VERSION, helpBaseUri: ruleDocsBase(io.env, KIT_VERSION) })
        : settings.format === 'github'
          ? formatGithub(result.findings)
          : formatText(result.findings, { color, filesChecked: result.files.length });
  if (settings.output) {
    writeFileSync(path.resolve(io.cwd, settings.output), report);
    io.logger.info(`${summaryLine()} Report written to ${settings.output}.`);
  } else {
    io.stdout(report);
  }
  return result.failed ? EXIT.policy : EXIT.ok;
};
