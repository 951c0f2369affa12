import { InputError } from '@eks-kit/core';

// Apart from fleet.ts, whose EKS client the action's input check must not load: a cluster named
// wrong fails before any AWS call and before the SDK is read.

export interface ClusterTarget {
  name: string;
  region: string;
  /** Set when the fleet spans accounts: the account whose role reaches it. */
  account?: string;
}

/** What the caller calls each setting (an input, a flag), for errors. */
export interface TargetLabels {
  clusters: string;
  regions: string;
  roles: string;
}

const INPUT_LABELS: TargetLabels = { clusters: 'clusters', regions: 'regions', roles: 'roles' };
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ARN = /^arn:aws[a-z-]*:eks:([a-z0-9-]+):\d{12}:cluster\/(.+)$/;
const ARN_WITH_ACCOUNT = /^arn:aws[a-z-]*:eks:[a-z0-9-]+:(\d{12}):cluster\/.+$/;

export function isRegionName(region: string): boolean {
  return REGION.test(region);
}

/** `name`, `region/name` or a cluster ARN; a bare name is in the default region. */
export function parseClusterRef(ref: string, defaultRegion: string | undefined, inputName = 'clusters', regionsLabel = 'regions'): ClusterTarget {
  const arn = ARN.exec(ref);
  if (arn) {
    if (!isRegionName(arn[1]!)) throw new InputError(inputName, `"${arn[1]}" in the ARN "${ref}" is not an AWS region name (like us-east-1)`);
    return { region: arn[1]!, name: arn[2]! };
  }
  if (ref.startsWith('arn:')) throw new InputError(inputName, `"${ref}" is not an EKS cluster ARN (arn:aws:eks:REGION:ACCOUNT-ID:cluster/NAME)`);
  const slash = ref.indexOf('/');
  if (slash > 0) {
    const region = ref.slice(0, slash);
    if (!isRegionName(region)) throw new InputError(inputName, `"${region}" in "${ref}" is not an AWS region name (like us-east-1)`);
    return { region, name: ref.slice(slash + 1) };
  }
  if (!defaultRegion) throw new InputError(inputName, `"${ref}" has no region: give ${regionsLabel}, set AWS_REGION, or write region/${ref}`);
  return { region: defaultRegion, name: ref };
}

/**
 * The clusters a fleet check names, read and checked without a call: each reference parsed
 * (with roles, an ARN in an account a role reaches), the regions named like regions, and either
 * clusters or regions given. No clusters: an empty list, every cluster in the regions is meant.
 */
export function namedTargets(
  options: { clusters: readonly string[]; regions: readonly string[]; accounts?: readonly { account: string }[] },
  labels: TargetLabels = INPUT_LABELS,
): ClusterTarget[] {
  for (const r of options.regions) if (!isRegionName(r)) throw new InputError(labels.regions, `"${r}" is not an AWS region name (like us-east-1)`);
  const accounts = options.accounts ?? [];
  if (options.clusters.length === 0 && options.regions.length === 0) {
    throw new InputError(labels.regions, `no clusters and no regions given: name ${labels.clusters}, or ${labels.regions} to check every cluster in`);
  }
  return options.clusters.map((ref) => (accounts.length > 0 ? accountTarget(ref, accounts, labels) : parseClusterRef(ref, options.regions[0], labels.clusters, labels.regions)));
}

function accountTarget(ref: string, accounts: readonly { account: string }[], labels: TargetLabels): ClusterTarget {
  const arn = ARN_WITH_ACCOUNT.exec(ref);
  if (!arn) throw new InputError(labels.clusters, `"${ref}": with ${labels.roles}, name clusters by ARN (arn:aws:eks:REGION:ACCOUNT-ID:cluster/NAME), or leave ${labels.clusters} empty to check every cluster in the ${labels.regions}`);
  const target = parseClusterRef(ref, undefined, labels.clusters);
  if (!accounts.some((a) => a.account === arn[1])) throw new InputError(labels.clusters, `"${ref}" is in account ${arn[1]}, which no role in ${labels.roles} reaches`);
  return { ...target, account: arn[1]! };
}
