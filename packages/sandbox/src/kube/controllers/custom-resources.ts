/**
 * A stand-in for the operators behind custom resources: one whose scenario annotation
 * (`sandbox.eks-kit/conditions: "Ready=True"`, `"Ready=False:Reason:message"`, several joined by
 * `;`) asks for it gets those status conditions a while (timings.customResourceMs) after each new
 * generation, with observedGeneration, as a controller-runtime operator writes them. Until then
 * the conditions of the previous generation stay, stale. Without the annotation nobody writes
 * a status, like a kind whose operator sets none.
 */
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import type { ResourceType } from '../resources.js';
import { timestamp } from '../clock.js';

export const CONDITIONS_ANNOTATION = 'sandbox.eks-kit/conditions';

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration: number;
  lastTransitionTime: string;
}

function conditionsAsked(value: string, generation: number, before: Condition[]): Condition[] {
  return value.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [typeAndStatus = '', reason = 'Reconciled', ...message] = part.split(':');
    const [type = 'Ready', status = 'True'] = typeAndStatus.split('=');
    const previous = before.find((c) => c.type === type);
    return { type, status, reason, message: message.join(':'), observedGeneration: generation, lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : timestamp() };
  });
}

export class CustomResourceOperator {
  /** Simulated time each object's generation was first seen, by uid/generation. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly cluster: Cluster) {}

  tick(): void {
    const { store } = this.cluster;
    for (const type of store.types.customTypes()) {
      for (const object of store.scan(type)) this.reconcile(type, object);
    }
  }

  private reconcile(type: ResourceType, object: KubeObject): void {
    const asked = object.metadata.annotations?.[CONDITIONS_ANNOTATION];
    const generation = object.metadata.generation ?? 1;
    if (asked === undefined || object.status?.observedGeneration === generation) return;
    const key = `${object.metadata.uid}/${generation}`;
    if (!this.seen.has(key)) this.seen.set(key, this.cluster.clock.now());
    if (!this.cluster.due(this.seen.get(key)! + this.cluster.timings.customResourceMs)) return;
    const status = { observedGeneration: generation, conditions: conditionsAsked(asked, generation, (object.status?.conditions ?? []) as Condition[]) };
    const subresource = type.subresources?.includes('status') ? { subresource: 'status' as const } : {};
    this.cluster.store.mutate(type, object.metadata.namespace, object.metadata.name!, (o) => {
      o.status = status;
    }, subresource);
  }
}
