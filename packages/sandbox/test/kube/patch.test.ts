import { describe, expect, it } from '@jest/globals';
import { applyStrategicMergePatch } from '../../src/kube/patch/strategic-merge.js';
import { applyMergePatch } from '../../src/kube/patch/merge-patch.js';
import { applyJsonPatch } from '../../src/kube/patch/json-patch.js';
import { serverSideApply } from '../../src/kube/patch/apply.js';
import { recordUpdate } from '../../src/kube/patch/managed-fields.js';
import { RESOURCE_TYPES } from '../../src/kube/resources.js';
import { KubeError } from '../../src/kube/status.js';
import type { KubeObject } from '../../src/kube/types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const podSpec = {
  containers: [
    { name: 'web', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] },
    { name: 'sidecar', image: 'envoy:1' },
  ],
  volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
};

describe('strategic merge patch', () => {
  it('merges containers, env and ports by their keys', () => {
    const out = applyStrategicMergePatch(podSpec, {
      containers: [{ name: 'web', image: 'nginx:1.26', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }], ports: [{ containerPort: 443 }] }],
    }) as any;
    expect(out.containers).toHaveLength(2);
    expect(out.containers[0].image).toBe('nginx:1.26');
    expect(out.containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
    expect(out.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
    expect(out.containers[1]).toEqual({ name: 'sidecar', image: 'envoy:1' });
  });

  it('honours $patch delete/replace, null, $setElementOrder, $retainKeys and $deleteFromPrimitiveList', () => {
    const deleted = applyStrategicMergePatch(podSpec, { containers: [{ name: 'sidecar', $patch: 'delete' }], volumes: null }) as any;
    expect(deleted.containers.map((c: any) => c.name)).toEqual(['web']);
    expect(deleted.volumes).toBeUndefined();
    const replaced = applyStrategicMergePatch(podSpec, { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] }) as any;
    expect(replaced.containers).toEqual([{ name: 'only', image: 'x' }]);
    const reordered = applyStrategicMergePatch(podSpec, { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }] }) as any;
    expect(reordered.containers.map((c: any) => c.name)).toEqual(['sidecar', 'web']);
    const retained = applyStrategicMergePatch({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }, { strategy: { $retainKeys: ['type'], type: 'Recreate' } }) as any;
    expect(retained.strategy).toEqual({ type: 'Recreate' });
    const finalizers = applyStrategicMergePatch({ finalizers: ['a', 'b'] }, { '$deleteFromPrimitiveList/finalizers': ['a'] }) as any;
    expect(finalizers.finalizers).toEqual(['b']);
    expect(applyStrategicMergePatch({ finalizers: ['a'] }, { finalizers: ['b'] })).toEqual({ finalizers: ['a', 'b'] });
  });

  it('keys Service ports on port', () => {
    const out = applyStrategicMergePatch({ ports: [{ port: 80, targetPort: 8080 }] }, { ports: [{ port: 80, targetPort: 9090 }] }) as any;
    expect(out.ports).toEqual([{ port: 80, targetPort: 9090 }]);
  });
});

describe('merge patch and JSON patch', () => {
  it('merge patch: null deletes, lists replace', () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null }, l: [3] })).toEqual({ a: 1, b: { d: 3 }, l: [3] });
  });

  it('JSON patch: replace and test; a failed test is a 400 Status', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } } as KubeObject;
    expect(applyJsonPatch(obj, [{ op: 'replace', path: '/data/a', value: '2' }]).data).toEqual({ a: '2' });
    expect(obj.data).toEqual({ a: '1' });
    expect(() => applyJsonPatch(obj, [{ op: 'test', path: '/data/a', value: 'nope' }])).toThrow(KubeError);
  });
});

describe('server-side apply', () => {
  const type = RESOURCE_TYPES.find((t) => t.kind === 'ConfigMap')!;
  const cm = (data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });

  it('words conflicts as the API server does: an Update with its version, several grouped by manager', () => {
    const applied = serverSideApply(type, undefined, cm({ a: '1', b: '2', c: '3' }), 'alice', false);
    const updated = { ...applied, metadata: { ...applied.metadata, managedFields: [...(applied.metadata.managedFields ?? []), { manager: 'kubectl', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:c': {} } } }] } } as KubeObject;
    try {
      serverSideApply(type, updated, cm({ a: 'x', b: 'y', c: 'z' }), 'bob', false);
      throw new Error('expected a conflict');
    } catch (error) {
      expect((error as KubeError).body).toMatchObject({
        code: 409,
        message: 'Apply failed with 4 conflicts: conflicts with "alice":\n- .data.a\n- .data.b\n- .data.c\nconflicts with "kubectl" using v1:\n- .data.c',
        details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.data.a' }, { message: 'conflict with "alice"', field: '.data.b' }, { message: 'conflict with "alice"', field: '.data.c' }, { message: 'conflict with "kubectl" using v1', field: '.data.c' }] },
      });
    }
  });

  it('records ownership, detects conflicts, forces, and removes fields no longer applied', () => {
    const first = serverSideApply(type, undefined, cm({ a: '1', b: '2' }), 'alice', false);
    expect(first.metadata.managedFields?.[0]).toMatchObject({ manager: 'alice', operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {}, 'f:b': {} } } });

    // Same value: shared ownership, no conflict.
    const shared = serverSideApply(type, first, cm({ a: '1' }), 'bob', false);
    expect(shared.metadata.managedFields?.map((m) => m.manager)).toEqual(['alice', 'bob']);

    try {
      serverSideApply(type, shared, cm({ a: 'changed' }), 'bob', false);
      throw new Error('expected a conflict');
    } catch (error) {
      expect(error).toBeInstanceOf(KubeError);
      expect((error as KubeError).body).toMatchObject({ code: 409, reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "alice": .data.a' });
    }
    const forced = serverSideApply(type, shared, cm({ a: 'changed' }), 'bob', true);
    expect(forced.data).toEqual({ a: 'changed', b: '2' });

    // alice stops applying b: it goes, as nobody else owns it.
    const dropped = serverSideApply(type, forced, cm({}), 'alice', false);
    expect(dropped.data).toEqual({ a: 'changed' });
  });

  it('an update by another manager takes the fields it changed', () => {
    const applied = serverSideApply(type, undefined, cm({ a: '1' }), 'alice', false);
    const edited = { ...applied, data: { a: '2' } } as KubeObject;
    recordUpdate(applied, edited, 'kubectl-edit');
    expect(edited.metadata.managedFields?.find((m) => m.manager === 'kubectl-edit')).toMatchObject({ operation: 'Update', fieldsV1: { 'f:data': { 'f:a': {} } } });
    expect(edited.metadata.managedFields?.find((m) => m.manager === 'alice')).toBeUndefined();
  });
});
