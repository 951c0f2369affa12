import { describe, expect, it } from '@jest/globals';
import { editDistance } from '../src/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('PAHT', 'PATH')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('with a limit, gives the distance under it and the limit otherwise', () => {
    // Strings over a few letters (and one outside ASCII), so that near and far pairs both come up.
    const letters = ['a', 'b', 'c', 'A', '1', '_', 'é'];
    let state = 7;
    const random = (n: number): number => {
      // xorshift32: the same cases on every run.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const word = (): string => Array.from({ length: random(7) }, () => letters[random(letters.length)]).join('');
    for (let i = 0; i < 3000; i++) {
      const a = word();
      const b = word();
      const limit = 1 + random(4);
      expect([a, b, limit, editDistance(a, b, limit)]).toEqual([a, b, limit, Math.min(editDistance(a, b), limit)]);
    }
  });
});
