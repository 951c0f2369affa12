import { describe, expect, it } from '@jest/globals';
import { SANDBOX_USER, type KubeObject, type Scenario } from '@eks-kit/sandbox';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });
const scenario: Scenario = {
  eks: {
    clusterVersions: ['1.32', '1.33', '1.34'].map(version),
    clusters: [
      { name: 'shop', version: '1.32', accessEntries: [{ principalArn: SANDBOX_USER.arn }] },
      { name: 'unreachable', version: '1.32' },
    ],
  },
};
const world = driftSandbox(scenario, { kubeApi: { cluster: 'shop', options: { speed: 40, namespaces: ['ready', 'risky'] } } });
const workspace = makeWorkspace({ 'README.md': 'no manifests\n' });
const run = (inputs: Record<string, string>) => world.run({ clusters: 'shop', 'cluster-access': 'true', 'report-file': 'drift.json', ...inputs }, workspace);
const report = () =>
  JSON.parse(readFileSync(path.join(workspace, 'drift.json'), 'utf8')) as { clusters: { cluster: string; workloads?: { status: string; objects?: number; reason?: string; findings?: { check: string; object: string; blocker: boolean }[] } }[] };

const probe = { httpGet: { path: '/healthz', port: 8080 } };
function deployment(namespace: string, name: string, replicas: number, pod: Record<string, unknown> = {}, minReadySeconds = 10): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      minReadySeconds,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: `registry.example/${name}:1`, readinessProbe: probe }], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: name } } }], ...pod },
      },
    },
  } as KubeObject;
}
const pdb = (namespace: string, name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace }, spec: { selector: { matchLabels: { app: name } }, ...spec } }) as KubeObject;
const listCalls = () => world.sandbox().kube!.state.requests.filter((r) => r.method === 'GET' && /^\/apis?\/.*(deployments|pods|poddisruptionbudgets)/.test(r.path)).length;

