import { compareVersions } from './version.js';

/** The first Kubernetes version for which EKS publishes no Amazon Linux 2 AMIs. */
export const FIRST_VERSION_WITHOUT_AL2 = '1.33';

/** Managed node group amiTypes that run Amazon Linux 2 (AL2_x86_64, AL2_x86_64_GPU, AL2_ARM_64). */
export function isAmazonLinux2(amiType: string | undefined): boolean {
  return amiType !== undefined && amiType.startsWith('AL2_');
}

/** Whether a node group with this amiType can be upgraded to `version` at all. */
export function amiOfferedFor(amiType: string | undefined, version: string): boolean {
  return !(isAmazonLinux2(amiType) && compareVersions(version, FIRST_VERSION_WITHOUT_AL2) >= 0);
}
