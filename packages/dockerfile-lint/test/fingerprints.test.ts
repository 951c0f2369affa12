import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { assignFingerprints } from '../src/fingerprints.js';
import type { Finding } from '../src/types.js';

const finding = (line: number): Finding => ({
  code: 'DL3007',
  severity: 'warning',
  message: 'Using latest is prone to errors',
  file: 'Dockerfile',
  range: { startLine: line, startColumn: 1, endLine: line, endColumn: 12 },
  category: 'correctness',
});

describe('fingerprints, hashed on first read', () => {
  const lines = ['FROM ubuntu', 'FROM ubuntu'];
  const expected = (occurrence: number) =>
    `${createHash('sha256').update('DL3007\u0000Dockerfile\u0000Using latest is prone to errors\u0000FROM ubuntu').digest('hex').slice(0, 32)}:${occurrence}`;

  it('reads as the sha-256 of the rule, file, message and text, told apart by occurrence', () => {
    const findings = [finding(1), finding(2)];
    assignFingerprints(findings, lines);
    expect(findings.map((f) => f.fingerprint)).toEqual([expected(0), expected(1)]);
  });
  it('is an ordinary last property to JSON, spreads and structuredClone', () => {
    const [first] = [finding(1)];
    assignFingerprints([first!], lines);
    expect(Object.keys(first!).at(-1)).toBe('fingerprint');
    expect((JSON.parse(JSON.stringify(first)) as Finding).fingerprint).toBe(expected(0));
    expect({ ...first! }.fingerprint).toBe(expected(0));
    expect(structuredClone(first!).fingerprint).toBe(expected(0));
  });
  it('can be overwritten before and after its first read', () => {
    const [a, b] = [finding(1), finding(1)];
    assignFingerprints([a!], lines);
    assignFingerprints([b!], lines);
    a!.fingerprint = 'mine';
    expect(a!.fingerprint).toBe('mine');
    expect(b!.fingerprint).toBe(expected(0));
    b!.fingerprint = 'mine too';
    expect(b!.fingerprint).toBe('mine too');
  });
});