describe('version-drift with cluster access', () => {
  it('reads nothing from the cluster unless asked', async () => {
    const before = listCalls();
    const r = await run({ 'cluster-access': 'false' });
    expect(r.exitCode).toBe(0);
    expect(listCalls()).toBe(before);
    expect(report().clusters[0]?.workloads).toBeUndefined();
  });

  it('passes workloads that survive node drains', async () => {
    const kube = world.sandbox().kube!.state;
    kube.create(deployment('ready', 'web', 2));
    kube.create(pdb('ready', 'web', { maxUnavailable: 1 }));
    const r = await run({});
    expect(r.exitCode).toBe(0);
    expect(r.outputs.blockers).toBe('0');
    const workloads = report().clusters[0]?.workloads;
    expect(workloads?.status).toBe('checked');
    expect(workloads?.findings).toEqual([]);
    expect(workloads?.objects).toBeGreaterThanOrEqual(3); // the Deployment, its budget, its pods
    expect(r.summary).not.toContain('node drains');
  });

  it('blocks on a budget that allows no eviction, a Docker socket mount and in-tree EBS storage, and advises on the rest', async () => {
    const kube = world.sandbox().kube!.state;
    kube.create(deployment('risky', 'checkout', 2));
    kube.create(pdb('risky', 'checkout', { minAvailable: 2 }));
    kube.create(deployment('risky', 'builder', 1, { volumes: [{ name: 'dock', hostPath: { path: '/var/run/docker.sock' } }] }, 0));
    kube.create(deployment('risky', 'rushed', 2, { topologySpreadConstraints: [], terminationGracePeriodSeconds: 0, containers: [{ name: 'app', image: 'registry.example/rushed:1' }] }));
    const dockerBuild = { restartPolicy: 'Never', containers: [{ name: 'build', image: 'registry.example/docker:27' }], volumes: [{ name: 'dock', hostPath: { path: '/var/run/docker.sock' } }] };
    kube.create({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly-image', namespace: 'risky' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: dockerBuild } } } } } as KubeObject);
    kube.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'risky' }, spec: { containers: [{ name: 'sh', image: 'registry.example/busybox:1' }] } } as KubeObject);
    kube.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp2' }, provisioner: 'kubernetes.io/aws-ebs' } as KubeObject);
    kube.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-orders' }, spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], awsElasticBlockStore: { volumeID: 'vol-0123456789abcdef0', fsType: 'ext4' } } } as KubeObject);

    const r = await run({});
    expect(r.exitCode).toBe(1);
    expect(r.outputs.blockers).toBe('5');
    expect(r.failure).toBe('Policy: shop (us-east-1): upgrade blocked: PodDisruptionBudget risky/checkout: minAvailable 2 of 2 replicas (Deployment risky/checkout): no pod it covers can be evicted, so draining a node for the 1.33 node upgrade never finishes (and 4 more)');
    expect(r.summary).toContain('⛔ blocked: Deployment risky/builder: mounts the Docker socket /var/run/docker.sock (volume dock): EKS nodes run containerd and have no Docker socket since 1.24');
    expect(r.summary).toContain('⛔ blocked: CronJob risky/nightly-image: mounts the Docker socket /var/run/docker.sock (volume dock)');
    expect(r.summary).toContain('⛔ blocked: StorageClass gp2: provisioner kubernetes.io/aws-ebs (in-tree): EKS routes in-tree EBS volumes to the EBS CSI driver, which is not installed: install the aws-ebs-csi-driver add-on first');
    expect(r.summary).toContain('⛔ blocked: PersistentVolume pv-orders: awsElasticBlockStore volume (in-tree)');
    const findings = report().clusters[0]?.workloads?.findings ?? [];
    expect(findings.filter((f) => !f.blocker).map((f) => `${f.check} ${f.object}`).sort()).toEqual([
      'min-ready-seconds Deployment risky/builder',
      'min-replicas Deployment risky/builder',
      'readiness-probe Deployment risky/rushed',
      'termination-grace Deployment risky/rushed',
      'topology-spread Deployment risky/rushed',
      'unmanaged-pods Pod risky/debug',
    ]);
    expect(r.summary).toContain('Make the workloads survive the node drains of the 1.33 node upgrades');
    expect(r.summary).toContain('`unmanaged-pods`');
  });

  it('says in one line that RBAC denied a list, and the AWS-side checks still run', async () => {
    world.sandbox().faults.kube.inject({ kind: 'server-error', statusCode: 403, match: ['kube:GET /apis/policy/v1/poddisruptionbudgets'] });
    const r = await run({});
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'ok', clusters: '1', 'failed-clusters': '0', 'current-version': '1.32' });
    const warnings = r.commands.filter((a) => a.command === 'warning').map((a) => a.message);
    expect(warnings.filter((w) => w.includes('workloads not checked'))).toEqual([
      'shop (us-east-1): workloads not checked: RBAC denies list on /apis/policy/v1/poddisruptionbudgets (403 Forbidden: /apis/policy/v1/poddisruptionbudgets is forbidden: RBAC does not allow GET on it (an injected fault)): grant the principal get and list on it (AmazonEKSAdminViewPolicy covers every check)',
    ]);
    expect(report().clusters[0]?.workloads?.status).toBe('not-checked');
    expect(r.summary).toContain('Upgrade the control plane 1.32 → 1.33');
  });

  it('gives up on an API that stops answering after one request timeout, and the AWS-side checks still stand', async () => {
    const faults = world.sandbox().faults.kube;
    const before = world.sandbox().kube!.state.requests.length;
    faults.inject({ kind: 'stall', match: ['kube:GET /*'], fraction: 1 });
    let r;
    try {
      r = await run({});
    } finally {
      faults.clear();
    }
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ clusters: '1', 'failed-clusters': '0' });
    expect(r.commands.filter((a) => a.command === 'warning' && a.message.includes('workloads not checked')).map((a) => a.message)).toEqual([
      expect.stringMatching(/^shop \(us-east-1\): workloads not checked: cannot reach https:\/\/127\.0\.0\.1:\d+: no answer within 15 s \(a private endpoint needs a runner inside the VPC\)$/),
    ]);
    // The nine lists, the Helm release Secrets and the discovery root go out side by side; none is sent after the first gave up.
    expect(world.sandbox().kube!.state.requests.length - before).toBeLessThanOrEqual(11);
  });

  it('says a principal without an access entry needs one, and an endpoint that does not answer, each in one line', async () => {
    const sandbox = world.sandbox();
    sandbox.eks.attachKubeApi('unreachable', { url: 'https://127.0.0.1:1' });
    const cluster = sandbox.eks.cluster('shop');
    const entries = cluster.accessEntries.splice(0);
    try {
      const r = await run({ clusters: 'shop,unreachable' });
      expect(r.exitCode).toBe(0);
      expect(r.outputs.clusters).toBe('2');
      const warnings = r.commands.filter((a) => a.command === 'warning' && a.message.includes('workloads not checked')).map((a) => a.message).sort();
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toMatch(/^shop \(us-east-1\): workloads not checked: the API at https:\/\/127\.0\.0\.1:\d+ did not accept the EKS token \(401 Unauthorized: Unauthorized\): give the IAM principal an EKS access entry$/);
      expect(warnings[1]).toBe('unreachable (us-east-1): workloads not checked: cannot reach https://127.0.0.1:1: ECONNREFUSED (a private endpoint needs a runner inside the VPC)');
    } finally {
      cluster.accessEntries.push(...entries);
    }
  });
});
