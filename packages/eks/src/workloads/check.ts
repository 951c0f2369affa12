import { detectHelmReleases } from '../live/helm-releases.js';
import { detectLiveApis, type JudgeTarget, type LiveApiFinding } from '../live/live-apis.js';
import { judgeWorkloads, type WorkloadFinding } from './judge.js';
import { KubeReadError, type KubeReader } from './kube-reader.js';
import { readClusterObjects } from './read-objects.js';

/** Where a cluster's API is, from DescribeCluster. */
export interface ClusterEndpointFacts {
  name: string;
  region: string;
  server: string;
  caData: string;
}

/** Opens a reader on a cluster's API; the caller decides the credentials behind its token. */
export type KubeAccess = (cluster: ClusterEndpointFacts) => KubeReader;

export type WorkloadCheck =
  | {
      status: 'checked';
      objects: number;
      findings: WorkloadFinding[];
      /** Live objects and Helm releases that went through deprecated or removed APIs (pluto's live checks). */
      liveApis: LiveApiFinding[];
      /** Current Helm releases read, and release Secrets that did not decode. */
      helmReleases: number;
      unreadableReleases: string[];
    }
  | { status: 'not-checked'; reason: string };

export interface WorkloadCheckInput {
  access: KubeAccess;
  cluster: { name: string; region: string; server?: string; caData?: string };
  next: string;
  addons: readonly { name: string }[];
  /** The version live APIs are judged against, with a user's versions file. */
  apis: JudgeTarget;
}

/** The workload checks on one cluster; an API that refuses or does not answer is one reason, not a crash. */
export async function checkWorkloads(input: WorkloadCheckInput): Promise<WorkloadCheck> {
  const { server, caData } = input.cluster;
  if (!server || !caData) return { status: 'not-checked', reason: 'DescribeCluster gave no endpoint or CA' };
  try {
    const reader = input.access({ name: input.cluster.name, region: input.cluster.region, server, caData });
    const [objects, live, helm] = await Promise.all([readClusterObjects(reader), detectLiveApis(reader, input.apis), detectHelmReleases(reader, input.apis)]);
    const ebsCsiDriver = input.addons.some((a) => a.name === 'aws-ebs-csi-driver') || objects.workloads.some((w) => w.name === 'ebs-csi-controller');
    const count = objects.workloads.length + objects.pods.length + objects.podDisruptionBudgets.length + objects.storageClasses.length + objects.persistentVolumes.length + live.objects;
    return {
      status: 'checked',
      objects: count,
      findings: judgeWorkloads(objects, { next: input.next, ebsCsiDriver }),
      liveApis: [...live.findings, ...helm.findings],
      helmReleases: helm.releases,
      unreadableReleases: helm.unreadable,
    };
  } catch (error) {
    return { status: 'not-checked', reason: accessProblem(error, server) };
  }
}

/** One line: what the API said and what to change. */
export function accessProblem(error: unknown, server: string): string {
  if (!(error instanceof KubeReadError)) return `cluster access failed: ${error instanceof Error ? error.message : String(error)}`;
  if (error.status === 401) return `the API at ${server} did not accept the EKS token (${error.message}): give the IAM principal an EKS access entry`;
  if (error.status === 403) return `RBAC denies list on ${error.path} (${error.message}): grant the principal get and list on it (AmazonEKSAdminViewPolicy covers every check)`;
  if (error.status === 0) return `${error.message} (a private endpoint needs a runner inside the VPC)`;
  return `GET ${error.path} answered ${error.message}`;
}
