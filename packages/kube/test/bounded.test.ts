import { describe, expect, it } from '@jest/globals';
import { bounded, OutOfTime } from '../src/bounded.js';
import { FakeClock, ok } from './fakes.js';

describe('bounded kubectl', () => {
  it('gives every call a request timeout and a process timeout within what is left, and refuses calls after the deadline', async () => {
    const clock = new FakeClock();
    const seen: { args: readonly string[]; timeoutMs?: number }[] = [];
    const inner = {
      run: async (args: readonly string[], options: { timeoutMs?: number } = {}) => {
        seen.push({ args, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
        return ok('{"items":[]}');
      },
      getJson: async () => {
        throw new Error('the bound reads through run');
      },
    };
    const kubectl = bounded(inner, clock, 'the deploy', 60_000);
    await kubectl.getJson(['pods', '-n', 'shop']);
    expect(seen[0]).toEqual({ args: ['get', 'pods', '-n', 'shop', '-o', 'json', '--request-timeout=20s'], timeoutMs: 60_000 });
    clock.t = 55_500;
    await kubectl.run(['apply', '-f', '-']);
    expect(seen[1]).toEqual({ args: ['apply', '-f', '-', '--request-timeout=5s'], timeoutMs: 4_500 });
    clock.t = 60_000;
    await expect(kubectl.run(['get', 'pods'])).rejects.toThrow(OutOfTime);
    await expect(kubectl.run(['get', 'pods'])).rejects.toThrow('the deploy ran out of its 60 s');
    expect(seen).toHaveLength(2);
  });
});
