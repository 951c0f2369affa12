import { describe, expect, it } from '@jest/globals';
import { MemoryLogger } from '@eks-kit/core';
import { recordWorkloads } from '../src/revisions.js';
import { rollBack, stateAfterApply } from '../src/rollback.js';
import { errorText } from '../src/apply.js';
import { deployment, FakeKubectl, list, ok, replicaSet } from './fakes.js';

const logger = new MemoryLogger();
const existing = { kind: 'Deployment', name: 'web', namespace: 'shop', existed: true, generation: 4, revision: '7' };

describe('rollBack', () => {
  it('undoes to the revision recorded before apply, not the second newest', async () => {
    const kubectl = new FakeKubectl(() => ok('deployment.apps/web rolled back\n'));
    const outcome = await rollBack(kubectl, existing, { revision: '8' }, { deleteNew: false, logger });
    expect(kubectl.calls).toEqual([['rollout', 'undo', 'deployment/web', '-n', 'shop', '--to-revision=7']]);
    expect(outcome).toMatchObject({ action: 'rolled-back', toRevision: '7' });
  });

  it('after a server-side apply, applies the recorded revision\'s template with the same field manager instead of undo', async () => {
    const rs = { ...replicaSet('7', 'rs-7'), spec: { template: { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'web', image: 'repo/web:good' }] } } } };
    const kubectl = new FakeKubectl((args) => (args[0] === 'get' ? list(replicaSet('8', 'rs-8'), rs) : ok(list().stdout)));
    const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'repo/web:bad' }] } } } };
    const outcome = await rollBack(kubectl, existing, { revision: '8' }, { deleteNew: false, logger, appliedAs: { object, apply: { serverSide: true, fieldManager: 'eks-kit' } } });
    expect(outcome).toMatchObject({ action: 'rolled-back', toRevision: '7' });
    expect(kubectl.calls.map((c) => c.slice(0, 2))).toEqual([['get', 'replicasets.apps'], ['apply', '-f']]);
    expect(kubectl.calls[1]).toEqual(expect.arrayContaining(['--server-side', '--field-manager=eks-kit', '--force-conflicts']));
    const applied = JSON.parse(kubectl.inputs[1] ?? '{}').items[0];
    expect(applied.spec).toEqual({ replicas: 3, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'repo/web:good' }] } } });
  });

  it('says when the recorded revision is gone', async () => {
    const kubectl = new FakeKubectl(() => ({ exitCode: 1, stdout: '', stderr: 'error: unable to find specified revision 7 in history' }));
    const outcome = await rollBack(kubectl, existing, { revision: '9' }, { deleteNew: false, logger });
    expect(outcome.action).toBe('failed');
    expect(outcome.message).toMatch(/revisionHistoryLimit/);
  });

  it('leaves a revision that never moved alone', async () => {
    const kubectl = new FakeKubectl(() => ok(''));
    expect((await rollBack(kubectl, existing, { revision: '7' }, { deleteNew: false, logger })).action).toBe('unchanged');
    expect(kubectl.calls).toEqual([]);
  });

  it('deletes the pods of a failed StatefulSet revision after undo, as a forced rollback needs', async () => {
    const kubectl = new FakeKubectl(() => ok('statefulset.apps/db rolled back'));
    const sts = { kind: 'StatefulSet', name: 'db', namespace: 'shop', existed: true, generation: 1 };
    expect((await rollBack(kubectl, sts, { updateRevision: 'db-bad' }, { deleteNew: false, logger })).action).toBe('rolled-back');
    expect(kubectl.calls).toEqual([
      ['rollout', 'undo', 'statefulset/db', '-n', 'shop'],
      ['delete', 'pods', '-n', 'shop', '-l', 'controller-revision-hash=db-bad', '--wait=false'],
    ]);
  });

  it('leaves a new workload in place unless asked to delete it', async () => {
    const fresh = { kind: 'Deployment', name: 'api', namespace: 'shop', existed: false };
    const kubectl = new FakeKubectl(() => ok('deployment.apps "api" deleted'));
    expect((await rollBack(kubectl, fresh, {}, { deleteNew: false, logger })).action).toBe('left');
    expect((await rollBack(kubectl, fresh, {}, { deleteNew: true, logger })).action).toBe('deleted');
    expect(kubectl.calls).toEqual([['delete', 'deployment/api', '-n', 'shop', '--wait=false']]);
  });
});

