import type { AddonCheck } from './addons.js';
import type { InsightSummary } from './insights.js';
import type { ChartRender } from './manifests/helm.js';
import type { ManifestFinding } from './manifests/scan.js';
import type { PlatformCheck } from './platform.js';
import type { PlaybookStep } from './playbook.js';
import type { Severity, Verdict } from './policy.js';
import type { NodegroupSkew } from './skew.js';
import type { LaunchTemplateCheck } from './launch-templates.js';
import type { NetworkCheck } from './subnet-room.js';
import type { SupportState } from './support.js';
import type { WorkloadCheck } from './workloads/check.js';

/** Everything one run learned about one cluster; also the JSON written for dashboards. */
export interface ClusterReport {
  cluster: string;
  region: string;
  /** Set in a fleet across accounts. */
  account?: string;
  arn?: string;
  version: string;
  targetVersion: string;
  calendarSource: 'api' | 'bundled';
  calendarNote?: string;
  support?: SupportState;
  platform: PlatformCheck;
  nodegroups: NodegroupSkew[];
  fargateProfiles: string[];
  addons: AddonCheck[];
  insights: InsightSummary[];
  manifests: ManifestFinding[];
  /** Free IP addresses for the upgrade, when EC2 was given. */
  network?: NetworkCheck;
  /** Node groups' launch template versions against the templates' latest, when EC2 was given and a node group has one. */
  launchTemplates?: LaunchTemplateCheck;
  /** Live objects judged for the node drains, when cluster access was asked for. */
  workloads?: WorkloadCheck;
  playbook: PlaybookStep[];
  blockers: string[];
  notes: string[];
  verdict: Verdict;
}

/** A fleet option whose value does not fit a cluster (the adapter names the input or flag). */
export type FleetParameter = 'targetVersion';

/** A cluster that could not be checked: which one, which call, and why, in one line. */
export interface ClusterFailure {
  cluster: string;
  /** `-` when the failure is an account's, not a region's. */
  region: string;
  account?: string;
  operation?: string;
  /** Set when the cause is the value of this option, not the cluster or AWS. */
  parameter?: FleetParameter;
  message: string;
}

export type FleetStatus = Severity | 'error';

export interface FleetReport {
  generatedAt: string;
  status: FleetStatus;
  clusters: ClusterReport[];
  failures: ClusterFailure[];
  manifestScan?: { files: number; documents: number; templated: { file: string; skippedLines: number; templatedTypes: number; parseError?: string }[]; charts: ChartRender[] };
  /** API calls made, by operation. */
  apiCalls: Record<string, number>;
}
