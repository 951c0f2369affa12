import { EksKitError } from '@eks-kit/core';
import type { AddonCatalog } from './addons.js';
import { checkAddon } from './addons.js';
import { lookupVersion, type Calendar } from './calendar.js';
import { fetchClusterFacts } from './cluster-facts.js';
import { mapLimit } from './concurrency.js';
import type { EksApi } from './eks-api.js';
import { checkLaunchTemplates } from './launch-templates.js';
import { checkSubnetRoom, type Ec2Api } from './subnet-room.js';
import { checkWorkloads, type KubeAccess } from './workloads/check.js';
import { clusterInsights } from './insights.js';
import type { ApiLifecycle } from './manifests/removed-apis.js';
import type { ManifestFinding } from './manifests/scan.js';
import { checkPlatform } from './platform.js';
import { buildPlaybook, playbookBlockers } from './playbook.js';
import { evaluatePolicy, type DriftPolicy } from './policy.js';
import type { ClusterReport } from './report.js';
import { nodegroupSkew } from './skew.js';
import { supportState } from './support.js';
import { compareVersions, minorsBetween, nextMinor } from './version.js';

export interface ClusterCheckContext {
  api: EksApi;
  region: string;
  calendar: Calendar;
  addonCatalog: AddonCatalog;
  now: number;
  policy: DriftPolicy;
  /** Judge manifests against this version instead of the next minor. */
  targetVersion?: string;
  /** Manifest findings for a target, given the current version; none when manifests are not scanned. */
  manifestFindings?: (target: string, current: string) => ManifestFinding[];
  concurrency?: number;
  /** EC2 for the region: free IP addresses (and launch templates) are checked only with it. */
  ec2?: Ec2Api;
  /** Reads the cluster's API: the workload checks run only with it. */
  kube?: KubeAccess;
  /** A user's versions file, for live objects (manifests get it through manifestFindings). */
  additionalApis?: readonly ApiLifecycle[];
}

/** The target version is older than the cluster: EKS never downgrades, so the option is wrong. */
export class TargetBehindError extends EksKitError {
  override name = 'TargetBehindError';
  readonly parameter = 'targetVersion' as const;
  constructor(target: string, current: string) {
    super(`${target} is older than ${current}, the version the cluster runs (EKS does not downgrade)`);
  }
}

/** One cluster from DescribeCluster to verdict. Throws ApiError naming the call that failed. */
export async function checkCluster(name: string, context: ClusterCheckContext): Promise<ClusterReport> {
  const facts = await fetchClusterFacts(context.api, name, context.concurrency ?? 4);
  const current = facts.version;
  const next = nextMinor(current);
  const notes: string[] = [];
  let target = context.targetVersion ?? next;
  if (compareVersions(target, current) < 0) throw new TargetBehindError(target, current);
  if (compareVersions(target, current) === 0) {
    notes.push(`already at the target ${target}; checking the next minor ${next}`);
    target = next;
  } else if (minorsBetween(current, target) > 1) {
    notes.push(`EKS upgrades one minor at a time: ${minorsBetween(current, target)} upgrades to reach ${target}; the playbook covers the first, manifests are judged against ${target}`);
  }

  const lookup = lookupVersion(context.calendar, current);
  if (lookup.note) notes.push(lookup.note);
  const support = lookup.entry ? supportState(lookup.entry, context.now, facts.supportType) : undefined;
  const nextAvailable = context.calendar.entries.some((e) => e.version === next);

  const [insights, addons, network, launchTemplates, workloads] = await Promise.all([
    clusterInsights(context.api, name),
    mapLimit(facts.addons, context.concurrency ?? 4, async (addon) => {
      const [nowOffer, nextOffer] = await Promise.all([context.addonCatalog(addon.name, current), context.addonCatalog(addon.name, next)]);
      return checkAddon(addon, nowOffer, nextOffer, next);
    }),
    context.ec2 ? checkSubnetRoom(context.ec2, facts.subnetIds, facts.nodegroups.map((n) => ({ ...n, subnets: n.subnets ?? [] }))) : undefined,
    context.ec2 ? checkLaunchTemplates(context.ec2, facts.nodegroups) : undefined,
    context.kube ? checkWorkloads({ access: context.kube, cluster: { name, region: context.region, ...(facts.endpoint ? { server: facts.endpoint } : {}), ...(facts.caData ? { caData: facts.caData } : {}) }, next, addons: facts.addons, apis: { target, current, ...(context.additionalApis ? { additional: context.additionalApis } : {}) } }) : undefined,
  ]);
  if (network?.status === 'not-checked') notes.push(`free IP addresses could not be checked: ${network.reason}`);
  if (workloads?.status === 'not-checked') notes.push(`workloads could not be checked: ${workloads.reason}`);
  for (const line of workloads?.status === 'checked' ? workloads.unreadableReleases : []) notes.push(`Helm release not judged: ${line}`);
  if (launchTemplates?.status === 'not-checked') notes.push(`launch template versions could not be checked: ${launchTemplates.reason}`);
  if (!nextAvailable) notes.push(`${current} is the newest version EKS offers; ${next} is not available yet`);
  const nodegroups = facts.nodegroups.map((n) => nodegroupSkew(n, current, next, context.now));
  const manifests = context.manifestFindings?.(target, current) ?? [];
  const manifestsForNext = target === next ? manifests : (context.manifestFindings?.(next, current) ?? []);
  if (facts.fargateProfiles.length > 0) notes.push(`Fargate pods take the control plane's kubelet version when they restart (${facts.fargateProfiles.length} profile${facts.fargateProfiles.length === 1 ? '' : 's'})`);

  const playbook = buildPlaybook({
    cluster: name,
    current,
    next,
    ...(facts.status ? { clusterStatus: facts.status } : {}),
    clusterHealth: facts.healthIssues,
    nextAvailable,
    nodegroups,
    fargateProfiles: facts.fargateProfiles,
    addons,
    insights,
    manifests: manifestsForNext,
    ...(network ? { network } : {}),
    ...(launchTemplates?.status === 'checked' ? { templateDrift: launchTemplates.drift } : {}),
    ...(workloads?.status === 'checked' ? { workloads: workloads.findings, liveApis: workloads.liveApis } : {}),
  });
  const blockers = playbookBlockers(playbook);
  const latestPlatform = context.calendar.source === 'api' ? lookup.entry?.defaultPlatformVersion : undefined;
  return {
    cluster: name,
    region: context.region,
    ...(facts.arn ? { arn: facts.arn } : {}),
    version: current,
    targetVersion: target,
    calendarSource: lookup.source,
    ...(lookup.note ? { calendarNote: lookup.note } : {}),
    ...(support ? { support } : {}),
    platform: checkPlatform(facts.platformVersion, latestPlatform),
    nodegroups,
    fargateProfiles: facts.fargateProfiles,
    addons,
    insights,
    manifests,
    ...(network ? { network } : {}),
    ...(launchTemplates ? { launchTemplates } : {}),
    ...(workloads ? { workloads } : {}),
    playbook,
    blockers,
    notes,
    verdict: evaluatePolicy(support, blockers, context.policy),
  };
}