describe('rollBack of StatefulSets and DaemonSets after a server-side apply', () => {
  it('applies the template recorded before the deploy with the same field manager, then deletes the failed revision\'s pods', async () => {
    const kubectl = new FakeKubectl(() => ok(list().stdout));
    const template = { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'repo/db:good' }] } };
    const before = { kind: 'StatefulSet', name: 'db', namespace: 'shop', existed: true, generation: 3, template };
    const object = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'db', image: 'repo/db:bad' }] } } } };
    const outcome = await rollBack(kubectl, before, { updateRevision: 'db-bad' }, { deleteNew: false, logger, appliedAs: { object, apply: { serverSide: true, fieldManager: 'eks-kit' } } });
    expect(outcome).toMatchObject({ action: 'rolled-back', message: 'rolled back to the template it had before this deploy, applied by field manager eks-kit' });
    expect(kubectl.calls[0]).toEqual(expect.arrayContaining(['apply', '--server-side', '--field-manager=eks-kit', '--force-conflicts']));
    expect(JSON.parse(kubectl.inputs[0] ?? '{}').items[0].spec).toEqual({ replicas: 2, template });
    expect(kubectl.calls[1]).toEqual(['delete', 'pods', '-n', 'shop', '-l', 'controller-revision-hash=db-bad', '--wait=false']);
    expect(kubectl.calls).toHaveLength(2);
  });
});

describe('recordWorkloads', () => {
  it('reads current revisions in one get per namespace and marks the rest new', async () => {
    const kubectl = new FakeKubectl(() => list(deployment({ generation: 4, revision: '7' })));
    const states = await recordWorkloads(kubectl, [{ kind: 'Deployment', name: 'web', namespace: 'shop' }, { kind: 'Deployment', name: 'api', namespace: 'shop' }, { kind: 'ConfigMap', name: 'x', namespace: 'shop' }]);
    expect(kubectl.calls).toEqual([['get', 'deployments.apps/web', 'deployments.apps/api', '-n', 'shop', '--ignore-not-found', '-o', 'json']]);
    expect([...states.values()].map((s) => [s.name, s.existed, s.revision])).toEqual([['web', true, '7'], ['api', false, undefined]]);
  });
});

describe('errorText', () => {
  it('keeps a whole apply conflict (every field and its manager) and drops the advice after it', () => {
    const stderr = `error: Apply failed with 2 conflicts: conflicts with "kubectl" using apps/v1:
- .spec.template.spec.containers[name="web"].image
- .spec.template.metadata.annotations.x
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
`;
    expect(errorText(stderr)).toBe('error: Apply failed with 2 conflicts: conflicts with "kubectl" using apps/v1: - .spec.template.spec.containers[name="web"].image - .spec.template.metadata.annotations.x');
    expect(errorText('a\nb\nc\nd\n')).toBe('b | c | d');
  });
});

describe('stateAfterApply', () => {
  const live = (observedGeneration: number | undefined, extra: { paused?: boolean; updateRevision?: string } = {}) =>
    ({ ...deployment({ generation: 5, revision: '7' }), ...(extra.paused ? { spec: { paused: true } } : {}), status: { ...(observedGeneration === undefined ? {} : { observedGeneration }), ...(extra.updateRevision ? { updateRevision: extra.updateRevision } : {}) } });

  it('takes the revision once the controller has observed the applied generation', () => {
    expect(stateAfterApply(live(5), 5)).toEqual({ revision: '7' });
    expect(stateAfterApply(live(6), 5)).toEqual({ revision: '7' });
  });

  it('leaves the revision out while the controller has not seen the new template, so the rollback still runs', async () => {
    const after = stateAfterApply(live(4), 5);
    expect(after).toEqual({});
    expect(stateAfterApply(live(undefined), 5)).toEqual({});
    expect(stateAfterApply(live(5), undefined)).toEqual({});
    // The recorded revision is 7 and the Deployment still shows 7: with the revision left out, it is rolled back, not "unchanged".
    const kubectl = new FakeKubectl(() => ok('deployment.apps/web rolled back\n'));
    expect(await rollBack(kubectl, existing, after, { deleteNew: false, logger })).toMatchObject({ action: 'rolled-back' });
    expect(await rollBack(kubectl, existing, stateAfterApply(live(5), 5), { deleteNew: false, logger })).toMatchObject({ action: 'unchanged' });
  });

  it('keeps a StatefulSet\'s update revision and a paused flag whatever the controller has seen', () => {
    expect(stateAfterApply(live(4, { paused: true, updateRevision: 'web-abc' }), 5)).toEqual({ updateRevision: 'web-abc', paused: true });
  });
});
