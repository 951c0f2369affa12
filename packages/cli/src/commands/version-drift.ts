import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { AWS_CLIENT_SETTINGS, checkReportPath, ProcessRunner, systemClock, withAwsRetries, writeReportFile } from '@eks-kit/core';
import { checkFleet, formatText, helmRendering, loadAdditionalVersions } from '@eks-kit/eks';
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
  const additional = settings.additionalVersions ? await loadAdditionalVersions(io.cwd, settings.additionalVersions.path, settings.additionalVersions.label) : undefined;
  if (additional?.ignored) io.logger.warning(`${settings.additionalVersions!.path}: ${additional.ignored} entries of components other than k8s are not judged against a cluster version`);

  const report = await checkFleet({
    clusters: settings.clusters,
    regions: settings.regions,
    eksFor: (region) => withAwsRetries(new EKSClient({ region, ...AWS_CLIENT_SETTINGS }), { service: 'EKS', clock: systemClock, logger: io.logger, stats: { calls: 0 } }),
    ec2For: (region) => withAwsRetries(new EC2Client({ region, ...AWS_CLIENT_SETTINGS }), { service: 'EC2', clock: systemClock, logger: io.logger, stats: { calls: 0 } }),
    clock: systemClock,
    policy: settings.policy,
    ...(settings.targetVersion ? { targetVersion: settings.targetVersion } : {}),
    ...(settings.manifests ? { manifestPaths: settings.manifests, root: io.cwd } : {}),
    ...(additional ? { additionalApis: additional.apis } : {}),
    ...(await helmRendering(settings.renderHelm, new ProcessRunner(), io.env)),
    concurrency: settings.concurrency,
    logger: io.logger,
  });
  const text = settings.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatText(report);
  if (settings.output && outputFile) {
    writeReportFile(read.label('output'), settings.output, outputFile, text);
    io.logger.info(`Result: ${report.status}. Report written to ${settings.output}.`);
  } else io.stdout(text);
  for (const failure of report.failures) io.logger.error(`${failure.cluster} (${failure.region}): ${failure.message}`);
  if (report.failures.length > 0) return EXIT.usage;
  return report.status === 'failure' ? EXIT.policy : EXIT.ok;
};

