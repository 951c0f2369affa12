/**
 * The in-memory object store: one global resourceVersion, per-kind collections, a bounded history
 * for watch replay, and owner-reference garbage collection on delete.
 */
import { randomUUID } from 'node:crypto';
import type { KubeObject } from './types.js';
import { clone } from './types.js';
import type { ResourceType } from './resources.js';
import { apiVersionOf, storeKey, ResourceTable, RESOURCE_TYPES } from './resources.js';
import { errors, KubeError } from './status.js';
import { timestamp } from './clock.js';
import { applyDefaults } from './defaults.js';
import { validate } from './validate.js';
import { validateUpdate } from './validate-update.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  key: string;
  object: KubeObject;
  rv: number;
}

export interface WriteOptions {
  dryRun?: boolean;
  subresource?: 'status' | 'scale';
}

const HISTORY_LIMIT = 20000;

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function randomSuffix(length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export class Store {
  /** The kinds this store serves: the built-in ones and those of its Established CRDs. */
  readonly types = new ResourceTable();
  private rv = 0;
  private readonly collections = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  oldestWatchable(): number {
    return this.history[0] ? this.history[0].rv - 1 : this.rv;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `rv`, or undefined when they have left the history (410 Expired). */
  eventsSince(rv: number): StoreEvent[] | undefined {
    if (rv < this.oldestWatchable()) return undefined;
    return this.history.filter((e) => e.rv > rv);
  }

  private collection(type: ResourceType): Map<string, KubeObject> {
    const key = storeKey(type);
    let c = this.collections.get(key);
    if (!c) {
      c = new Map();
      this.collections.set(key, c);
    }
    return c;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.collection(type).get(objectKey(type.namespaced ? namespace : undefined, name));
    return obj ? clone(obj) : undefined;
  }

  mustGet(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const obj = this.get(type, namespace, name);
    if (!obj) throw errors.notFound(type, name);
    return obj;
  }

  /**
   * The stored objects themselves, for controllers that only read: no copy is made, so the caller
   * must not change them (writes go through update/mutate, which replace objects, never edit them).
   */
  scan(type: ResourceType, namespace?: string): readonly KubeObject[] {
    const all = [...this.collection(type).values()];
    return namespace && type.namespaced ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  /** One stored object without a copy; the same rule as scan applies. */
  peek(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.collection(type).get(objectKey(type.namespaced ? namespace : undefined, name));
  }

  /** In key order (namespace, then name), as etcd returns a list: not the order objects were made in. */
  list(type: ResourceType, namespace?: string): KubeObject[] {
    const entries = [...this.collection(type).entries()];
    const items = namespace && type.namespaced ? entries.filter(([, o]) => o.metadata.namespace === namespace) : entries;
    return items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => clone(o));
  }

  private emit(type: WatchEventType, rtype: ResourceType, object: KubeObject): void {
    // Stored objects are replaced, never edited, so the event can share the object.
    const event: StoreEvent = { type, key: storeKey(rtype), object, rv: this.rv };
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const l of this.listeners) l(event);
  }

  create(type: ResourceType, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const obj = clone(input);
    obj.apiVersion = apiVersionOf(type);
    obj.kind = type.kind;
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (!type.namespaced) delete meta.namespace;
    else {
      meta.namespace ||= 'default';
      if (type.kind !== 'Namespace' && !this.namespaceExists(meta.namespace)) throw errors.namespaceNotFound(meta.namespace);
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix(5);
    if (!meta.name) throw errors.invalid(type, '', [{ reason: 'FieldValueRequired', message: 'name or generateName is required', field: 'metadata.name' }]);
    const coll = this.collection(type);
    if (coll.has(objectKey(meta.namespace, meta.name))) throw errors.alreadyExists(type, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    if (type.hasSpec) meta.generation = 1;
    else delete meta.generation;
    if (type.subresources?.includes('status') && type.kind !== 'Pod' && type.kind !== 'Namespace') delete obj.status;
    applyDefaults(type, obj);
    validate(type, obj);
    if (options.dryRun) return { ...obj, metadata: { ...meta, resourceVersion: String(this.rv) } };
    this.rv++;
    meta.resourceVersion = String(this.rv);
    coll.set(objectKey(meta.namespace, meta.name), obj);
    this.emit('ADDED', type, obj);
    return clone(obj);
  }

  /**
   * Replaces an object. A main-resource write keeps the stored status; a status write keeps
   * everything but status. Generation moves only when .spec changes, as on a real server.
   */
  update(type: ResourceType, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const name = input.metadata?.name ?? '';
    const namespace = type.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const coll = this.collection(type);
    const current = coll.get(objectKey(namespace, name));
    if (!current) throw errors.notFound(type, name);
    const requestedRv = input.metadata?.resourceVersion;
    if (requestedRv && requestedRv !== current.metadata.resourceVersion) {
      throw errors.conflict(type, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    let next: KubeObject;
    if (options.subresource === 'status') {
      next = { ...clone(current), status: clone(input.status) };
    } else {
      next = clone(input);
      next.apiVersion = apiVersionOf(type);
      next.kind = type.kind;
      if (current.status !== undefined && type.subresources?.includes('status')) next.status = clone(current.status);
      next.metadata.uid = current.metadata.uid;
      next.metadata.creationTimestamp = current.metadata.creationTimestamp;
      next.metadata.name = current.metadata.name;
      if (namespace) next.metadata.namespace = namespace;
      if (current.metadata.deletionTimestamp) next.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
      if (type.hasSpec) next.metadata.generation = current.metadata.generation ?? 1;
      applyDefaults(type, next);
      if (type.hasSpec && stableJson(next.spec) !== stableJson(current.spec)) next.metadata.generation = (current.metadata.generation ?? 1) + 1;
      validateUpdate(type, current, next);
    }
    validate(type, next);
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    if (stableJson(next) === stableJson(current)) return clone(current); // a no-op write does not bump the RV
    if (options.dryRun) return next;
    this.rv++;
    next.metadata.resourceVersion = String(this.rv);
    coll.set(objectKey(namespace, name), next);
    this.emit('MODIFIED', type, next);
    return clone(next);
  }

  /** Reads, changes and writes an object without racing other writers (there are none in-process). */
  mutate(type: ResourceType, namespace: string | undefined, name: string, change: (obj: KubeObject) => void, options: WriteOptions = {}): KubeObject | undefined {
    const obj = this.get(type, namespace, name);
    if (!obj) return undefined;
    change(obj);
    return this.update(type, obj, options);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, options: { dryRun?: boolean; propagation?: string } = {}): KubeObject {
    const coll = this.collection(type);
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const current = coll.get(key);
    if (!current) throw errors.notFound(type, name);
    if (options.dryRun) return clone(current);
    coll.delete(key);
    this.rv++;
    const gone = { ...current, metadata: { ...current.metadata, resourceVersion: String(this.rv) } };
    this.emit('DELETED', type, gone);
    this.collectGarbage(current, options.propagation === 'Orphan');
    return clone(gone);
  }

  /** Dependents go with their owner (background propagation), or lose the reference (Orphan). */
  private collectGarbage(owner: KubeObject, orphan: boolean): void {
    const uid = owner.metadata.uid;
    for (const t of this.types.all()) {
      for (const obj of this.collection(t).values()) {
        if (owner.kind === 'Namespace' && t.namespaced && obj.metadata.namespace === owner.metadata.name) {
          this.delete(t, obj.metadata.namespace, obj.metadata.name!);
          continue;
        }
        const refs = obj.metadata.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === uid)) continue;
        if (orphan) this.mutate(t, obj.metadata.namespace, obj.metadata.name!, (o) => {
          o.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
          if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
        });
        else this.delete(t, obj.metadata.namespace, obj.metadata.name!);
      }
    }
  }

  namespaceExists(name: string): boolean {
    return this.collection(this.types.findByKind('v1', 'Namespace')!).has(objectKey(undefined, name));
  }
}

export function typeOf(kind: string, apiVersion?: string): ResourceType {
  const t = RESOURCE_TYPES.find((r) => r.kind === kind && (apiVersion === undefined || apiVersionOf(r) === apiVersion));
  if (!t) throw new KubeError(500, 'InternalError', `unknown kind ${kind}`);
  return t;
}
