/**
 * The collections a verification watches, shared by every target that needs the same one, and a
 * way to wait for the next change in any of them.
 */
import type { Clock, Logger } from '@eks-kit/core';
import type { LiveObject } from '../verify/live.js';
import { CollectionWatch, collectionKey, type CollectionSpec } from './collection.js';
import type { WatchTransport } from './transport.js';

export class Watches {
  private readonly collections = new Map<string, CollectionWatch>();
  private wake: (() => void) | undefined;
  private dirty = false;
  private readonly observers: ((o: LiveObject) => void)[] = [];

  constructor(private readonly transport: WatchTransport, private readonly clock: Clock, private readonly logger: Logger) {}

  /** The collection for `spec`, started on first use. */
  watch(spec: CollectionSpec): CollectionWatch {
    const key = collectionKey(spec);
    let c = this.collections.get(key);
    if (!c) {
      c = new CollectionWatch(spec, this.transport, this.clock, this.logger, (o) => this.changed(o));
      this.collections.set(key, c);
      c.start();
    }
    return c;
  }

  /** Every object held for a kind in a namespace, across the collections watching it. */
  objects(kind: string, namespace: string): LiveObject[] {
    const byName = new Map<string, LiveObject>();
    for (const c of this.collections.values()) {
      if (c.kind !== kind || c.namespace !== namespace) continue;
      for (const [name, o] of c.objects) byName.set(name, o);
    }
    return [...byName.values()];
  }

  get requests(): number {
    return [...this.collections.values()].reduce((n, c) => n + c.requests, 0);
  }

  /** Resolves at the next change (at once if one came since the last call), or after `ms`. */
  async next(ms: number): Promise<void> {
    if (this.dirty) {
      this.dirty = false;
      return;
    }
    // A wake-up ends the sleep too: a timer left behind by each change would keep the process
    // alive for up to `ms` after the verdict.
    const woken = new AbortController();
    await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), this.clock.sleep(ms, woken.signal)]);
    woken.abort();
    this.wake = undefined;
    this.dirty = false;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.collections.values()].map((c) => c.stop()));
    this.collections.clear();
  }

  /** Sees every object as it arrives, including states that a later event replaces before anyone looks. */
  observe(observer: (o: LiveObject) => void): void {
    this.observers.push(observer);
  }

  private changed(object: LiveObject | undefined): void {
    if (object) for (const o of this.observers) o(object);
    this.dirty = true;
    this.wake?.();
  }
}
