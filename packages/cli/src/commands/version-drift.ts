import { checkReportPath, writeReportFile } from '@eks-kit/core';
import { describeFailure, formatText, runVersionDrift } from '@eks-kit/eks';
import { readVersionDriftSettings, VERSION_DRIFT_TABLE } from '@eks-kit/inputs/version-drift';
import type { Command } from '../command.js';
import { readCommandLine } from '../command-line.js';
import { EXIT } from '../exit-codes.js';

export const versionDriftCommand: Command = async (argv, io) => {
  const read = readCommandLine(VERSION_DRIFT_TABLE, argv, io);
  if (!read) return EXIT.ok;
  const settings = readVersionDriftSettings(read, io.env);
  // A report path that cannot be written is said before any AWS call, not after the whole check.
  const outputFile = settings.output ? checkReportPath(read.label('output'), settings.output, io.cwd) : undefined;
  const report = await runVersionDrift(settings, { root: io.cwd, env: io.env, logger: io.logger });
  const text = settings.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatText(report);
  if (settings.output && outputFile) {
    writeReportFile(read.label('output'), settings.output, outputFile, text);
    io.logger.info(`Result: ${report.status}. Report written to ${settings.output}.`);
  } else io.stdout(text);
  for (const failure of report.failures) io.logger.error(describeFailure(failure));
  if (report.failures.length > 0) return EXIT.usage;
  return report.status === 'failure' ? EXIT.policy : EXIT.ok;
};

