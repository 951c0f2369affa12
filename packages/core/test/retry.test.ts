import { describe, expect, it } from '@jest/globals';
import { backoffDelay, retry } from '../src/retry.js';
import type { Clock } from '../src/clock.js';

function fakeClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  let now = 0;
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('backoffDelay', () => {
  it('grows exponentially and stops at the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, { initialMs: 100, maxMs: 1000 }));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('keeps jittered delays within the jitter band', () => {
    expect(backoffDelay(2, { initialMs: 100, maxMs: 1000, jitter: 0.5, random: () => 0 })).toBe(200);
    expect(backoffDelay(2, { initialMs: 100, maxMs: 1000, jitter: 0.5, random: () => 1 })).toBe(400);
  });
});

describe('retry', () => {
  it('retries until success and sleeps between attempts', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new Error('busy');
        return 'ok';
      },
      { attempts: 5, initialMs: 10, maxMs: 100, clock },
    );
    expect(result).toBe('ok');
    expect(clock.slept).toEqual([10, 20]);
  });
  it('gives up at once on an error that is not retryable', async () => {
    const clock = fakeClock();
    await expect(
      retry(
        async () => {
          throw new Error('fatal');
        },
        { attempts: 5, initialMs: 10, maxMs: 100, clock, retryable: () => false },
      ),
    ).rejects.toThrow('fatal');
    expect(clock.slept).toEqual([]);
  });
  it('throws the last error when attempts run out', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error(`attempt ${calls}`);
        },
        { attempts: 3, initialMs: 1, maxMs: 1, clock },
      ),
    ).rejects.toThrow('attempt 3');
  });
});
