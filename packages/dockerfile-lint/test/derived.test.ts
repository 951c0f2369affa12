import { describe, expect, it } from '@jest/globals';
import { derived, derivedSlot } from '../src/model/derived.js';

describe('derived', () => {
  it('computes once per owner and keeps the value out of sight', () => {
    const key = derivedSlot();
    const other = derivedSlot();
    const owner = { n: 2 };
    let calls = 0;
    const square = (o: { n: number }): number => {
      calls++;
      return o.n * o.n;
    };
    expect(derived(owner, key, square)).toBe(4);
    owner.n = 3;
    expect(derived(owner, key, square)).toBe(4);
    expect(calls).toBe(1);
    expect(derived({ n: 3 }, key, square)).toBe(9);
    expect(derived(owner, other, (o) => o.n + 1)).toBe(4);
    expect(derived(owner, key, square)).toBe(4);
    expect(Object.keys(owner)).toEqual(['n']);
    expect(JSON.stringify(owner)).toBe('{"n":3}');
  });
});
