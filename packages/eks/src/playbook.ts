import type { AddonCheck } from './addons.js';
import { amiOfferedFor, FIRST_VERSION_WITHOUT_AL2 } from './ami-family.js';
import { healthBlockers, type HealthIssue } from './health.js';
import type { InsightSummary } from './insights.js';
import { blocksUpgrade } from './insights.js';
import { kubeProxyBlockers } from './kube-proxy.js';
import type { ManifestFinding } from './manifests/scan.js';
import type { NodegroupSkew } from './skew.js';
import { isCustomAmi, type TemplateDrift } from './launch-templates.js';
import { subnetRoomBlockers, type NetworkCheck } from './subnet-room.js';
import type { LiveApiFinding } from './live/live-apis.js';
import { compareVersions } from './version.js';
import type { WorkloadFinding } from './workloads/judge.js';

export interface PlaybookStep {
  title: string;
  /** What to do, one line per item (node group, add-on, …). */
  items: string[];
  /** What stops this step today. */
  blockers: string[];
  /** Optional steps keep skew room but are not needed for the upgrade itself. */
  required: boolean;
}

export interface PlaybookInput {
  cluster: string;
  current: string;
  next: string;
  clusterStatus?: string;
  /** DescribeCluster `health.issues`. */
  clusterHealth?: HealthIssue[];
  /** Whether EKS offers `next` yet (it is in the calendar); the newest version is not a problem. */
  nextAvailable: boolean;
  nodegroups: NodegroupSkew[];
  fargateProfiles: string[];
  addons: AddonCheck[];
  insights: InsightSummary[];
  /** Manifest findings judged against `next`. */
  manifests: ManifestFinding[];
  /** Free IP addresses of the cluster's and node groups' subnets. */
  network?: NetworkCheck;
  /** Node groups on a launch template version older than the template's latest. */
  templateDrift?: TemplateDrift[];
  /** Live workloads judged for the node drains (cluster access). */
  workloads?: WorkloadFinding[];
  /** Live objects and Helm releases through deprecated or removed APIs (cluster access). */
  liveApis?: LiveApiFinding[];
}

/**
 * The upgrade to the next minor in the order EKS needs: node groups that lag, then the control
 * plane, then add-ons (a cluster update does not touch them), then the rest of the data plane.
 */
export function buildPlaybook(input: PlaybookInput): PlaybookStep[] {
  const steps: PlaybookStep[] = [];
  const lagging = input.nodegroups.filter((n) => n.behind > 0);
  // A node group short of addresses blocks the first step that upgrades it.
  const room = subnetRoomBlockers(input.network);
  const roomFor = (names: readonly string[]) => room.nodegroups.filter((b) => names.some((name) => b.startsWith(`node group ${name}:`)));
  if (lagging.length > 0) {
    const must = lagging.some((n) => n.status === 'blocks-upgrade' || n.status === 'unsupported-skew');
    steps.push({
      title: `Upgrade lagging node groups to ${input.current}`,
      items: lagging.map((n) => `${n.name}: ${n.version} → ${input.current}${n.status === 'blocks-upgrade' || n.status === 'unsupported-skew' ? ` (${n.message})` : ''}`),
      blockers: [...lagging.filter((n) => n.eksStatus !== undefined && isBusy(n.eksStatus)).map((n) => `node group ${n.name} is ${n.eksStatus}`), ...roomFor(lagging.map((n) => n.name))],
      required: must,
    });
  }
  const al2 = input.nodegroups.filter((n) => !amiOfferedFor(n.amiType, input.next));
  if (al2.length > 0) {
    steps.push({
      title: `Move Amazon Linux 2 node groups to AL2023 or Bottlerocket (EKS publishes no AL2 AMIs for ${FIRST_VERSION_WITHOUT_AL2} and later)`,
      items: al2.map((n) => `${n.name}: ${n.amiType} → an AL2023 or Bottlerocket amiType (a new node group, then move the workloads)`),
      blockers: al2.map((n) => `node group ${n.name} runs Amazon Linux 2 (${n.amiType}): EKS publishes no AL2 AMIs for ${input.next}; move it to AL2023 or Bottlerocket first`),
      required: true,
    });
  }
  const bridge = input.addons.filter((a) => a.status === 'update-before-upgrade');
  if (bridge.length > 0) {
    steps.push({
      title: `Update add-ons that do not run on ${input.next}, before the control plane`,
      items: bridge.map((a) => `${a.name}: ${a.message}`),
      blockers: [],
      required: true,
    });
  }
  steps.push({
    title: `Upgrade the control plane ${input.current} → ${input.next}`,
    items: input.nextAvailable
      ? [`aws eks update-cluster-version --name ${input.cluster} --kubernetes-version ${input.next}`]
      : [`Kubernetes ${input.next} is not offered by EKS yet: nothing to upgrade to until it is`],
    blockers: controlPlaneBlockers(input),
    required: true,
  });
  const addonWork = input.addons.filter((a) => a.status !== 'current' && a.status !== 'update-before-upgrade');
  if (addonWork.length > 0) {
    steps.push({
      title: `Update add-ons for ${input.next}`,
      items: addonWork.map((a) => `${a.name}: ${a.version} → ${a.recommendedForTarget ?? '?'}${a.status === 'no-version-for-target' ? ' (none offered yet)' : ''}`),
      blockers: addonWork.filter((a) => a.blocker).map((a) => `add-on ${a.name}: ${a.message}`),
      required: addonWork.some((a) => a.status !== 'update-available'),
    });
  }
  const custom = input.nodegroups.filter((n) => isCustomAmi(n));
  const drift = input.templateDrift ?? [];
  if (custom.length > 0 || drift.length > 0) {
    steps.push({
      title: `Prepare the launch templates of node groups EKS cannot upgrade by itself`,
      items: [
        ...custom.map((n) => `${n.name}: custom AMI (amiType CUSTOM): EKS has no AMI to move it to; build or pick one for ${input.next}, put it in a new launch template version, then update the node group to that version`),
        ...drift.map((d) => `${d.nodegroup}: runs version ${d.running} of launch template ${d.template}, whose latest is ${d.latest} (default ${d.default}); a node group update keeps version ${d.running} unless told otherwise: decide whether ${d.latest}'s changes go out with the upgrade`),
      ],
      blockers: [],
      required: custom.length > 0,
    });
  }
  const workloads = input.workloads ?? [];
  if (workloads.length > 0) {
    // Before any node group upgrade: each one drains every node it replaces.
    steps.push({
      title: `Make the workloads survive the node drains of the ${input.next} node upgrades`,
      items: workloads.filter((w) => !w.blocker).map((w) => `${w.object}: ${w.message}`),
      blockers: workloads.filter((w) => w.blocker).map((w) => `${w.object}: ${w.message}`),
      required: workloads.some((w) => w.blocker),
    });
  }
  const dataPlane = [
    ...input.nodegroups.filter((n) => amiOfferedFor(n.amiType, input.next)).map((n) => `${n.name}: ${n.version} → ${input.next}${isCustomAmi(n) ? ' (with the new launch template version)' : ''}`),
    ...input.fargateProfiles.map((p) => `Fargate profile ${p}: restart its pods to get ${input.next} kubelets`),
  ];
  if (dataPlane.length > 0) {
    const current = input.nodegroups.filter((n) => n.behind <= 0 && amiOfferedFor(n.amiType, input.next)).map((n) => n.name);
    steps.push({ title: `Upgrade node groups to ${input.next}`, items: dataPlane, blockers: roomFor(current), required: false });
  }
  return steps;
}

