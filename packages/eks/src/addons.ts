import { DescribeAddonVersionsCommand, type DescribeAddonVersionsResponse } from '@aws-sdk/client-eks';
import { call, type EksApi } from './eks-api.js';
import type { HealthIssue } from './health.js';

export interface InstalledAddon {
  name: string;
  version: string;
  /** DescribeAddon `health.issues`. */
  healthIssues?: HealthIssue[];
}

/** What DescribeAddonVersions offers one add-on on one Kubernetes minor. */
export interface AddonOffer {
  versions: string[];
  defaultVersion?: string;
}

/** Looks up offers; callers share one per region so 50 clusters do not ask 50 times. */
export type AddonCatalog = (addonName: string, kubernetesVersion: string) => Promise<AddonOffer | undefined>;

export function addonCatalog(api: EksApi): AddonCatalog {
  const cache = new Map<string, Promise<AddonOffer | undefined>>();
  return (addonName, kubernetesVersion) => {
    const key = `${addonName}@${kubernetesVersion}`;
    let offer = cache.get(key);
    if (!offer) {
      offer = fetchOffer(api, addonName, kubernetesVersion);
      cache.set(key, offer);
    }
    return offer;
  };
}

async function fetchOffer(api: EksApi, addonName: string, kubernetesVersion: string): Promise<AddonOffer | undefined> {
  const versions: string[] = [];
  let defaultVersion: string | undefined;
  let nextToken: string | undefined;
  do {
    const page = await call<DescribeAddonVersionsResponse>(
      api,
      'DescribeAddonVersions',
      new DescribeAddonVersionsCommand({ addonName, kubernetesVersion, ...(nextToken ? { nextToken } : {}) }),
    );
    for (const addon of page.addons ?? []) {
      if (addon.addonName !== addonName) continue;
      for (const v of addon.addonVersions ?? []) {
        if (!v.addonVersion) continue;
        versions.push(v.addonVersion);
        if (v.compatibilities?.some((c) => c.clusterVersion === kubernetesVersion && c.defaultVersion)) defaultVersion = v.addonVersion;
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { versions: versions.sort(compareAddonVersions).reverse(), ...(defaultVersion ? { defaultVersion } : {}) };
}

export type AddonStatus = 'current' | 'update-available' | 'update-before-upgrade' | 'update-after-upgrade' | 'no-version-for-target' | 'unsupported-now';

export interface AddonCheck extends InstalledAddon {
  status: AddonStatus;
  /** Supported on the cluster's current version. */
  supportedNow: boolean;
  /** Supported on the target version as installed. */
  supportedOnTarget: boolean;
  /** What to move to for the current and the target version (default, else newest). */
  recommendedNow?: string;
  recommendedForTarget?: string;
  blocker: boolean;
  message: string;
}

/** One add-on against its offers for the current and the target Kubernetes version. */
export function checkAddon(addon: InstalledAddon, now: AddonOffer | undefined, target: AddonOffer | undefined, targetVersion: string): AddonCheck {
  const supportedNow = now?.versions.includes(addon.version) ?? false;
  const supportedOnTarget = target?.versions.includes(addon.version) ?? false;
  const recommendedNow = now ? (now.defaultVersion ?? now.versions[0]) : undefined;
  const recommendedForTarget = target ? (target.defaultVersion ?? target.versions[0]) : undefined;
  const base = { ...addon, supportedNow, supportedOnTarget, ...(recommendedNow ? { recommendedNow } : {}), ...(recommendedForTarget ? { recommendedForTarget } : {}) };
  if (!recommendedForTarget) {
    return { ...base, status: 'no-version-for-target', blocker: true, message: `no ${addon.name} version is offered for Kubernetes ${targetVersion}` };
  }
  if (!supportedNow && !supportedOnTarget) {
    return { ...base, status: 'unsupported-now', blocker: false, message: `${addon.version} is not offered for the current version; move to ${recommendedNow ?? recommendedForTarget}` };
  }
  if (!supportedOnTarget) {
    // A version valid on both sides exists: update before the control plane; else right after it.
    const bridge = target?.versions.find((v) => now?.versions.includes(v));
    if (bridge) return { ...base, status: 'update-before-upgrade', blocker: false, message: `${addon.version} does not run on ${targetVersion}; update to ${bridge} (valid on both) before the control plane` };
    return { ...base, status: 'update-after-upgrade', blocker: false, message: `${addon.version} does not run on ${targetVersion}; update to ${recommendedForTarget} right after the control plane` };
  }
  if (recommendedNow && compareAddonVersions(recommendedNow, addon.version) > 0) {
    return { ...base, status: 'update-available', blocker: false, message: `${recommendedNow} is the default for the current version` };
  }
  return { ...base, status: 'current', blocker: false, message: `${addon.version} runs on the current and the target version` };
}

/** v1.19.0-eksbuild.2 style versions: numbers first, then the eksbuild number. */
export function compareAddonVersions(a: string, b: string): number {
  const parts = (v: string) => (v.match(/\d+/g) ?? []).map(Number);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
