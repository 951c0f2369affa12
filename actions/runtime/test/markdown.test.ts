import { describe, expect, it } from '@jest/globals';
import { escapeCell } from '../src/markdown.js';

describe('escapeCell', () => {
  it('keeps a cell one cell and one line', () => {
    expect(escapeCell('a | b\nc')).toBe('a \\| b c');
  });
  it('stops text from opening HTML tags but leaves code spans readable', () => {
    expect(escapeCell('<b>x</b> `apt-get install curl=<version>`')).toBe('&lt;b>x&lt;/b> `apt-get install curl=<version>`');
  });
  it('escapes pipes inside code spans too, which GitHub tables need', () => {
    expect(escapeCell('`a | b`')).toBe('`a \\| b`');
  });
});
