import type { InstalledAddon } from './addons.js';
import { allowedKubeletSkew } from './skew.js';
import { minorsBetween, parseMinor } from './version.js';

/**
 * kube-proxy (the EKS add-on) follows the kubelet's skew rule: never newer than the API server, at
 * most n-3 older (n-2 before 1.28). Blockers for the control plane moving from `current` to `next`.
 */
export function kubeProxyBlockers(addons: readonly InstalledAddon[], current: string, next: string): string[] {
  const proxy = addons.find((a) => a.name === 'kube-proxy');
  const minor = proxy && parseMinor(proxy.version);
  if (!proxy || !minor) return [];
  const version = `${minor.major}.${minor.minor}`;
  if (minorsBetween(version, current) < 0) return [`kube-proxy ${proxy.version} is newer than the control plane ${current}, which the skew policy does not allow`];
  const behindAfter = minorsBetween(version, next);
  if (behindAfter > allowedKubeletSkew(next)) return [`kube-proxy ${proxy.version} would be ${behindAfter} minors behind ${next} (limit n-${allowedKubeletSkew(next)}); update it first`];
  return [];
}
