import { describe, expect, it } from '@jest/globals';
import { lineSplitter } from '../src/line-splitter.js';

describe('lineSplitter', () => {
  it('hands out whole, trimmed, non-blank lines; a line cut between chunks comes with the second', () => {
    const lines = lineSplitter();
    expect(lines.push('{"a":1}\n\n  {"b"')).toEqual(['{"a":1}']);
    expect(lines.push(':2}  \r\n{"c"')).toEqual(['{"b":2}']);
    expect(lines.rest()).toBe('{"c"');
    expect(lines.push(':3}\n')).toEqual(['{"c":3}']);
    expect(lines.rest()).toBeUndefined();
  });
});
