import type { RunOptions, RunResult } from '@eks-kit/core';
import { CommandError, type Clock } from '@eks-kit/core';
import type { LiveObject } from '../src/verify/live.js';

/** A kubectl stand-in: answers `get` from a scripted sequence of snapshots, records every call. */
export class FakeKubectl {
  readonly calls: string[][] = [];
  /** What each call got on stdin, by call index. */
  readonly inputs: (string | undefined)[] = [];
  constructor(private readonly answer: (args: readonly string[], call: number) => RunResult | Error) {}
  async run(args: readonly string[], options: { input?: string; allowFailure?: boolean } = {}): Promise<RunResult> {
    this.calls.push([...args]);
    this.inputs.push(options.input);
    const result = this.answer(args, this.calls.length);
    if (result instanceof Error) throw result;
    if (result.exitCode !== 0 && !options.allowFailure) throw new CommandError('kubectl', result.exitCode, result.stderr);
    return result;
  }
  async getJson<T>(args: readonly string[]): Promise<T> {
    const result = await this.run(['get', ...args, '-o', 'json']);
    return JSON.parse(result.stdout) as T;
  }
}

export type { RunOptions };

export function ok(stdout: unknown): RunResult {
  return { exitCode: 0, stdout: typeof stdout === 'string' ? stdout : JSON.stringify(stdout), stderr: '' };
}

export function list(...items: LiveObject[]): RunResult {
  return ok({ kind: 'List', items });
}

/** Time that moves only when slept. */
export class FakeClock implements Clock {
  t = 0;
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

export function deployment(o: { generation?: number; observed?: number; revision?: string; replicas?: number; updated?: number; available?: number; total?: number; deadline?: boolean }): LiveObject {
  return {
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: 'd-1', generation: o.generation ?? 2, annotations: { 'deployment.kubernetes.io/revision': o.revision ?? '2' } },
    spec: { replicas: o.replicas ?? 2, selector: { matchLabels: { app: 'web' } } },
    status: {
      observedGeneration: o.observed ?? o.generation ?? 2,
      replicas: o.total ?? o.updated ?? 0,
      updatedReplicas: o.updated ?? 0,
      availableReplicas: o.available ?? 0,
      conditions: o.deadline ? [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] : [],
    },
  };
}

export function replicaSet(revision = '2', uid = 'rs-2'): LiveObject {
  return {
    kind: 'ReplicaSet',
    metadata: { name: `web-${revision}`, namespace: 'shop', uid, labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: [{ uid: 'd-1', kind: 'Deployment', name: 'web', controller: true }] },
  };
}

export function pod(name: string, container: Record<string, unknown>, o: { owner?: string; ready?: boolean; phase?: string; conditions?: unknown[] } = {}): LiveObject {
  return {
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `p-${name}`, ownerReferences: [{ uid: o.owner ?? 'rs-2', kind: 'ReplicaSet', name: 'web-2', controller: true }], labels: { app: 'web' } },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.conditions ?? [{ type: 'Ready', status: o.ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'web', image: 'repo/web@sha256:1', ready: o.ready ?? false, restartCount: 0, ...container }],
    },
  };
}

