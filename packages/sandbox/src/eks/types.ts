import type { AccessEntry } from '../sts/eks-authenticator.js';

/** A health issue as DescribeCluster, DescribeNodegroup and DescribeAddon report it (code from botocore's enums). */
export interface HealthIssueSeed {
  code: string;
  message?: string;
  resourceIds?: string[];
}

export interface NodegroupSeed {
  name: string;
  version?: string;
  releaseVersion?: string;
  status?: string;
  instanceTypes?: string[];
  amiType?: string;
  capacityType?: string;
  scaling?: { minSize: number; maxSize: number; desiredSize: number };
  labels?: Record<string, string>;
  healthIssues?: HealthIssueSeed[];
  /** Default: the two default subnets (see ec2/types.ts). */
  subnets?: string[];
  /** Default: maxUnavailable 1, as EKS creates node groups. */
  updateConfig?: { maxUnavailable?: number; maxUnavailablePercentage?: number };
  /** A launch template of the scenario's ec2.launchTemplates and the version the node group runs. */
  launchTemplate?: { id: string; name: string; version: string };
}

export interface AddonSeed {
  name: string;
  version: string;
  status?: string;
  healthIssues?: HealthIssueSeed[];
}

export interface InsightSeed {
  id: string;
  name: string;
  category?: 'UPGRADE_READINESS' | 'MISCONFIGURATION';
  kubernetesVersion?: string;
  status: 'PASSING' | 'WARNING' | 'ERROR' | 'UNKNOWN';
  reason?: string;
  description?: string;
  recommendation?: string;
  deprecationDetails?: {
    usage: string;
    replacedWith?: string;
    stopServingVersion?: string;
    startServingReplacementVersion?: string;
    clientStats?: { userAgent: string; numberOfRequestsLast30Days: number; lastRequestTime?: string }[];
  }[];
}

export interface ClusterSeed {
  name: string;
  /** The AWS account that owns it (default the sandbox's): only that account's principals see it. */
  account?: string;
  version: string;
  platformVersion?: string;
  status?: string;
  supportType?: 'STANDARD' | 'EXTENDED';
  authenticationMode?: 'API' | 'API_AND_CONFIG_MAP' | 'CONFIG_MAP';
  /** ISO date; default: when the sandbox started. */
  createdAt?: string;
  nodegroups?: NodegroupSeed[];
  addons?: AddonSeed[];
  fargateProfiles?: string[];
  insights?: InsightSeed[];
  accessEntries?: AccessEntry[];
  tags?: Record<string, string>;
  healthIssues?: HealthIssueSeed[];
  /** resourcesVpcConfig.subnetIds; default: the two default subnets. */
  subnetIds?: string[];
}

export interface AddonVersionSeed {
  addonName: string;
  type?: string;
  publisher?: string;
  owner?: string;
  versions: { addonVersion: string; clusterVersions: string[]; defaultFor?: string[] }[];
}

export interface ClusterVersionSeed {
  clusterVersion: string;
  releaseDate: string;
  endOfStandardSupportDate: string;
  endOfExtendedSupportDate: string;
  defaultPlatformVersion?: string;
  defaultVersion?: boolean;
  kubernetesPatchVersion?: string;
}

export interface EksScenario {
  /** The UTC day (YYYY-MM-DD) the scenario's dates describe; the sandbox moves them to today (see scenario-clock.ts). */
  asOf?: string;
  clusters?: ClusterSeed[];
  addonVersions?: AddonVersionSeed[];
  clusterVersions?: ClusterVersionSeed[];
  /** Actions (`eks:ListInsights`) the sandbox's identities are not allowed: AccessDeniedException, as IAM answers. */
  deny?: string[];
}
