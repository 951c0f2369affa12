import { describe, expect, it } from '@jest/globals';
import { systemClock } from '../src/clock.js';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('systemClock.sleep', () => {
  it('waits the time given', async () => {
    const start = Date.now();
    await systemClock.sleep(30);
    expect(Date.now() - start).toBeGreaterThanOrEqual(25);
  });

  it('ends early when its signal aborts, and leaves no timer behind to hold the process open', async () => {
    const before = timers();
    const early = new AbortController();
    const start = Date.now();
    const sleeping = systemClock.sleep(60_000, early.signal);
    expect(timers()).toBe(before + 1);
    early.abort();
    await sleeping;
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(timers()).toBe(before);
    // Already aborted: no wait at all.
    await systemClock.sleep(60_000, early.signal);
    expect(timers()).toBe(before);
  });
});
