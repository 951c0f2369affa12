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
    spec: { replicas: o.replicas ?? 2 },
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
    metadata: { name: `web-${revision}`, namespace: 'shop', uid, annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: [{ uid: 'd-1', kind: 'Deployment', name: 'web', controller: true }] },
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
