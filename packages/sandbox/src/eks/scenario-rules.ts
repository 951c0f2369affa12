import type { EksScenario } from './types.js';

/**
 * States real EKS cannot be in, found when a scenario loads: a test built on one would prove
 * nothing. Rules follow the EKS version lifecycle: a cluster on upgradePolicy STANDARD is upgraded
 * at the end of standard support, every cluster at the end of extended support, and a managed node
 * group never runs a newer Kubernetes than its control plane.
 */
export function impossibleEksStates(scenario: EksScenario, now: Date): string[] {
  const problems: string[] = [];
  const calendar = new Map((scenario.clusterVersions ?? []).map((v) => [v.clusterVersion, v]));
  for (const v of calendar.values()) {
    const [release, standard, extended] = [v.releaseDate, v.endOfStandardSupportDate, v.endOfExtendedSupportDate].map((d) => Date.parse(d));
    if (!(release! < standard! && standard! < extended!)) {
      problems.push(`clusterVersions ${v.clusterVersion}: releaseDate ${v.releaseDate}, endOfStandardSupportDate ${v.endOfStandardSupportDate} and endOfExtendedSupportDate ${v.endOfExtendedSupportDate} must come in that order`);
    }
  }
  for (const cluster of scenario.clusters ?? []) {
    const v = calendar.get(cluster.version);
    if (v && cluster.supportType === 'STANDARD' && now >= new Date(v.endOfStandardSupportDate)) {
      problems.push(`cluster ${cluster.name}: ${cluster.version} on supportType STANDARD after its end of standard support (${v.endOfStandardSupportDate}); EKS would have upgraded it (use EXTENDED, or a newer version)`);
    } else if (v && now >= new Date(v.endOfExtendedSupportDate)) {
      problems.push(`cluster ${cluster.name}: ${cluster.version} after its end of extended support (${v.endOfExtendedSupportDate}); EKS would have upgraded it`);
    }
    for (const ng of cluster.nodegroups ?? []) {
      if (ng.version && minorOf(ng.version) > minorOf(cluster.version)) {
        problems.push(`cluster ${cluster.name}: node group ${ng.name} runs ${ng.version}, newer than the control plane ${cluster.version}, which EKS does not allow`);
      }
    }
  }
  return problems;
}

function minorOf(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 1000 + minor;
}
