/**
 * One API collection (a kind in a namespace, narrowed by selectors) kept current by the API's own
 * watch, over a transport (kubectl or in-process: transport.ts). The first watch asks for the
 * current objects (no resourceVersion: "the most recent state", sent as ADDED events); a watch
 * that ends, drops or stalls resumes from the last resourceVersion seen (bookmarks included); an
 * ERROR 410 ("too old resource version") relists and watches from the list's version.
 */
import type { Clock, Logger } from '@eks-kit/core';
import type { LiveObject } from '../verify/live.js';
import { WATCH_SECONDS, WatchFailed, type WatchTransport } from './transport.js';

export interface CollectionSpec {
  /** The kind listed: list items carry no kind of their own. */
  kind: string;
  namespace: string;
  /** `/api/v1/namespaces/shop/pods` */
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Nice to have (Nodes): refused by RBAC, the watch stops instead of retrying, and says so once. */
  optional?: boolean;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: LiveObject & { metadata: LiveObject['metadata'] & { resourceVersion?: string }; code?: number; reason?: string; message?: string };
}

const MAX_BACKOFF_MS = 4_000;

export function collectionKey(spec: CollectionSpec): string {
  return `${spec.path}?l=${spec.labelSelector ?? ''}&f=${spec.fieldSelector ?? ''}`;
}

export class CollectionWatch {
  readonly objects = new Map<string, LiveObject>();
  /** Requests this collection made: watches and relists. */
  requests = 0;
  /** Set once the first watch has started delivering (or a list answered). */
  synced = false;
  private resourceVersion: string | undefined;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly spec: CollectionSpec,
    private readonly transport: WatchTransport,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onChange: (object?: LiveObject) => void,
  ) {}

  get kind(): string {
    return this.spec.kind;
  }

  get namespace(): string {
    return this.spec.namespace;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private url(watch: boolean): string {
    const q = new URLSearchParams();
    if (this.spec.labelSelector) q.set('labelSelector', this.spec.labelSelector);
    if (this.spec.fieldSelector) q.set('fieldSelector', this.spec.fieldSelector);
    if (watch) {
      q.set('watch', '1');
      q.set('allowWatchBookmarks', 'true');
      q.set('timeoutSeconds', String(WATCH_SECONDS));
      if (this.resourceVersion) q.set('resourceVersion', this.resourceVersion);
    }
    return `${this.spec.path}?${q.toString()}`;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let lastWarning = '';
    while (!this.abort.signal.aborted) {
      let gone = false;
      let delivered = false;
      const onLine = (line: string) => {
        let event: WatchEvent;
        try {
          event = JSON.parse(line) as WatchEvent;
        } catch {
          this.logger.warning(`Watch of ${this.spec.path} sent a line that is not JSON; resuming`);
          return;
        }
        delivered = true;
        if (this.apply(event) === 'gone') gone = true;
      };
      try {
        this.requests++;
        const end = await this.transport.watch(this.url(true), onLine, this.abort.signal).catch((error: unknown) => {
          // A watch that delivered and then dropped is routine: resumed at once, without a warning.
          if (error instanceof WatchFailed && delivered) return 'ended' as const;
          throw error;
        });
        if (this.abort.signal.aborted) return;
        if (gone || end === 'expired') await this.relist();
        failures = 0;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        if (!(error instanceof WatchFailed)) throw error;
        failures++;
        const why = error.message.split('\n').find((l) => l.trim()) ?? 'the watch failed';
        if (this.spec.optional && error.forbidden) {
          this.logger.info(`Not allowed to watch ${this.spec.path} (${why}); going on without it`);
          return;
        }
        if (why !== lastWarning) this.logger.warning(`Watching ${this.spec.path} failed, resuming: ${why}`);
        lastWarning = why;
        await this.clock.sleep(Math.min(MAX_BACKOFF_MS, 250 * 2 ** (failures - 1)), this.abort.signal);
      }
    }
  }

  /** Applies one event; says 'gone' when the server no longer has our resourceVersion. */
  private apply(event: WatchEvent): 'gone' | undefined {
    const o = event.object;
    if (event.type === 'ERROR') {
      if (o.code === 410) return 'gone';
      this.logger.warning(`Watch of ${this.spec.path} answered ${o.code ?? '?'} ${o.reason ?? ''}: ${o.message ?? ''}`);
      return undefined;
    }
    this.synced = true;
    if (o.metadata?.resourceVersion) this.resourceVersion = o.metadata.resourceVersion;
    if (event.type === 'BOOKMARK') return undefined;
    if (event.type === 'DELETED') this.objects.delete(o.metadata.name);
    else this.objects.set(o.metadata.name, o);
    this.onChange(o);
    return undefined;
  }

  /** A fresh list replaces what we hold (objects deleted meanwhile vanish), and the next watch starts at its version. */
  private async relist(): Promise<void> {
    this.requests++;
    const body = await this.transport.list(this.url(false), this.abort.signal);
    if (this.abort.signal.aborted) return;
    let parsed: { metadata?: { resourceVersion?: string }; items?: LiveObject[] };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      throw new WatchFailed(`the list of ${this.spec.path} is not JSON`, false);
    }
    this.objects.clear();
    for (const item of parsed.items ?? []) this.objects.set(item.metadata.name, { ...item, kind: this.spec.kind });
    this.resourceVersion = parsed.metadata?.resourceVersion;
    this.synced = true;
    this.onChange();
  }
}
