import { describe, expect, it } from '@jest/globals';
import { buildPlaybook, playbookBlockers } from '../src/playbook.js';
import { accessProblem, checkWorkloads } from '../src/workloads/check.js';
import { drainBlock, judgeWorkloads } from '../src/workloads/judge.js';
import { KubeReadError, type KubeReader } from '../src/workloads/kube-reader.js';
import { workloadOf, type ClusterObjects, type LiveObject } from '../src/workloads/objects.js';
import { WORKLOAD_PATHS } from '../src/workloads/read-objects.js';

const probe = { httpGet: { path: '/healthz', port: 8080 } };

function deployment(name: string, spec: Record<string, unknown> = {}, pod: Record<string, unknown> = {}, namespace = 'shop'): LiveObject {
  return {
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { replicas: 3, minReadySeconds: 10, ...spec, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', readinessProbe: probe }], topologySpreadConstraints: [{ maxSkew: 1 }], ...pod } } },
  };
}

function pdb(name: string, spec: Record<string, unknown>, namespace = 'shop'): LiveObject {
  return { kind: 'PodDisruptionBudget', metadata: { name, namespace }, spec: { selector: { matchLabels: { app: name } }, ...spec } };
}

function objects(parts: Partial<Omit<ClusterObjects, 'workloads'>> & { deployments?: LiveObject[]; daemonsets?: LiveObject[] }): ClusterObjects {
  return {
    workloads: [...(parts.deployments ?? []).map((d) => workloadOf('Deployment', d)), ...(parts.daemonsets ?? []).map((d) => workloadOf('DaemonSet', d))],
    pods: parts.pods ?? [],
    podDisruptionBudgets: parts.podDisruptionBudgets ?? [],
    storageClasses: parts.storageClasses ?? [],
    persistentVolumes: parts.persistentVolumes ?? [],
  };
}

const judge = (o: ClusterObjects, ebsCsiDriver = false) => judgeWorkloads(o, { next: '1.33', ebsCsiDriver });

describe('PodDisruptionBudgets against node drains', () => {
  const web = [workloadOf('Deployment', deployment('web'))];
  it('blocks on maxUnavailable 0 or 0%, and on minAvailable equal to the replicas or 100%', () => {
    expect(drainBlock(pdb('web', { maxUnavailable: 0 }), web)).toBe('maxUnavailable 0');
    expect(drainBlock(pdb('web', { maxUnavailable: '0%' }), web)).toBe('maxUnavailable 0%');
    expect(drainBlock(pdb('web', { minAvailable: 3 }), web)).toBe('minAvailable 3 of 3 replicas (Deployment shop/web)');
    expect(drainBlock(pdb('web', { minAvailable: '100%' }), web)).toMatch(/^minAvailable 100% of 3 replicas/);
  });

  it('lets a drain through when one pod may go, rounding percentages up as the disruption controller does', () => {
    expect(drainBlock(pdb('web', { maxUnavailable: 1 }), web)).toBeUndefined();
    expect(drainBlock(pdb('web', { minAvailable: 2 }), web)).toBeUndefined();
    expect(drainBlock(pdb('web', { maxUnavailable: '10%' }), web)).toBeUndefined(); // ceil(0.3) = 1
    expect(drainBlock(pdb('web', { minAvailable: '50%' }), web)).toBeUndefined(); // ceil(1.5) = 2 of 3
    expect(drainBlock(pdb('web', { minAvailable: '90%' }), web)).toBe('minAvailable 90% of 3 replicas (Deployment shop/web)'); // ceil(2.7) = 3
  });

  it('ignores a budget that covers nothing: another namespace, another selector, a workload scaled to zero', () => {
    expect(drainBlock(pdb('web', { maxUnavailable: 0 }, 'other'), web)).toBeUndefined();
    expect(drainBlock({ ...pdb('web', { maxUnavailable: 0 }), spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'api' } } } }, web)).toBeUndefined();
    expect(drainBlock(pdb('web', { maxUnavailable: 0 }), [workloadOf('Deployment', deployment('web', { replicas: 0 }))])).toBeUndefined();
  });

  it('matches selectors with expressions', () => {
    const budget = { ...pdb('web', { minAvailable: 3 }), spec: { minAvailable: 3, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }, { key: 'canary', operator: 'DoesNotExist' }] } } };
    expect(drainBlock(budget, web)).toMatch(/^minAvailable 3/);
  });

  it('is a blocker in the playbook, before the node groups are upgraded', () => {
    const findings = judge(objects({ deployments: [deployment('web')], podDisruptionBudgets: [pdb('web', { maxUnavailable: 0 })] }));
    expect(findings).toEqual([expect.objectContaining({ check: 'pdb-drain', object: 'PodDisruptionBudget shop/web', blocker: true })]);
    const steps = buildPlaybook({ cluster: 'c', current: '1.32', next: '1.33', nextAvailable: true, nodegroups: [], fargateProfiles: [], addons: [], insights: [], manifests: [], workloads: findings });
    expect(steps.map((s) => s.title)).toContain('Make the workloads survive the node drains of the 1.33 node upgrades');
    expect(playbookBlockers(steps)).toEqual([expect.stringMatching(/^PodDisruptionBudget shop\/web: maxUnavailable 0: no pod it covers can be evicted/)]);
  });
});

