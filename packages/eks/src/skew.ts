import type { HealthIssue } from './health.js';
import { daysUntil } from './dates.js';
import { compareVersions, minorsBetween } from './version.js';

/** Minors a kubelet may lag the API server: n-3 from Kubernetes 1.28, n-2 before. */
export function allowedKubeletSkew(controlPlane: string): number {
  return compareVersions(controlPlane, '1.28') >= 0 ? 3 : 2;
}

export interface NodegroupInfo {
  name: string;
  version: string;
  /** AMI release, e.g. 1.31.4-20250123 (managed node groups). */
  releaseVersion?: string;
  amiType?: string;
  /** EKS's own status of the node group (ACTIVE, UPDATING, DEGRADED…). */
  eksStatus?: string;
  /** DescribeNodegroup `health.issues`. */
  healthIssues?: HealthIssue[];
  subnets?: string[];
  desiredSize?: number;
  maxUnavailable?: number;
  maxUnavailablePercentage?: number;
  /** The EC2 launch template the node group was created with, and the version it runs. */
  launchTemplate?: { id?: string; name?: string; version?: string };
}

export type SkewStatus = 'current' | 'behind' | 'blocks-upgrade' | 'unsupported-skew' | 'ahead';

export interface NodegroupSkew extends NodegroupInfo {
  /** Minors behind the control plane. */
  behind: number;
  status: SkewStatus;
  /** Day the AMI release was built (from releaseVersion), when it has one. */
  amiReleaseDate?: string;
  /** Its age in days: EKS publishes new AMIs every few weeks, with security fixes. */
  amiAgeDays?: number;
  message: string;
}

/**
 * A node group against the control plane now and after the control plane moves to `target`:
 * over the allowed skew now is unsupported; over it after the upgrade blocks the upgrade.
 */
export function nodegroupSkew(nodegroup: NodegroupInfo, controlPlane: string, target: string, now?: number): NodegroupSkew {
  const behind = minorsBetween(nodegroup.version, controlPlane);
  const behindAfter = minorsBetween(nodegroup.version, target);
  const allowedNow = allowedKubeletSkew(controlPlane);
  const allowedAfter = allowedKubeletSkew(target);
  const amiReleaseDate = amiDate(nodegroup.releaseVersion);
  const amiAgeDays = amiReleaseDate && now !== undefined ? -daysUntil(amiReleaseDate, now) : undefined;
  const base = { ...nodegroup, behind, ...(amiReleaseDate ? { amiReleaseDate } : {}), ...(amiAgeDays !== undefined ? { amiAgeDays } : {}) };
  if (behind < 0) return { ...base, status: 'ahead', message: `runs ${nodegroup.version}, newer than the control plane ${controlPlane}` };
  if (behind > allowedNow) {
    return { ...base, status: 'unsupported-skew', message: `${behind} minors behind the control plane ${controlPlane}; kubelet skew beyond n-${allowedNow} is unsupported` };
  }
  if (behindAfter > allowedAfter) {
    return { ...base, status: 'blocks-upgrade', message: `${behind} minors behind ${controlPlane}; would be ${behindAfter} behind ${target} (limit n-${allowedAfter}), upgrade it first` };
  }
  if (behind > 0) return { ...base, status: 'behind', message: `${behind} minor${behind === 1 ? '' : 's'} behind the control plane ${controlPlane} (within n-${allowedNow})` };
  return { ...base, status: 'current', message: `matches the control plane ${controlPlane}` };
}

/** 1.31.4-20250123 → 2025-01-23; AL2023/Bottlerocket releases share the date suffix. */
export function amiDate(releaseVersion: string | undefined): string | undefined {
  const match = /-(\d{4})(\d{2})(\d{2})$/.exec(releaseVersion ?? '');
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
