import { describe, expect, it } from '@jest/globals';
import { diagnose } from '../src/diagnostics.js';
import type { LiveObject } from '../src/verify/live.js';
import { FakeKubectl, list, ok } from './fakes.js';

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } } as LiveObject;

function crashingPod(restartCount: number, waiting: string | undefined): LiveObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop' },
    status: { phase: 'Running', containerStatuses: [{ name: 'web', ready: false, restartCount, state: waiting ? { waiting: { reason: waiting } } : { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }] },
  } as unknown as LiveObject;
}

function kubectl(logs: { previous?: string; current?: string }): FakeKubectl {
  return new FakeKubectl((args) => {
    if (args[0] === 'get') return list();
    const previous = args.includes('--previous');
    const text = previous ? logs.previous : logs.current;
    return text === undefined ? { exitCode: 1, stdout: '', stderr: `previous terminated container "web" in pod "web-1" not found` } : ok(text);
  });
}

describe('diagnose: the log lines of a crashing container', () => {
  it('takes the previous container’s lines when there are some, and asks for nothing more', async () => {
    const fake = kubectl({ previous: 'fatal: DATABASE_URL is not set\n', current: 'starting\n' });
    const diagnosis = await diagnose(fake, deployment, [crashingPod(2, 'CrashLoopBackOff')]);
    expect(diagnosis.pods[0]?.logs).toEqual([{ container: 'web', previous: true, lines: ['fatal: DATABASE_URL is not set'] }]);
    expect(fake.calls.filter((c) => c[0] === 'logs')).toHaveLength(1);
  });

  it('falls back to the current container between the first crash and the first restart, when there is no previous one yet', async () => {
    const fake = kubectl({ current: 'starting\nfatal: DATABASE_URL is not set\n' });
    const diagnosis = await diagnose(fake, deployment, [crashingPod(0, 'CrashLoopBackOff')]);
    expect(diagnosis.pods[0]?.logs).toEqual([{ container: 'web', previous: false, lines: ['starting', 'fatal: DATABASE_URL is not set'] }]);
  });

  it('reports no logs, rather than failing, when neither container has any', async () => {
    const diagnosis = await diagnose(kubectl({}), deployment, [crashingPod(1, undefined)]);
    expect(diagnosis.pods[0]?.logs).toEqual([]);
    expect(diagnosis.pods[0]?.reason).toBeTruthy();
  });
});

describe('diagnose: what it says about events and ready pods', () => {
  it('keeps only the events of this rollout, and calls a Ready pod ready, with its restarts', async () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const since = Date.parse('2026-12-01T10:00:00Z');
    const events = [
      { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-old to 2', involvedObject: { kind: 'Deployment', name: 'web' }, lastTimestamp: at(since - 3_600_000) },
      { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-new to 1', involvedObject: { kind: 'Deployment', name: 'web' }, lastTimestamp: at(since + 2_000) },
    ];
    const fake = new FakeKubectl((args) => (args[0] === 'get' ? list(...(events as unknown as LiveObject[])) : ok('')));
    const readyPod = { ...crashingPod(1, undefined), status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'web', ready: true, restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }] } } as unknown as LiveObject;
    const diagnosis = await diagnose(fake, deployment, [readyPod], { since });
    expect(diagnosis.events).toEqual(['Normal ScalingReplicaSet: Scaled up replica set web-new to 1']);
    expect(diagnosis.pods[0]?.reason).toBe('ready; restarted 1 time (last exit 1, Error)');
  });

  it('shows the events oldest first, events of one second in the order they were written, keeping warnings when it must cut', async () => {
    const second = '2026-12-01T10:00:05Z';
    const event = (reason: string, resourceVersion: string, type = 'Normal', lastTimestamp = second) => ({ type, reason, message: reason.toLowerCase(), involvedObject: { kind: 'Pod', name: 'web-1' }, lastTimestamp, metadata: { resourceVersion } });
    // Listed in name order, as the API lists them, not in the order they happened.
    const events = [
      event('Started', '14'), event('BackOff', '16', 'Warning', '2026-12-01T10:00:09Z'), event('Pulled', '12'), event('Scheduled', '10', 'Normal', '2026-12-01T10:00:04Z'), event('Created', '13'), event('Pulling', '11'),
    ];
    const pod = { ...crashingPod(1, undefined), metadata: { name: 'web-1', namespace: 'shop' } } as unknown as LiveObject;
    const fake = new FakeKubectl((args) => (args[0] === 'get' ? list(...(events as unknown as LiveObject[])) : ok('')));
    const diagnosis = await diagnose(fake, deployment, [pod]);
    expect(diagnosis.pods[0]?.events.map((e) => e.split(':')[0])).toEqual(['Normal Scheduled', 'Normal Pulling', 'Normal Pulled', 'Normal Created', 'Normal Started', 'Warning BackOff']);
  });
});
