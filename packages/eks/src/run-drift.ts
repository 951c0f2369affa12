import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { AWS_CLIENT_SETTINGS, ProcessRunner, systemClock, withAwsRetries, type Logger } from '@eks-kit/core';
import { assumedRoleCredentials } from './assumed-roles.js';
import { roleAccounts } from './role-arns.js';
import { checkFleet, helmRendering, type AccountScope } from './fleet.js';
import { loadAdditionalVersions } from './manifests/additional-versions.js';
import type { DriftPolicy } from './policy.js';
import type { FleetReport } from './report.js';
import { eksTokenAccess } from './workloads/eks-token-access.js';

/** What the action's inputs and the CLI's flags both come down to. */
export interface DriftRunSettings {
  clusters: readonly string[];
  regions: readonly string[];
  targetVersion?: string;
  policy: DriftPolicy;
  /** undefined: manifests are not scanned. */
  manifests?: readonly string[];
  renderHelm: boolean;
  additionalVersions?: { path: string; label: string };
  /** IAM roles to assume, one per account; empty: the caller's own account. */
  roles: readonly string[];
  /** Read each cluster's API (an in-process EKS token) for the workload checks. */
  clusterAccess: boolean;
  concurrency: number;
}

export interface DriftRunEnvironment {
  /** The repository root (the workspace, or the CLI's directory). */
  root: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

/**
 * The whole check as the action and the CLI run it: SDK clients under core's retry policy, with
 * credentials and endpoints (AWS_ENDPOINT_URL_EKS, …) from the environment.
 */
export async function runVersionDrift(settings: DriftRunSettings, { root, env, logger }: DriftRunEnvironment): Promise<FleetReport> {
  const additional = settings.additionalVersions ? await loadAdditionalVersions(root, settings.additionalVersions.path, settings.additionalVersions.label) : undefined;
  if (additional?.ignored) logger.warning(`${settings.additionalVersions!.path}: ${additional.ignored} entries of components other than k8s are not judged against a cluster version`);
  const retries = (service: string) => ({ service, clock: systemClock, logger, stats: { calls: 0 } });
  // STS is global; its regional endpoint is asked in the first region the run names.
  const stsRegion = settings.regions[0] ?? env.AWS_REGION ?? 'us-east-1';
  const accounts: AccountScope[] = roleAccounts(settings.roles).map(({ account, roleArn }) => {
    const credentials = assumedRoleCredentials(roleArn, stsRegion, logger);
    return {
      account,
      via: roleArn,
      ready: async () => void (await credentials()),
      eksFor: (region) => withAwsRetries(new EKSClient({ region, credentials, ...AWS_CLIENT_SETTINGS }), retries('EKS')),
      ec2For: (region) => withAwsRetries(new EC2Client({ region, credentials, ...AWS_CLIENT_SETTINGS }), retries('EC2')),
      ...(settings.clusterAccess ? { kube: eksTokenAccess(env, () => credentials()) } : {}),
    };
  });
  return checkFleet({
    ...(accounts.length > 0 ? { accounts } : {}),
    clusters: settings.clusters,
    regions: settings.regions,
    eksFor: (region) => withAwsRetries(new EKSClient({ region, ...AWS_CLIENT_SETTINGS }), retries('EKS')),
    ec2For: (region) => withAwsRetries(new EC2Client({ region, ...AWS_CLIENT_SETTINGS }), retries('EC2')),
    ...(settings.clusterAccess ? { kube: eksTokenAccess(env) } : {}),
    clock: systemClock,
    policy: settings.policy,
    ...(settings.targetVersion ? { targetVersion: settings.targetVersion } : {}),
    ...(settings.manifests ? { manifestPaths: settings.manifests, root } : {}),
    ...(additional ? { additionalApis: additional.apis } : {}),
    ...(await helmRendering(settings.renderHelm, new ProcessRunner(), env)),
    concurrency: settings.concurrency,
    logger,
  });
}