const PLURAL_KINDS: Record<string, string> = { pods: 'Pod', services: 'Service', deployments: 'Deployment', replicasets: 'ReplicaSet', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', controllerrevisions: 'ControllerRevision', jobs: 'Job', events: 'Event', persistentvolumeclaims: 'PersistentVolumeClaim', storageclasses: 'StorageClass' };

/** Time that moves only when slept, telling listeners each time it moves. */
export class TickingClock extends FakeClock {
  private readonly listeners: (() => void)[] = [];
  onTick(listener: () => void): void {
    this.listeners.push(listener);
  }
  override async sleep(ms: number): Promise<void> {
    this.t += ms;
    for (const l of this.listeners) l();
  }
}

interface OpenWatch {
  url: URL;
  onStdout: (chunk: string) => void;
  sent: Map<string, string>;
  /** Ends the watch as kubectl does when its connection drops. */
  drop: (stderr: string) => void;
}

/**
 * An API server stand-in for watches: the cluster at each moment is `state(t)`; open watches get
 * ADDED/MODIFIED/DELETED for what changed whenever the clock moves. A state that is an Error makes
 * new watches fail as kubectl does when it cannot connect. `kubectl get events` answers `events()`.
 */
export class FakeWatchApi {
  readonly urls: string[] = [];
  private readonly open = new Set<OpenWatch>();
  constructor(private readonly clock: TickingClock, private readonly state: (t: number) => LiveObject[] | Error, private readonly events: () => unknown[] = () => []) {
    clock.onTick(() => {
      for (const w of this.open) this.push(w);
    });
  }

  readonly kubectl = {
    run: (args: readonly string[], options: { onStdout?: (chunk: string) => void; signal?: AbortSignal } = {}): Promise<RunResult> => {
      if (args[1] !== '--raw') return Promise.resolve(ok({ items: args.includes('events') ? this.events() : [] }));
      this.urls.push(args[2] ?? '');
      const url = new URL(args[2] ?? '', 'https://api.invalid');
      const now = this.state(this.clock.t);
      if (now instanceof Error) return Promise.resolve({ exitCode: 1, stdout: '', stderr: now.message });
      if (url.searchParams.get('watch') !== '1') return Promise.resolve(ok({ metadata: { resourceVersion: '1' }, items: now.filter((o) => this.matches(url, o)) }));
      return new Promise((resolve) => {
        const w: OpenWatch = { url, onStdout: options.onStdout ?? (() => undefined), sent: new Map(), drop: (stderr) => {
          this.open.delete(w);
          resolve({ exitCode: 1, stdout: '', stderr });
        } };
        const end = () => {
          this.open.delete(w);
          resolve({ exitCode: 0, stdout: '', stderr: '' });
        };
        if (options.signal?.aborted) return end();
        options.signal?.addEventListener('abort', end, { once: true });
        this.open.add(w);
        this.push(w);
      });
    },
    getJson: async <T>(args: readonly string[]): Promise<T> => JSON.parse((await this.kubectl.run(['get', ...args, '-o', 'json'])).stdout) as T,
  };

  openWatches(): number {
    return this.open.size;
  }

  private matches(url: URL, o: LiveObject): boolean {
    if (PLURAL_KINDS[url.pathname.split('/').pop() ?? ''] !== o.kind) return false;
    const field = url.searchParams.get('fieldSelector');
    const involved = (o as { involvedObject?: { kind?: string } }).involvedObject?.kind;
    if (field && field !== `metadata.name=${o.metadata.name}` && field !== `involvedObject.kind=${involved ?? ''}`) return false;
    const labels = url.searchParams.get('labelSelector');
    return !labels || labels.split(',').every((kv) => {
      const [k, v] = kv.split('=');
      return o.metadata.labels?.[k ?? ''] === v;
    });
  }

  private push(w: OpenWatch): void {
    const now = this.state(this.clock.t);
    if (now instanceof Error) return w.drop(now.message);
    const seen = new Set<string>();
    for (const o of now.filter((x) => this.matches(w.url, x))) {
      seen.add(o.metadata.name);
      const text = JSON.stringify(o);
      if (w.sent.get(o.metadata.name) === text) continue;
      w.onStdout(JSON.stringify({ type: w.sent.has(o.metadata.name) ? 'MODIFIED' : 'ADDED', object: o }) + '\n');
      w.sent.set(o.metadata.name, text);
    }
    for (const [name, text] of [...w.sent]) {
      if (seen.has(name)) continue;
      w.sent.delete(name);
      w.onStdout(JSON.stringify({ type: 'DELETED', object: JSON.parse(text) as unknown }) + '\n');
    }
  }
}
