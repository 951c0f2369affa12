/**
 * core/v1 Events as controllers and the kubelet record them: a repeat of the same reason and
 * message on the same object bumps `count` and `lastTimestamp` instead of adding a new Event.
 */
import type { KubeObject } from './types.js';
import type { Store } from './store.js';
import { typeOf } from './store.js';
import { timestamp } from './clock.js';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private readonly seen = new Map<string, string>(); // dedupe key -> event name
  private lastNanos = 0n;

  constructor(private readonly store: Store) {}

  record(involved: KubeObject, type: EventType, reason: string, message: string, component: string, host?: string): void {
    const eventType = typeOf('Event', 'v1');
    const namespace = involved.metadata.namespace ?? 'default';
    if (!this.store.namespaceExists(namespace)) return;
    const key = `${involved.metadata.uid}|${type}|${reason}|${message}`;
    const now = timestamp();
    const existing = this.seen.get(key);
    if (existing && this.store.peek(eventType, namespace, existing)) {
      this.store.mutate(eventType, namespace, existing, (e) => {
        e.count = ((e.count as number | undefined) ?? 1) + 1;
        e.lastTimestamp = now;
      });
      return;
    }
    // As client-go's recorder names them, <object>.<hex of the time in ns>: the API lists by name,
    // so one object's events come in the order they were recorded.
    const nanos = BigInt(Date.now()) * 1_000_000n;
    this.lastNanos = nanos > this.lastNanos ? nanos : this.lastNanos + 1n;
    const name = `${involved.metadata.name}.${this.lastNanos.toString(16)}`;
    this.seen.set(key, name);
    this.store.create(eventType, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component, ...(host ? { host } : {}) },
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
  }
}
