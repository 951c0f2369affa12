/**
 * Watch streams: replay the events after the requested resourceVersion, then push live ones as
 * newline-delimited JSON; bookmarks when asked; close after timeoutSeconds (the client re-lists).
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from './types.js';
import type { Store, StoreEvent } from './store.js';
import type { ResourceType } from './resources.js';
import { apiVersionOf, storeKey } from './resources.js';
import { errors } from './status.js';

export interface WatchRequest {
  type: ResourceType;
  namespace: string | undefined;
  matches: (obj: KubeObject) => boolean;
  resourceVersion: string | undefined;
  timeoutSeconds: number;
  bookmarks: boolean;
  /** Cut the stream after this many ms (fault injection). */
  dropAfterMs?: number;
  /** Treat the requested resourceVersion as compacted away (fault injection). */
  expired?: boolean;
  /** Send the headers and then nothing, ever: no events, no bookmarks, no end (fault injection). */
  silent?: boolean;
  /** Deliver each change this much later than it happened, in order, as a lagging watch cache does (fault injection). */
  lagMs?: number;
  /** How each object is sent (e.g. as a one-row Table for kubectl get -w). */
  render?: (obj: KubeObject) => unknown;
}

export class WatchHub {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly store: Store, private readonly bookmarkEveryMs = 1000) {}

  get count(): number {
    return this.open.size;
  }

  serve(res: ServerResponse, req: WatchRequest): void {
    const key = storeKey(req.type);
    const inScope = (e: StoreEvent) => e.key === key && (!req.namespace || !req.type.namespaced || e.object.metadata.namespace === req.namespace);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    if (req.silent) {
      res.flushHeaders();
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      return;
    }
    const render = req.render ?? ((o: KubeObject) => o);
    const write = (type: string, object: unknown) => res.write(JSON.stringify({ type, object }) + '\n');
    const send = (type: string, object: KubeObject) => write(type, render(object));
    const rv = req.resourceVersion;
    let lastRv = Number(this.store.resourceVersion());
    if (!rv || rv === '0') {
      for (const obj of this.store.list(req.type, req.namespace)) if (req.matches(obj)) send('ADDED', obj);
    } else {
      const replay = req.expired ? undefined : this.store.eventsSince(Number(rv));
      if (!replay) {
        write('ERROR', errors.gone(`too old resource version: ${rv} (${this.store.oldestWatchable()})`).body);
        res.end();
        return;
      }
      for (const e of replay) if (inScope(e) && req.matches(e.object)) send(e.type, e.object);
    }
    this.open.add(res);
    const unsubscribe = this.store.subscribe((e) => {
      lastRv = e.rv;
      if (!inScope(e) || !req.matches(e.object)) return;
      if (req.lagMs === undefined) send(e.type, e.object);
      else setTimeout(() => !res.writableEnded && send(e.type, e.object), req.lagMs);
    });
    const bookmark = req.bookmarks
      ? setInterval(() => write('BOOKMARK', { kind: req.type.kind, apiVersion: apiVersionOf(req.type), metadata: { resourceVersion: String(lastRv) } }), this.bookmarkEveryMs)
      : undefined;
    const finish = () => {
      clearTimeout(timeout);
      if (drop) clearTimeout(drop);
      if (bookmark) clearInterval(bookmark);
      unsubscribe();
      this.open.delete(res);
    };
    const timeout = setTimeout(() => {
      finish();
      res.end();
    }, req.timeoutSeconds * 1000);
    const drop =
      req.dropAfterMs !== undefined
        ? setTimeout(() => {
            finish();
            res.socket?.destroy();
          }, req.dropAfterMs)
        : undefined;
    res.on('close', finish);
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
