import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { lintText } from '../src/linter.js';

describe('fingerprints', () => {
  const text = 'FROM ubuntu:latest\nFROM ubuntu:latest\n';
  const expected = (occurrence: number) =>
    `${createHash('sha256').update('DL3007\u0000Dockerfile\u0000Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag\u0000FROM ubuntu:latest').digest('hex').slice(0, 32)}:${occurrence}`;

  it('are the sha-256 of the rule, file, message and text, told apart by occurrence', () => {
    const latest = lintText('Dockerfile', text).filter((f) => f.code === 'DL3007');
    expect(latest.map((f) => f.fingerprint)).toEqual([expected(0), expected(1)]);
  });
  it('are left out when not asked for, and the findings are otherwise the same', () => {
    const withPrints = lintText('Dockerfile', text);
    const without = lintText('Dockerfile', text, { fingerprints: false });
    expect(without.some((f) => 'fingerprint' in f)).toBe(false);
    expect(without).toEqual(withPrints.map(({ fingerprint: _, ...rest }) => rest));
  });
});
