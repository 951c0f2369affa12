import { describe, expect, it, jest } from '@jest/globals';
import { DIGEST, OTHER_DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';

jest.setTimeout(180_000);
// Provisioning takes a simulated 40 s (1 s here) per attempt, so the deploy sees a claim Pending and
// a provisioning error before the next attempt.
const env = deploySandbox({ timings: { provisionMs: 40_000 } });

/* eslint-disable @typescript-eslint/no-explicit-any */
function storageClass(name: string, mode: 'Immediate' | 'WaitForFirstConsumer', fault?: 'permanent' | 'transient'): string {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}${fault ? `\n  annotations:\n    sandbox.eks-kit/provisioning-failure: ${fault}` : ''}
provisioner: ebs.csi.aws.com
volumeBindingMode: ${mode}
parameters:
  type: gp3
`;
}

const namespaceDocument = (namespace: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
---
`;

/** A Namespace, a claim "data" (of `className`, or none) and a Deployment "web" whose pod mounts it. */
function app(namespace: string, className: string | undefined, o: { failure?: string; controllerLagSeconds?: number } = {}): string {
  return `${namespaceDocument(namespace)}apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${o.controllerLagSeconds ? `\n  annotations:\n    sandbox.eks-kit/controller-lag: "${o.controllerLagSeconds}"` : ''}
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web${o.failure ? `\n      annotations:\n        sandbox.eks-kit/failure: ${o.failure}` : ''}
    spec:
      containers:
        - name: web
          image: shop/web:latest
          volumeMounts:
            - name: data
              mountPath: /data
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: data
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]${className === undefined ? '' : `\n  storageClassName: ${className}`}
  resources:
    requests:
      storage: 1Gi
`;
}

/** A Namespace and a StatefulSet "db" whose claim template "data" is of `className`. */
function statefulSet(namespace: string, className: string, replicas: number): string {
  return `${namespaceDocument(namespace)}apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: ${replicas}
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: shop/web:latest
          volumeMounts:
            - name: data
              mountPath: /var/lib/db
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: ${className}
        resources:
          requests:
            storage: 5Gi
`;
}

const claimOf = (namespace: string, name = 'data') => env.sandbox.kube!.state.get('PersistentVolumeClaim', namespace, name) as any;
const deploymentOf = (namespace: string) => env.sandbox.kube!.state.get('Deployment', namespace, 'web') as any;
const deployOf = (namespace: string, files: Record<string, string>, digest = DIGEST, inputs: Record<string, string> = {}) => env.run(workspaceWith(files), { namespace, images: `shop/web=${image(digest)}`, 'verify-for': '0', ...inputs });

describe('PersistentVolumeClaims are ready before the workloads that mount them are judged (krane\'s rule)', () => {
  it('an Immediate class: the claim is Bound, then the Deployment is judged; the second deploy, unchanged, succeeds too', async () => {
    const namespace = 'pvc-immediate';
    const files = { 'k8s/class.yaml': storageClass('gp3', 'Immediate'), 'k8s/app.yaml': app(namespace, 'gp3') };
    const first = await deployOf(namespace, files);
    expect(first.failure).toBeUndefined();
    expect(first.outputs.status).toBe('success');
    expect(first.stdout).toMatch(/✓ PersistentVolumeClaim\/data: Bound to pvc-[0-9a-f-]+ \(1Gi, ReadWriteOnce\)/);
    expect(first.stdout.indexOf('✓ PersistentVolumeClaim/data')).toBeLessThan(first.stdout.indexOf('✓ Deployment/web'));
    const volume = claimOf(namespace).spec.volumeName;

    // The second week: the claim is bound already and its spec unchanged.
    const second = await deployOf(namespace, files, OTHER_DIGEST);
    expect(second.failure).toBeUndefined();
    expect(second.outputs.status).toBe('success');
    expect(claimOf(namespace).spec.volumeName).toBe(volume);
  });

  it('a WaitForFirstConsumer class: Pending is success for the claim, and its consumer binds it', async () => {
    const namespace = 'pvc-wffc';
    const result = await deployOf(namespace, { 'k8s/class.yaml': storageClass('gp3-wffc', 'WaitForFirstConsumer'), 'k8s/app.yaml': app(namespace, 'gp3-wffc') });
    expect(result.failure).toBeUndefined();
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).toMatch(/✓ PersistentVolumeClaim\/data: Pending until a pod uses it \(StorageClass gp3-wffc binds WaitForFirstConsumer\)/);
    expect(claimOf(namespace).status.phase).toBe('Bound');
    expect(claimOf(namespace).metadata.annotations['volume.kubernetes.io/selected-node']).toMatch(/ec2\.internal$/);
  });

  it('a class that does not exist fails fast with the reason, and the Deployment is not judged', async () => {
    const namespace = 'pvc-typo';
    const started = Date.now();
    const result = await deployOf(namespace, { 'k8s/app.yaml': app(namespace, 'gp9') });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/PersistentVolumeClaim\/data.*StorageClass "gp9" does not exist \(ProvisioningFailed: storageclass\.storage\.k8s\.io "gp9" not found( \(x\d+\))?\)/);
    expect(result.stdout).not.toMatch(/[✓✗] Deployment\/web/);
    expect(result.summary).toMatch(/Deployment\/web.*not verified: another resource failed first \((waiting for PersistentVolumeClaim\/data to be ready|no status yet)/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('no class and no default class fails, saying so', async () => {
    const namespace = 'pvc-classless';
    const result = await deployOf(namespace, { 'k8s/app.yaml': app(namespace, undefined) });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/PersistentVolumeClaim\/data.*names no StorageClass, the cluster has no default StorageClass/);
  });

  it('a provisioning error that persists fails with the provisioner\'s message, and the diagnostics show the claim\'s events', async () => {
    const namespace = 'pvc-denied';
    const result = await deployOf(namespace, { 'k8s/class.yaml': storageClass('gp3-denied', 'Immediate', 'permanent'), 'k8s/app.yaml': app(namespace, 'gp3-denied') });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/PersistentVolumeClaim\/data.*provisioning its volume failed [3-9] times \(ProvisioningFailed: failed to provision volume with StorageClass "gp3-denied": .*UnauthorizedOperation/);
    expect(result.stdout).toMatch(/… PersistentVolumeClaim\/data: Pending: provisioning failed \(attempt 1 of 3 before the deploy gives up\), the provisioner retries/);
    expect(result.stdout).toMatch(/PersistentVolumeClaim\/data:\n(\s+event: .*\n)*\s+event: Warning ProvisioningFailed: failed to provision volume/);
  });

  it('a transient provisioning error is waited out, saying why; the pods\' wait for the claim does not count as unschedulable', async () => {
    const namespace = 'pvc-flaky';
    // Three attempts take over 3 s: the pod's 2 s of grace count from when its claim is Bound.
    const result = await deployOf(namespace, { 'k8s/class.yaml': storageClass('gp3-flaky', 'Immediate', 'transient'), 'k8s/app.yaml': app(namespace, 'gp3-flaky') }, DIGEST, { 'unschedulable-timeout': '2' });
    expect(result.failure).toBeUndefined();
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).toMatch(/… PersistentVolumeClaim\/data: Pending: provisioning failed \(attempt \d of 3 before the deploy gives up\), the provisioner retries: .*DeadlineExceeded/);
    expect(result.stdout).toMatch(/✓ PersistentVolumeClaim\/data: Bound/);
  });

  it('a StatefulSet with claim templates rolls out on its own claims', async () => {
    const namespace = 'pvc-sts';
    const result = await deployOf(namespace, { 'k8s/class.yaml': storageClass('gp3', 'Immediate'), 'k8s/db.yaml': statefulSet(namespace, 'gp3', 2) });
    expect(result.failure).toBeUndefined();
    expect(result.outputs.status).toBe('success');
    expect([claimOf(namespace, 'data-db-0').status.phase, claimOf(namespace, 'data-db-1').status.phase]).toEqual(['Bound', 'Bound']);
  });

  it('a StatefulSet whose claim templates cannot be provisioned fails with the claim\'s reason', async () => {
    const namespace = 'pvc-sts-denied';
    const result = await deployOf(namespace, { 'k8s/class.yaml': storageClass('gp3-denied', 'Immediate', 'permanent'), 'k8s/db.yaml': statefulSet(namespace, 'gp3-denied', 1) });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/StatefulSet\/db.*its claim data-db-0: provisioning its volume failed [3-9] times .*UnauthorizedOperation/);
  });

  it('a rollback after a failed rollout leaves the claim and its volume alone, and the next deploy succeeds', async () => {
    const namespace = 'pvc-rollback';
    const files = (failure?: string) => ({ 'k8s/class.yaml': storageClass('gp3', 'Immediate'), 'k8s/app.yaml': app(namespace, 'gp3', failure ? { failure } : {}) });
    expect((await deployOf(namespace, files())).outputs.status).toBe('success');
    const before = claimOf(namespace);

    const failed = await deployOf(namespace, files('crashloop'), OTHER_DIGEST);
    expect(failed.outputs.status).toBe('failure');
    expect(failed.outputs['rolled-back']).toBe('true');
    const after = claimOf(namespace);
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.spec.volumeName).toBe(before.spec.volumeName);
    expect(after.status.phase).toBe('Bound');

    const next = await deployOf(namespace, files(), OTHER_DIGEST);
    expect(next.failure).toBeUndefined();
    expect(next.outputs.status).toBe('success');
  });

  it('a claim whose volume someone deleted is Lost: the next deploy fails at once, saying the data is gone (the event may not be in yet)', async () => {
    const namespace = 'pvc-lost';
    const files = { 'k8s/class.yaml': storageClass('gp3', 'Immediate'), 'k8s/app.yaml': app(namespace, 'gp3') };
    expect((await deployOf(namespace, files)).outputs.status).toBe('success');
    await env.kubectl(['delete', 'pv', claimOf(namespace).spec.volumeName]);
    const result = await deployOf(namespace, files, OTHER_DIGEST);
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/PersistentVolumeClaim\/data.*is Lost: its PersistentVolume pvc-[0-9a-f-]+ no longer exists( \(ClaimLost: Bound claim has lost its PersistentVolume\. Data on the volume is lost!\))?; the data on it is gone/);
    // Its pods cannot come back either: the rollback's wait says why.
    expect(result.stdout).toMatch(/pvc\(s\) bound to non-existent pv\(s\)/);
  });

  it('a failure found before the controller has seen the new template still rolls it back (a busy controller manager)', async () => {
    const namespace = 'pvc-lost-lagging';
    // 40 simulated seconds (1 s of wall time at the sandbox's speed) before each new generation is observed.
    const files = (lag: boolean) => ({ 'k8s/class.yaml': storageClass('gp3', 'Immediate'), 'k8s/app.yaml': app(namespace, 'gp3', lag ? { controllerLagSeconds: 40 } : {}) });
    expect((await deployOf(namespace, files(false))).outputs.status).toBe('success');
    const imageBefore = deploymentOf(namespace).spec.template.spec.containers[0].image;
    await env.kubectl(['delete', 'pv', claimOf(namespace).spec.volumeName]);
    const result = await deployOf(namespace, files(true), OTHER_DIGEST);
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/PersistentVolumeClaim\/data.*is Lost/);
    expect(result.outputs['rolled-back']).toBe('true');
    expect(result.stdout).toMatch(/Rolled deployment\/web back to the template of revision 1/);
    expect(deploymentOf(namespace).spec.template.spec.containers[0].image).toBe(imageBefore);
  });
});