describe('workload checks', () => {
  it('finds nothing in a workload that is ready for drains', () => {
    expect(judge(objects({ deployments: [deployment('web')], podDisruptionBudgets: [pdb('web', { maxUnavailable: 1 })] }))).toEqual([]);
  });

  it('advises on one replica, no spread, minReadySeconds 0, missing readiness probes and a zero grace period', () => {
    const findings = judge(
      objects({
        deployments: [
          deployment('single', { replicas: 1 }),
          deployment('bunched', {}, { topologySpreadConstraints: [] }),
          deployment('hasty', { minReadySeconds: 0 }),
          deployment('blind', {}, { containers: [{ name: 'app' }, { name: 'sidecar', readinessProbe: probe }] }),
          deployment('abrupt', {}, { terminationGracePeriodSeconds: 0 }),
          deployment('anti', {}, { topologySpreadConstraints: undefined, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [] } } }),
        ],
      }),
    );
    expect(findings.map((f) => [f.check, f.object, f.blocker])).toEqual([
      ['min-replicas', 'Deployment shop/single', false],
      ['topology-spread', 'Deployment shop/bunched', false],
      ['min-ready-seconds', 'Deployment shop/hasty', false],
      ['readiness-probe', 'Deployment shop/blind', false],
      ['termination-grace', 'Deployment shop/abrupt', false],
    ]);
    expect(findings.find((f) => f.check === 'readiness-probe')?.message).toMatch(/^no readiness probe on container app:/);
  });

  it("leaves kube-system's own components to EKS, but not their Docker socket mounts", () => {
    const socket = { volumes: [{ name: 'dock', hostPath: { path: '/var/run/docker.sock' } }] };
    const findings = judge(objects({ deployments: [deployment('coredns', { replicas: 1 }, {}, 'kube-system')], daemonsets: [{ metadata: { name: 'logger', namespace: 'kube-system' }, spec: { template: { spec: socket } } }] }));
    expect(findings).toEqual([expect.objectContaining({ check: 'docker-socket', object: 'DaemonSet kube-system/logger', blocker: true })]);
    expect(findings[0]!.message).toBe('mounts the Docker socket /var/run/docker.sock (volume dock): EKS nodes run containerd and have no Docker socket since 1.24');
  });

  it('finds pods no controller manages, not static, finished or owned ones', () => {
    const pod = (name: string, metadata: Record<string, unknown> = {}, phase = 'Running'): LiveObject => ({ metadata: { name, namespace: 'shop', ...metadata }, status: { phase } });
    const findings = judge(
      objects({
        pods: [pod('debug'), pod('owned', { ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', controller: true }] }), pod('static', { annotations: { 'kubernetes.io/config.mirror': 'x' } }), pod('done', {}, 'Succeeded')],
      }),
    );
    expect(findings.map((f) => [f.check, f.object])).toEqual([['unmanaged-pods', 'Pod shop/debug']]);
  });

  it('in-tree EBS storage blocks without the EBS CSI driver and is advice with it', () => {
    const storage = { storageClasses: [{ metadata: { name: 'gp2' }, provisioner: 'kubernetes.io/aws-ebs' }, { metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com' }], persistentVolumes: [{ metadata: { name: 'pv-1' }, spec: { awsElasticBlockStore: { volumeID: 'vol-1' } } }, { metadata: { name: 'pv-2' }, spec: { csi: { driver: 'ebs.csi.aws.com' } } }] };
    const without = judge(objects(storage));
    expect(without.map((f) => [f.check, f.object, f.blocker])).toEqual([
      ['in-tree-ebs', 'StorageClass gp2', true],
      ['in-tree-ebs', 'PersistentVolume pv-1', true],
    ]);
    expect(judge(objects(storage), true).every((f) => !f.blocker)).toBe(true);
  });
});

describe('reading the cluster for the checks', () => {
  const reader = (answers: Partial<Record<string, LiveObject[] | KubeReadError>>): KubeReader => ({
    get: async () => ({ groups: [] }),
    list: async (path) => {
      const answer = answers[path] ?? [];
      if (answer instanceof KubeReadError) throw answer;
      return answer;
    },
  });
  const cluster = { name: 'prod', region: 'us-east-1', server: 'https://prod.example', caData: 'Q0E=' };
  const apis = { target: '1.33', current: '1.32' };

  it('reads every collection once and judges them, noticing the EBS CSI driver add-on', async () => {
    const seen: string[] = [];
    const result = await checkWorkloads({
      access: (c) => {
        seen.push(`${c.name}@${c.server}`);
        return reader({ [WORKLOAD_PATHS.storageClasses]: [{ metadata: { name: 'gp2' }, provisioner: 'kubernetes.io/aws-ebs' }] });
      },
      cluster,
      next: '1.33',
      addons: [{ name: 'aws-ebs-csi-driver' }],
      apis,
    });
    expect(seen).toEqual(['prod@https://prod.example']);
    expect(result).toEqual({ status: 'checked', objects: 1, findings: [expect.objectContaining({ check: 'in-tree-ebs', blocker: false })], liveApis: [], helmReleases: 0, unreadableReleases: [] });
  });

  it('finds the Docker socket in CronJobs and Jobs, once for a Job its CronJob made, and judges nothing else of them', async () => {
    const socket = { containers: [{ name: 'build' }], volumes: [{ name: 'dock', hostPath: { path: '/run/docker.sock/' } }] };
    const cronjob: LiveObject = { metadata: { name: 'nightly', namespace: 'ci' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: socket } } } } };
    const made: LiveObject = { metadata: { name: 'nightly-29001', namespace: 'ci', ownerReferences: [{ kind: 'CronJob', name: 'nightly', controller: true }] }, spec: { template: { spec: socket } } };
    const once: LiveObject = { metadata: { name: 'migrate', namespace: 'ci' }, spec: { template: { spec: { ...socket, terminationGracePeriodSeconds: 0 } } } };
    const listed = await checkWorkloads({ access: () => reader({ [WORKLOAD_PATHS.cronjobs]: [cronjob], [WORKLOAD_PATHS.jobs]: [made, once] }), cluster, next: '1.33', addons: [], apis });
    expect(listed.status === 'checked' ? listed.findings.map((f) => [f.check, f.object]) : listed).toEqual([['docker-socket', 'Job ci/migrate'], ['docker-socket', 'CronJob ci/nightly']]);
  });

  it('says in one line what an RBAC denial, a rejected token or an unreachable API needs', async () => {
    const denied = await checkWorkloads({ access: () => reader({ [WORKLOAD_PATHS.pods]: new KubeReadError(WORKLOAD_PATHS.pods, 403, '403 Forbidden: pods is forbidden') }), cluster, next: '1.33', addons: [], apis });
    expect(denied).toEqual({ status: 'not-checked', reason: 'RBAC denies list on /api/v1/pods (403 Forbidden: pods is forbidden): grant the principal get and list on it (AmazonEKSAdminViewPolicy covers every check)' });
    expect(accessProblem(new KubeReadError('/api/v1/pods', 401, '401 Unauthorized'), 'https://x')).toBe('the API at https://x did not accept the EKS token (401 Unauthorized): give the IAM principal an EKS access entry');
    expect(accessProblem(new KubeReadError('/api/v1/pods', 0, 'cannot reach https://x: ECONNREFUSED'), 'https://x')).toBe('cannot reach https://x: ECONNREFUSED (a private endpoint needs a runner inside the VPC)');
    for (const reason of [denied.status === 'not-checked' ? denied.reason : '']) expect(reason).not.toContain('\n');
  });

  it('does not try without an endpoint', async () => {
    const result = await checkWorkloads({ access: () => reader({}), cluster: { name: 'prod', region: 'us-east-1' }, next: '1.33', addons: [], apis });
    expect(result).toEqual({ status: 'not-checked', reason: 'DescribeCluster gave no endpoint or CA' });
  });
});
