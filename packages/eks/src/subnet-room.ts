import { DescribeSubnetsCommand, type DescribeSubnetsResult } from '@aws-sdk/client-ec2';
import { call, type EksApi } from './eks-api.js';

/** An EC2 client, or anything with its `send`; the caller decides credentials and endpoint. */
export type Ec2Api = EksApi;
export type Ec2ApiFactory = (region: string) => Ec2Api;

/** EKS places the upgraded control plane's network interfaces in the cluster's subnets: it needs free addresses in two zones. */
export const CONTROL_PLANE_FREE_IPS_PER_ZONE = 5;
export const CONTROL_PLANE_ZONES_NEEDED = 2;

export interface ZoneRoom {
  zone: string;
  /** AvailableIpAddressCount summed over the zone's subnets. */
  available: number;
}

export interface IpRoom {
  /** `control plane` or `node group NAME`. */
  scope: string;
  subnets: string[];
  zones: ZoneRoom[];
  /** Free addresses the upgrade needs (control plane: per zone, in two zones; node group: in all its subnets). */
  needed: number;
  ok: boolean;
  message: string;
}

export type NetworkCheck = { status: 'checked'; controlPlane?: IpRoom; nodegroups: IpRoom[] } | { status: 'not-checked'; reason: string };

export interface SurgeInput {
  name: string;
  subnets: readonly string[];
  desiredSize?: number;
  maxUnavailable?: number;
  maxUnavailablePercentage?: number;
}

/**
 * New nodes a managed node group upgrade launches at once. EKS's scale-up phase raises the Auto
 * Scaling group's desired size by the larger of twice its zones and its maxUnavailable (a
 * percentage is of the desired size); each new node takes at least its own primary address.
 */
export function surgeNodes(nodegroup: SurgeInput, zones: number): number {
  const unavailable = nodegroup.maxUnavailable ?? (nodegroup.maxUnavailablePercentage !== undefined ? Math.max(1, Math.ceil(((nodegroup.desiredSize ?? 0) * nodegroup.maxUnavailablePercentage) / 100)) : 1);
  return Math.max(2 * zones, unavailable);
}

/** Free addresses of the cluster's subnets (control plane rule) and of each node group's (surge rule), one DescribeSubnets call. */
export async function checkSubnetRoom(ec2: Ec2Api, clusterSubnets: readonly string[], nodegroups: readonly SurgeInput[]): Promise<NetworkCheck> {
  const ids = [...new Set([...clusterSubnets, ...nodegroups.flatMap((n) => n.subnets)])];
  if (ids.length === 0) return { status: 'checked', nodegroups: [] };
  let answer: DescribeSubnetsResult;
  try {
    answer = await call<DescribeSubnetsResult>(ec2, 'DescribeSubnets', new DescribeSubnetsCommand({ SubnetIds: ids }), 'EC2');
  } catch (error) {
    return { status: 'not-checked', reason: (error as Error).message };
  }
  const byId = new Map((answer.Subnets ?? []).map((s) => [s.SubnetId ?? '', { zone: s.AvailabilityZone ?? s.AvailabilityZoneId ?? 'unknown zone', available: s.AvailableIpAddressCount ?? 0 }]));
  const zonesOf = (subnets: readonly string[]): ZoneRoom[] => {
    const zones = new Map<string, number>();
    for (const id of subnets) {
      const s = byId.get(id);
      if (s) zones.set(s.zone, (zones.get(s.zone) ?? 0) + s.available);
    }
    return [...zones.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([zone, available]) => ({ zone, available }));
  };
  const listed = (zones: readonly ZoneRoom[]) => zones.map((z) => `${z.zone}: ${z.available}`).join(', ');
  const controlPlane = clusterSubnets.length === 0 ? undefined : controlPlaneRoom(clusterSubnets, zonesOf(clusterSubnets), listed);
  return {
    status: 'checked',
    ...(controlPlane ? { controlPlane } : {}),
    nodegroups: nodegroups
      .filter((n) => n.subnets.length > 0)
      .map((n) => {
        const zones = zonesOf(n.subnets);
        const needed = surgeNodes(n, zones.length);
        const available = zones.reduce((sum, z) => sum + z.available, 0);
        const ok = available >= needed;
        return {
          scope: `node group ${n.name}`,
          subnets: [...n.subnets],
          zones,
          needed,
          ok,
          message: ok
            ? `${available} free IP addresses for the ${needed} nodes its upgrade launches at once (${listed(zones)})`
            : `${available} free IP addresses in its subnets (${listed(zones)}); its upgrade launches up to ${needed} new nodes at once, each needing at least one: free addresses or add subnets first`,
        };
      }),
  };
}

function controlPlaneRoom(subnets: readonly string[], zones: ZoneRoom[], listed: (z: readonly ZoneRoom[]) => string): IpRoom {
  const roomy = zones.filter((z) => z.available >= CONTROL_PLANE_FREE_IPS_PER_ZONE);
  const ok = roomy.length >= CONTROL_PLANE_ZONES_NEEDED;
  return {
    scope: 'control plane',
    subnets: [...subnets],
    zones,
    needed: CONTROL_PLANE_FREE_IPS_PER_ZONE,
    ok,
    message: ok
      ? `${roomy.length} Availability Zones with at least ${CONTROL_PLANE_FREE_IPS_PER_ZONE} free IP addresses in the cluster's subnets (${listed(zones)})`
      : `the cluster's subnets have ${CONTROL_PLANE_FREE_IPS_PER_ZONE} or more free IP addresses in ${roomy.length} Availability Zone${roomy.length === 1 ? '' : 's'} (${listed(zones) || 'none found'}); EKS needs ${CONTROL_PLANE_ZONES_NEEDED} to place the upgraded control plane's network interfaces: free addresses or add subnets with update-cluster-config first`,
  };
}

/** What blocks the upgrade: the control plane's room blocks its step, a node group's its own. */
export function subnetRoomBlockers(network: NetworkCheck | undefined): { controlPlane: string[]; nodegroups: string[] } {
  if (!network || network.status !== 'checked') return { controlPlane: [], nodegroups: [] };
  return {
    controlPlane: network.controlPlane && !network.controlPlane.ok ? [`control plane subnets: ${network.controlPlane.message}`] : [],
    nodegroups: network.nodegroups.filter((n) => !n.ok).map((n) => `${n.scope}: ${n.message}`),
  };
}
