import { describe, expect, it } from '@jest/globals';
import { suggestName } from '../src/rules/buildkit/variables.js';
import { lint } from './helpers.js';

describe('suggestName (UndefinedVar and UndefinedArgInFrom: "did you mean")', () => {
  it('suggests the nearest name under three edits', () => {
    expect(suggestName('PAHT', ['HOME', 'PATH'])).toBe('PATH');
    expect(suggestName('VERSOIN', ['VERSION', 'VERSIONS'])).toBe('VERSION');
    expect(suggestName('NODE_VER', ['NODE_VERSION', 'NODE_VERS'])).toBe('NODE_VERS');
    expect(suggestName('abc', ['abxyz', 'abcd', 'xbc'])).toBe('abcd');
  });

  it('suggests nothing at three edits or more, or when the name is among the options', () => {
    expect(suggestName('ABC', ['XYZ'])).toBeUndefined();
    expect(suggestName('A', ['ABCD'])).toBeUndefined();
    expect(suggestName('LONG_NAME_ONE', ['LONG_NAME_TWO'])).toBeUndefined();
    expect(suggestName('PATH', ['PAT', 'PATH'])).toBeUndefined();
  });

  it('gives the same answer after a long name has been compared (rows are reused)', () => {
    expect(suggestName('X', ['Y'.repeat(200)])).toBeUndefined();
    expect(suggestName('A'.repeat(100) + 'B', ['A'.repeat(100) + 'C', 'A'.repeat(99)])).toBe('A'.repeat(100) + 'C');
    expect(suggestName('PAHT', ['PATH'])).toBe('PATH');
  });

  it('shows in the UndefinedVar message', () => {
    const messages = lint(['FROM alpine:3.20', 'ARG app_home=/srv', 'WORKDIR $app_hom/data']).filter((f) => f.code === 'UndefinedVar').map((f) => f.message);
    expect(messages).toEqual(['Usage of undefined variable `$app_hom` (did you mean $app_home?)']);
  });
});
