import {
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeInsightCommand,
  DescribeNodegroupCommand,
  ListAddonsCommand,
  ListClustersCommand,
  ListFargateProfilesCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import type { EksApi } from '../src/eks-api.js';

export interface FakeCluster {
  name: string;
  version: string;
  platformVersion?: string;
  supportType?: 'STANDARD' | 'EXTENDED';
  status?: string;
  nodegroups?: { name: string; version: string; releaseVersion?: string; status?: string }[];
  addons?: { name: string; version: string }[];
  fargateProfiles?: string[];
  insights?: { id: string; name: string; status: string; kubernetesVersion?: string; reason?: string; recommendation?: string }[];
}

export interface FakeWorld {
  clusters: FakeCluster[];
  /** addon → versions with the Kubernetes minors each runs on (first listed is the default). */
  addonVersions?: Record<string, { version: string; clusterVersions: string[]; defaultFor?: string[] }[]>;
  clusterVersions?: { version: string; releaseDate: string; endOfStandard: string; endOfExtended: string; versionStatus?: string; defaultPlatformVersion?: string }[];
  /** Operations answered with AccessDeniedException. */
  deny?: string[];
  /** Per-call latency, to see concurrency. */
  delayMs?: number;
}

export interface FakeEks extends EksApi {
  calls: { operation: string; input: Record<string, unknown> }[];
  maxInFlight: number;
}

class AwsLikeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** An EKS client stand-in: answers like the SDK would, from a small world description. */
export function fakeEks(world: FakeWorld): FakeEks {
  let inFlight = 0;
  const fake: FakeEks = {
    calls: [],
    maxInFlight: 0,
    async send(command: object) {
      const input = (command as { input: Record<string, unknown> }).input;
      const operation = command.constructor.name.replace(/Command$/, '');
      fake.calls.push({ operation, input });
      inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
      try {
        if (world.delayMs) await new Promise((r) => setTimeout(r, world.delayMs));
        if (world.deny?.includes(operation)) throw new AwsLikeError('AccessDeniedException', `User is not authorized to perform: eks:${operation}`);
        return answer(world, command, input);
      } finally {
        inFlight--;
      }
    },
  };
  return fake;
}

function cluster(world: FakeWorld, name: unknown): FakeCluster {
  const found = world.clusters.find((c) => c.name === name);
  if (!found) throw new AwsLikeError('ResourceNotFoundException', `No cluster found for name: ${String(name)}.`);
  return found;
}

function answer(world: FakeWorld, command: object, input: Record<string, unknown>): unknown {
  if (command instanceof ListClustersCommand) return { clusters: world.clusters.map((c) => c.name) };
  if (command instanceof DescribeClusterCommand) {
    const c = cluster(world, input.name);
    return { cluster: { name: c.name, arn: `arn:aws:eks:us-east-1:111122223333:cluster/${c.name}`, version: c.version, platformVersion: c.platformVersion ?? 'eks.1', status: c.status ?? 'ACTIVE', upgradePolicy: { supportType: c.supportType ?? 'EXTENDED' } } };
  }
  if (command instanceof ListNodegroupsCommand) return { nodegroups: (cluster(world, input.clusterName).nodegroups ?? []).map((n) => n.name) };
  if (command instanceof DescribeNodegroupCommand) {
    const n = cluster(world, input.clusterName).nodegroups?.find((x) => x.name === input.nodegroupName);
    return { nodegroup: { nodegroupName: n?.name, version: n?.version, releaseVersion: n?.releaseVersion, status: n?.status ?? 'ACTIVE' } };
  }
  if (command instanceof ListAddonsCommand) return { addons: (cluster(world, input.clusterName).addons ?? []).map((a) => a.name) };
  if (command instanceof DescribeAddonCommand) {
    const a = cluster(world, input.clusterName).addons?.find((x) => x.name === input.addonName);
    return { addon: { addonName: a?.name, addonVersion: a?.version } };
  }
  if (command instanceof ListFargateProfilesCommand) return { fargateProfileNames: cluster(world, input.clusterName).fargateProfiles ?? [] };
  if (command instanceof DescribeAddonVersionsCommand) {
    const k8s = input.kubernetesVersion as string;
    const versions = (world.addonVersions?.[input.addonName as string] ?? []).filter((v) => v.clusterVersions.includes(k8s));
    if (versions.length === 0) return { addons: [] };
    return {
      addons: [{ addonName: input.addonName, addonVersions: versions.map((v) => ({ addonVersion: v.version, compatibilities: [{ clusterVersion: k8s, defaultVersion: v.defaultFor?.includes(k8s) ?? false }] })) }],
    };
  }
  if (command instanceof DescribeClusterVersionsCommand) {
    return {
      clusterVersions: (world.clusterVersions ?? []).map((v) => ({
        clusterVersion: v.version,
        releaseDate: new Date(`${v.releaseDate}T00:00:00Z`),
        endOfStandardSupportDate: new Date(`${v.endOfStandard}T00:00:00Z`),
        endOfExtendedSupportDate: new Date(`${v.endOfExtended}T00:00:00Z`),
        ...(v.versionStatus ? { versionStatus: v.versionStatus, status: 'deprecated-field-ignored' } : {}),
        ...(v.defaultPlatformVersion ? { defaultPlatformVersion: v.defaultPlatformVersion } : {}),
      })),
    };
  }
  if (command instanceof ListInsightsCommand) {
    return { insights: (cluster(world, input.clusterName).insights ?? []).map((i) => ({ id: i.id, name: i.name, category: 'UPGRADE_READINESS', kubernetesVersion: i.kubernetesVersion, insightStatus: { status: i.status, reason: i.reason ?? '' } })) };
  }
  if (command instanceof DescribeInsightCommand) {
    const i = cluster(world, input.clusterName).insights?.find((x) => x.id === input.id);
    return { insight: { id: i?.id, name: i?.name, recommendation: i?.recommendation ?? '', categorySpecificSummary: { deprecationDetails: [] } } };
  }
  throw new AwsLikeError('UnknownOperationException', `fake has no ${command.constructor.name}`);
}

/** A fixed clock: the day the tests are written about. */
export const at = (iso: string) => ({ now: () => Date.parse(iso), sleep: async () => undefined });
