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

export type WorkloadCheck = { status: 'checked'; objects: number; findings: WorkloadFinding[] } | { status: 'not-checked'; reason: string };

export interface WorkloadCheckInput {
  access: KubeAccess;
  cluster: { name: string; region: string; server?: string; caData?: string };
  next: string;
  addons: readonly { name: string }[];
}

/** The workload checks on one cluster; an API that refuses or does not answer is one reason, not a crash. */
export async function checkWorkloads(input: WorkloadCheckInput): Promise<WorkloadCheck> {
  const { server, caData } = input.cluster;
  if (!server || !caData) return { status: 'not-checked', reason: 'DescribeCluster gave no endpoint or CA' };
  try {
    const objects = await readClusterObjects(input.access({ name: input.cluster.name, region: input.cluster.region, server, caData }));
    const ebsCsiDriver = input.addons.some((a) => a.name === 'aws-ebs-csi-driver') || objects.workloads.some((w) => w.name === 'ebs-csi-controller');
    const count = objects.workloads.length + objects.pods.length + objects.podDisruptionBudgets.length + objects.storageClasses.length + objects.persistentVolumes.length;
    return { status: 'checked', objects: count, findings: judgeWorkloads(objects, { next: input.next, ebsCsiDriver }) };
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
