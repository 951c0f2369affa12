/**
 * The apiextensions controllers, folded into one: a CustomResourceDefinition's names are accepted
 * unless another CRD of its group already uses its plural or kind, and a short while after
 * (timings.crdEstablishMs) it is Established and its kinds are served. Until then a custom
 * resource of that kind gets "no matches for kind", as from a real API server.
 */
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import type { ResourceType } from '../resources.js';
import { typeOf } from '../store.js';
import { timestamp } from '../clock.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

function servedTypes(crd: KubeObject): ResourceType[] {
  const names = crd.spec?.names ?? {};
  return ((crd.spec?.versions ?? []) as any[])
    .filter((v) => v?.served !== false)
    .map((v) => ({
      group: crd.spec.group,
      version: v.name,
      kind: names.kind,
      plural: names.plural,
      singular: names.singular ?? String(names.kind ?? '').toLowerCase(),
      namespaced: crd.spec.scope !== 'Cluster',
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      ...(names.categories ? { categories: names.categories } : {}),
      ...(v.subresources?.status !== undefined ? { subresources: ['status' as const] } : {}),
      hasSpec: true,
    }));
}

/** Why another CRD of the same group keeps this one's names from being accepted, if one does. */
function nameConflict(crd: KubeObject, all: readonly KubeObject[]): { reason: string; message: string } | undefined {
  const names = crd.spec?.names ?? {};
  for (const other of all) {
    if (other.metadata.uid === crd.metadata.uid || other.spec?.group !== crd.spec?.group) continue;
    // The older definition keeps its names (timestamps have seconds only: then the name decides).
    const older = `${other.metadata.creationTimestamp ?? ''}/${other.metadata.name}` < `${crd.metadata.creationTimestamp ?? ''}/${crd.metadata.name}`;
    if (!older) continue;
    const theirs = other.spec?.names ?? {};
    if (theirs.plural === names.plural) return { reason: 'PluralConflict', message: `"${names.plural}" is already in use` };
    if (theirs.kind === names.kind) return { reason: 'KindConflict', message: `"${names.kind}" is already in use` };
  }
  return undefined;
}

function condition(crd: KubeObject, type: string, status: Condition['status'], reason: string, message: string): Condition {
  const before = ((crd.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
  return { type, status, reason, message, lastTransitionTime: before?.status === status ? before.lastTransitionTime : timestamp() };
}

export class CrdController {
  /** Simulated time each CRD (by uid and generation) was first seen, for the Established delay. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly cluster: Cluster) {}

  tick(): void {
    const { store } = this.cluster;
    const type = typeOf('CustomResourceDefinition', 'apiextensions.k8s.io/v1');
    const crds = store.scan(type);
    const present = new Set(crds.map((c) => c.metadata.name!));
    for (const name of store.types.customDefinitions()) if (!present.has(name)) store.types.withdraw(name);
    for (const crd of crds) {
      const key = `${crd.metadata.uid}/${crd.metadata.generation}`;
      if (!this.seen.has(key)) this.seen.set(key, this.cluster.clock.now());
      const conflict = nameConflict(crd, crds);
      const established = !conflict && this.cluster.due(this.seen.get(key)! + this.cluster.timings.crdEstablishMs);
      const wasEstablished = ((crd.status?.conditions ?? []) as Condition[]).some((c) => c.type === 'Established' && c.status === 'True');
      // Once served, a kind stays served across a later change to the definition.
      if (established || (wasEstablished && !conflict)) store.types.serve(crd.metadata.name!, servedTypes(crd));
      else if (conflict) store.types.withdraw(crd.metadata.name!);
      const status = {
        conditions: [
          conflict ? condition(crd, 'NamesAccepted', 'False', conflict.reason, conflict.message) : condition(crd, 'NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'),
          established || (wasEstablished && !conflict)
            ? condition(crd, 'Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted')
            : condition(crd, 'Established', 'False', conflict ? 'NotAccepted' : 'Installing', conflict ? 'not all names are accepted' : 'the initial names are being accepted'),
        ],
        acceptedNames: conflict ? {} : crd.spec?.names ?? {},
        storedVersions: ((crd.spec?.versions ?? []) as any[]).filter((v) => v?.storage).map((v) => v.name),
      };
      if (JSON.stringify(status) === JSON.stringify(crd.status)) continue;
      store.mutate(type, undefined, crd.metadata.name!, (o) => {
        o.status = status;
      }, { subresource: 'status' });
    }
  }
}
