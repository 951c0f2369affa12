/**
 * A StatefulSet's volumeClaimTemplates: each pod <set>-<i> gets the claims <template>-<set>-<i>,
 * made before the pod and kept when it goes (persistentVolumeClaimRetentionPolicy Retain, the
 * default): the next pod of that ordinal mounts the same volume.
 */
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Cluster } from '../cluster.js';
import { BINDER, claimType, createAs } from './volume-binding.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const COMPONENT = 'statefulset-controller';

export function claimName(template: any, set: KubeObject, ordinal: number): string {
  return `${template?.metadata?.name ?? ''}-${set.metadata.name}-${ordinal}`;
}

/** Makes the ordinal's missing claims, labelled with the set's selector as the controller labels them. */
export function ensureClaims(cluster: Cluster, set: KubeObject, ordinal: number, podName: string): void {
  const whenDeleted = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted;
  for (const template of (set.spec?.volumeClaimTemplates ?? []) as any[]) {
    const name = claimName(template, set, ordinal);
    if (cluster.store.peek(claimType(), set.metadata.namespace, name)) continue;
    const t = clone(template);
    createAs(cluster, BINDER, claimType(), {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: set.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
        ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
        ...(whenDeleted === 'Delete' ? { ownerReferences: [{ apiVersion: set.apiVersion, kind: set.kind, name: set.metadata.name!, uid: set.metadata.uid!, controller: true, blockOwnerDeletion: true }] } : {}),
      },
      spec: t.spec ?? {},
    });
    cluster.events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`, COMPONENT);
  }
}

/** The pod spec's volumes with one per template, naming the ordinal's claim (a template's volume wins over the pod's own). */
export function withClaimVolumes(spec: any, set: KubeObject, ordinal: number): any {
  const templates = (set.spec?.volumeClaimTemplates ?? []) as any[];
  if (templates.length === 0) return spec;
  const names = new Set(templates.map((t) => t?.metadata?.name));
  const own = ((spec?.volumes ?? []) as any[]).filter((v) => !names.has(v?.name));
  return { ...spec, volumes: [...own, ...templates.map((t) => ({ name: t.metadata.name, persistentVolumeClaim: { claimName: claimName(t, set, ordinal) } }))] };
}

/** whenScaled: Delete removes the claims of ordinals scaled away; Retain (the default) keeps them. */
export function releaseClaims(cluster: Cluster, set: KubeObject, ordinal: number): void {
  if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
  for (const template of (set.spec?.volumeClaimTemplates ?? []) as any[]) {
    const name = claimName(template, set, ordinal);
    if (cluster.store.peek(claimType(), set.metadata.namespace, name)) cluster.store.delete(claimType(), set.metadata.namespace, name);
  }
}
