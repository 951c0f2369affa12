/**
 * ControllerRevisions for StatefulSets and DaemonSets: one per distinct pod template, numbered, so
 * `kubectl rollout history|undo` works for them as on a real cluster.
 */
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { controllerRef, isControlledBy, templateHash, templateKey } from './util.js';

const DROP = ['controller-revision-hash', 'pod-template-generation', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index'];

export interface Revision {
  name: string;
  hash: string;
  revision: number;
  template: unknown;
}

/** The revision for the owner's current template, created or renumbered (after an undo) as needed. */
export function ensureRevision(cluster: Cluster, owner: KubeObject): Revision {
  const crType = typeOf('ControllerRevision', 'apps/v1');
  const ns = owner.metadata.namespace;
  const owned = cluster.store.scan(crType, ns).filter((cr) => isControlledBy(cr, owner));
  const key = templateKey(owner.spec?.template, DROP);
  const max = Math.max(0, ...owned.map((cr) => Number(cr.revision ?? 0)));
  const existing = owned.find((cr) => templateKey((cr.data as { spec?: { template?: unknown } })?.spec?.template, DROP) === key);
  if (existing) {
    let revision = Number(existing.revision ?? 0);
    if (revision < max) {
      revision = max + 1;
      cluster.store.mutate(crType, ns, existing.metadata.name!, (cr) => {
        cr.revision = revision;
      });
    }
    const hash = existing.metadata.labels?.['controller.kubernetes.io/hash'] ?? templateHash(owner.spec?.template);
    return { name: existing.metadata.name!, hash, revision, template: (existing.data as { spec: { template: unknown } }).spec.template };
  }
  const hash = templateHash(owner.spec?.template);
  const name = `${owner.metadata.name}-${hash}`;
  const template = clone(owner.spec?.template ?? {});
  if (!cluster.store.peek(crType, ns, name)) {
    cluster.store.create(crType, {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name, namespace: ns, labels: { ...(owner.spec?.selector?.matchLabels ?? {}), 'controller.kubernetes.io/hash': hash }, ownerReferences: [controllerRef(owner)] },
      data: { spec: { template: { ...template, $patch: 'replace' } } },
      revision: max + 1,
    });
  }
  return { name, hash, revision: max + 1, template };
}

export function revisionTemplate(cluster: Cluster, owner: KubeObject, name: string | undefined): unknown {
  if (!name) return undefined;
  const cr = cluster.store.peek(typeOf('ControllerRevision', 'apps/v1'), owner.metadata.namespace, name);
  const template = (cr?.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!template) return undefined;
  const { $patch: _ignored, ...rest } = template;
  return rest;
}
