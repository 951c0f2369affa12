import { describe, expect, it } from '@jest/globals';
import { MemoryLogger } from '@eks-kit/core';
import { recordWorkloads } from '../src/revisions.js';
import { rollBack } from '../src/rollback.js';
import { deployment, FakeKubectl, list, ok } from './fakes.js';

const logger = new MemoryLogger();
const existing = { kind: 'Deployment', name: 'web', namespace: 'shop', existed: true, generation: 4, revision: '7' };

describe('rollBack', () => {
  it('undoes to the revision recorded before apply, not the second newest', async () => {
    const kubectl = new FakeKubectl(() => ok('deployment.apps/web rolled back\n'));
    const outcome = await rollBack(kubectl, existing, { revision: '8' }, { deleteNew: false, logger });
    expect(kubectl.calls).toEqual([['rollout', 'undo', 'deployment/web', '-n', 'shop', '--to-revision=7']]);
    expect(outcome).toMatchObject({ action: 'rolled-back', toRevision: '7' });
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

describe('recordWorkloads', () => {
  it('reads current revisions in one get per namespace and marks the rest new', async () => {
    const kubectl = new FakeKubectl(() => list(deployment({ generation: 4, revision: '7' })));
    const states = await recordWorkloads(kubectl, [{ kind: 'Deployment', name: 'web', namespace: 'shop' }, { kind: 'Deployment', name: 'api', namespace: 'shop' }, { kind: 'ConfigMap', name: 'x', namespace: 'shop' }]);
    expect(kubectl.calls).toEqual([['get', 'deployments.apps/web', 'deployments.apps/api', '-n', 'shop', '--ignore-not-found', '-o', 'json']]);
    expect([...states.values()].map((s) => [s.name, s.existed, s.revision])).toEqual([['web', true, '7'], ['api', false, undefined]]);
  });
});
