import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Harness } from './kubectl.js';
import { startHarness, waitFor } from './kubectl.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
function storageClass(name: string, mode: 'Immediate' | 'WaitForFirstConsumer', annotations: Record<string, string> = {}): string {
  return JSON.stringify({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, annotations }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: mode, parameters: { type: 'gp3' } });
}

function claim(name: string, className?: string, storage = '1Gi'): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...(className === undefined ? {} : { storageClassName: className }) } });
}

function pod(name: string, claimName: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'shop/db:1' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } });
}

describe('PersistentVolumeClaims: binding, provisioning and the scheduler', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const sc of [storageClass('gp3', 'Immediate'), storageClass('gp3-wffc', 'WaitForFirstConsumer'), storageClass('broken', 'Immediate', { 'sandbox.eks-kit/provisioning-failure': 'permanent' }), storageClass('flaky', 'Immediate', { 'sandbox.eks-kit/provisioning-failure': 'transient' })]) {
      await h.ok(['apply', '-f', '-'], { input: sc });
    }
  });
  afterAll(async () => {
    await h.close();
  });

  const claimOf = (name: string) => h.api.state.get('PersistentVolumeClaim', 'default', name) as any;
  const eventsOf = (name: string) => h.api.state.list('Event', 'default').filter((e: any) => e.involvedObject.kind === 'PersistentVolumeClaim' && e.involvedObject.name === name) as any[];
  const bound = (name: string) => waitFor(`${name} to be Bound`, () => (claimOf(name)?.status?.phase === 'Bound' ? claimOf(name) : undefined));

  it('Immediate: a volume is provisioned and bound both ways, written by the controllers\' own managers', async () => {
    await h.ok(['apply', '--server-side', '-f', '-'], { input: claim('data', 'gp3') });
    const c = await bound('data');
    expect(c.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' });
    expect(c.status).toMatchObject({ accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    const pv = h.api.state.get('PersistentVolume', undefined, c.spec.volumeName) as any;
    expect(pv.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default', uid: c.metadata.uid });
    expect(pv.status.phase).toBe('Bound');
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(c.metadata.managedFields.map((m: any) => m.manager)).toEqual(expect.arrayContaining(['kubectl', 'kube-controller-manager']));
    expect(eventsOf('data').map((e) => e.reason)).toEqual(expect.arrayContaining(['Provisioning', 'ProvisioningSucceeded']));
    expect(await h.ok(['get', 'pvc', 'data'])).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\ndata\s+Bound\s+pvc-[0-9a-f-]+\s+1Gi\s+RWO\s+gp3\s+<unset>\s+/);
    // The second apply of the same claim changes nothing and is accepted.
    expect(await h.ok(['apply', '--server-side', '-f', '-'], { input: claim('data', 'gp3') })).toMatch(/serverside-applied/);
  });

  it('refuses a change to a claim\'s spec, as the API server does', async () => {
    const r = await h.kubectl(['apply', '--server-side', '-f', '-'], { input: claim('data', 'gp3-wffc') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims/);
    expect(r.stderr).toContain('-   StorageClassName: "gp3",\n+   StorageClassName: "gp3-wffc",');
    const bigger = await h.kubectl(['apply', '--server-side', '-f', '-'], { input: claim('data', 'gp3', '2Gi') });
    expect(bigger.code).toBe(0);
    const smaller = await h.kubectl(['apply', '--server-side', '-f', '-'], { input: claim('data', 'gp3', '1Gi') });
    expect(smaller.stderr).toMatch(/spec\.resources\.requests\.storage: Forbidden: field can not be less than previous value/);
    const mode = await h.kubectl(['apply', '-f', '-'], { input: storageClass('gp3', 'WaitForFirstConsumer') });
    expect(mode.stderr).toMatch(/StorageClass "gp3" is invalid: volumeBindingMode: Forbidden: field is immutable/);
  });

  it('WaitForFirstConsumer: Pending until a pod using it is scheduled, then bound and the pod runs', async () => {
    await h.ok(['apply', '-f', '-'], { input: claim('late', 'gp3-wffc') });
    await waitFor('the WaitForFirstConsumer event', () => eventsOf('late').find((e) => e.reason === 'WaitForFirstConsumer' && e.type === 'Normal' && e.message === 'waiting for first consumer to be created before binding'));
    expect(claimOf('late').status.phase).toBe('Pending');
    await h.ok(['apply', '-f', '-'], { input: pod('late-user', 'late') });
    const c = await bound('late');
    expect(c.metadata.annotations['volume.kubernetes.io/selected-node']).toMatch(/ec2\.internal$/);
    await waitFor('the pod to run', () => ((h.api.state.get('Pod', 'default', 'late-user') as any)?.status?.phase === 'Running' ? true : undefined));
  });

  it('no class and no default: Pending with FailedBinding, and a pod mounting it is unschedulable', async () => {
    await h.ok(['apply', '-f', '-'], { input: claim('classless') });
    const e = await waitFor('FailedBinding', () => eventsOf('classless').find((x) => x.reason === 'FailedBinding'));
    expect(e.message).toBe('no persistent volumes available for this claim and no storage class is set');
    await h.ok(['apply', '-f', '-'], { input: pod('classless-user', 'classless') });
    const scheduling = await waitFor('FailedScheduling', () => h.api.state.list('Event', 'default').find((x: any) => x.involvedObject.name === 'classless-user' && x.reason === 'FailedScheduling') as any);
    expect(scheduling.message).toMatch(/^0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\. preemption: /);
    expect((h.api.state.get('Pod', 'default', 'classless-user') as any).status.conditions[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
  });

  it('a class that does not exist: ProvisioningFailed, as the controller words it', async () => {
    await h.ok(['apply', '-f', '-'], { input: claim('typo', 'gp9') });
    const e = await waitFor('ProvisioningFailed', () => eventsOf('typo').find((x) => x.reason === 'ProvisioningFailed'));
    expect(e).toMatchObject({ type: 'Warning', message: 'storageclass.storage.k8s.io "gp9" not found' });
  });

  it('a provisioning fault: permanent fails on every retry; transient fails twice, then binds', async () => {
    await h.ok(['apply', '-f', '-'], { input: claim('denied', 'broken') });
    await h.ok(['apply', '-f', '-'], { input: claim('later', 'flaky') });
    const failed = await waitFor('three failures', () => eventsOf('denied').find((x) => x.reason === 'ProvisioningFailed' && x.count >= 3));
    expect(failed.message).toMatch(/^failed to provision volume with StorageClass "broken": rpc error: code = Internal desc = .*UnauthorizedOperation/);
    await bound('later');
    const transient = eventsOf('later').find((x) => x.reason === 'ProvisioningFailed');
    expect(transient).toMatchObject({ count: 2, message: 'failed to provision volume with StorageClass "flaky": rpc error: code = DeadlineExceeded desc = context deadline exceeded' });
    expect(claimOf('denied').status.phase).toBe('Pending');
  });

  it('a bound claim whose volume is deleted is Lost', async () => {
    await h.ok(['apply', '-f', '-'], { input: claim('doomed', 'gp3') });
    const c = await bound('doomed');
    await h.ok(['delete', 'pv', c.spec.volumeName]);
    await waitFor('Lost', () => (claimOf('doomed').status.phase === 'Lost' ? true : undefined));
    expect(eventsOf('doomed').find((e) => e.reason === 'ClaimLost')).toMatchObject({ type: 'Warning', message: 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' });
    await h.ok(['apply', '-f', '-'], { input: pod('doomed-user', 'doomed') });
    const scheduling = await waitFor('FailedScheduling', () => h.api.state.list('Event', 'default').find((x: any) => x.involvedObject.name === 'doomed-user' && x.reason === 'FailedScheduling') as any);
    expect(scheduling.message).toMatch(/^0\/3 nodes are available: 3 node\(s\) unavailable due to one or more pvc\(s\) bound to non-existent pv\(s\)\. preemption: /);
  });

  it('StatefulSet volumeClaimTemplates: <template>-<set>-<ordinal>, kept after a scale-down', async () => {
    const set = (replicas: number) => JSON.stringify({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: {
        replicas, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'shop/db:1', volumeMounts: [{ name: 'data', mountPath: '/var/lib/db' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '5Gi' } } } }],
      },
    });
    await h.ok(['apply', '-f', '-'], { input: set(2) });
    await bound('data-db-0');
    await bound('data-db-1');
    expect(claimOf('data-db-1').metadata.labels).toEqual({ app: 'db' });
    await waitFor('2 ready', () => ((h.api.state.get('StatefulSet', 'default', 'db') as any)?.status?.readyReplicas === 2 ? true : undefined));
    expect((h.api.state.get('Pod', 'default', 'db-1') as any).spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } }]);
    await h.ok(['apply', '-f', '-'], { input: set(1) });
    await waitFor('db-1 gone', () => (h.api.state.get('Pod', 'default', 'db-1') ? undefined : true));
    expect(claimOf('data-db-1').status.phase).toBe('Bound');
    // A claim template cannot change once the set exists, as the API server refuses it.
    const bigger = await h.kubectl(['apply', '-f', '-'], { input: set(1).replace('"5Gi"', '"10Gi"') });
    expect(bigger.stderr).toMatch(/The StatefulSet "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden/);
  });

  it('a default class, once there is one, is given to a claim that names none, which then binds', async () => {
    await h.ok(['apply', '-f', '-'], { input: storageClass('standard', 'Immediate', { 'storageclass.kubernetes.io/is-default-class': 'true' }) });
    const c = await bound('classless');
    expect(c.spec.storageClassName).toBe('standard');
  });
});