function isBusy(status: string): boolean {
  return ['CREATING', 'UPDATING', 'DELETING', 'DEGRADED', 'CREATE_FAILED', 'DELETE_FAILED'].includes(status);
}

function controlPlaneBlockers(input: PlaybookInput): string[] {
  const blockers: string[] = [];
  if (input.clusterStatus && input.clusterStatus !== 'ACTIVE') blockers.push(`the cluster is ${input.clusterStatus}`);
  blockers.push(...healthBlockers('cluster', input.clusterHealth));
  blockers.push(...subnetRoomBlockers(input.network).controlPlane);
  for (const n of input.nodegroups) blockers.push(...healthBlockers(`node group ${n.name}`, n.healthIssues));
  for (const a of input.addons) blockers.push(...healthBlockers(`add-on ${a.name}`, a.healthIssues));
  blockers.push(...kubeProxyBlockers(input.addons, input.current, input.next));
  for (const n of input.nodegroups) {
    if (n.status === 'blocks-upgrade' || n.status === 'unsupported-skew') blockers.push(`node group ${n.name}: ${n.message}`);
    if (n.status === 'ahead') blockers.push(`node group ${n.name}: ${n.message}`);
  }
  for (const i of input.insights.filter((x) => blocksUpgrade(x, input.next))) blockers.push(`insight "${i.name}": ${i.reason || 'ERROR'}`);
  const removed = input.manifests.filter((m) => m.status === 'removed');
  if (removed.length > 0) {
    const first = removed[0]!;
    blockers.push(`${removed.length} manifest object${removed.length === 1 ? ' uses' : 's use'} APIs removed in ${input.next} (first: ${first.kind} ${first.apiVersion} at ${first.file}:${first.line})`);
  }
  blockers.push(...liveApiBlockers(input.liveApis ?? [], input.next));
  return blockers;
}

/** Everything that blocks the upgrade, from every step. */
export function playbookBlockers(steps: readonly PlaybookStep[]): string[] {
  return steps.flatMap((s) => s.blockers);
}

/**
 * A Helm release whose stored manifest uses an API the upgrade removes cannot be upgraded after it,
 * and a last `kubectl apply` through one names a source that will fail. A field manager's old
 * apiVersion is weaker evidence (it stays after the manager moved on): listed, not a blocker.
 */
export function liveApiBlockers(findings: readonly LiveApiFinding[], next: string): string[] {
  return findings
    .filter((f) => f.status === 'removed' && f.source !== 'managed-fields' && compareVersions(f.since, next) <= 0)
    .map((f) =>
      f.source === 'helm-release'
        ? `${f.object}: its ${f.kind} uses ${f.apiVersion}, removed in ${f.since}: helm upgrade fails on the release after the upgrade; release it with ${f.replacement ?? 'a served API'} first (or rewrite the stored manifest with helm-mapkubeapis)`
        : `${f.object} was last applied as ${f.apiVersion}, removed in ${f.since}: whatever applies it must use ${f.replacement ?? 'a served API'} first`,
    );
}
