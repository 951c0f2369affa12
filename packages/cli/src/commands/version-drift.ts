import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { EKSClient } from '@aws-sdk/client-eks';
import { ProcessRunner, systemClock } from '@eks-kit/core';
import { checkFleet, formatText, helmRendering } from '@eks-kit/eks';
import { readVersionDriftSettings, VERSION_DRIFT_TABLE } from '@eks-kit/inputs/version-drift';
import type { Command } from '../command.js';
import { readCommandLine } from '../command-line.js';
import { EXIT } from '../exit-codes.js';

export const versionDriftCommand: Command = async (argv, io) => {
  const read = readCommandLine(VERSION_DRIFT_TABLE, argv, io);
  if (!read) return EXIT.ok;
  const settings = readVersionDriftSettings(read, io.env);

  const report = await checkFleet({
    clusters: settings.clusters,
    regions: settings.regions,
    eksFor: (region) => new EKSClient({ region }),
    clock: systemClock,
    policy: settings.policy,
    ...(settings.targetVersion ? { targetVersion: settings.targetVersion } : {}),
    ...(settings.manifests ? { manifestPaths: settings.manifests, root: io.cwd } : {}),
    ...(await helmRendering(settings.renderHelm, new ProcessRunner(), io.env)),
    concurrency: settings.concurrency,
    logger: io.logger,
  });
  const text = settings.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatText(report);
  if (settings.output) {
    writeFileSync(path.resolve(io.cwd, settings.output), text);
    io.logger.info(`Result: ${report.status}. Report written to ${settings.output}.`);
  } else io.stdout(text);
  for (const failure of report.failures) io.logger.error(`${failure.cluster} (${failure.region}): ${failure.message}`);
  if (report.failures.length > 0) return EXIT.usage;
  return report.status === 'failure' ? EXIT.policy : EXIT.ok;
};

