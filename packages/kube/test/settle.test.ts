import { describe, expect, it } from '@jest/globals';
import { MemoryLogger } from '@eks-kit/core';
import { settle } from '../src/verify/settle.js';
import type { TargetResult } from '../src/verify/verifier.js';
import { FakeClock, FakeKubectl, list, pod } from './fakes.js';

const ready = (restartCount = 0, extra: Record<string, unknown> = {}) => pod('web-a', { restartCount, state: { running: {} }, ...extra }, { ready: true });
const rolledOut = (): TargetResult => ({ target: { kind: 'Deployment', name: 'web', namespace: 'shop' }, state: 'succeeded', message: 'rolled out', durationMs: 1, pods: [ready()] });

describe('settle window', () => {
  it('fails a rollout whose new pod restarts inside the window, saying which container exited how', async () => {
    const clock = new FakeClock();
    const kubectl = new FakeKubectl((_, call) => (call < 3 ? list(ready()) : list(ready(1, { lastState: { terminated: { exitCode: 1, reason: 'Error' } } }))));
    const [result] = await settle([rolledOut()], { kubectl, clock, logger: new MemoryLogger(), windowMs: 10_000, pollMs: 1_000 });
    expect(result).toMatchObject({ state: 'failed', message: 'rolled out, then failed within the 10s settle window: pod web-a restarted (container "web" exited 1, Error) 2s after the rollout completed' });
  });

  it('passes pods that hold for the whole window, and reads nothing when the window is 0', async () => {
    const clock = new FakeClock();
    const kubectl = new FakeKubectl(() => list(ready()));
    const [held] = await settle([rolledOut()], { kubectl, clock, logger: new MemoryLogger(), windowMs: 5_000, pollMs: 1_000 });
    expect(held?.state).toBe('succeeded');
    expect(clock.t).toBe(5_000);
    const none = new FakeKubectl(() => list(ready()));
    await settle([rolledOut()], { kubectl: none, clock, logger: new MemoryLogger(), windowMs: 0, pollMs: 1_000 });
    expect(none.calls).toEqual([]);
  });
});
