import { describe, expect, it } from '@jest/globals';
import { measurePrecision } from './precision/precision.js';

describe('precision on the labelled corpus (findings at warning and above)', () => {
  const report = measurePrecision();

  it('has a label for every finding, and every label still matches a finding', () => {
    expect(report.files).toBeGreaterThanOrEqual(10);
    expect(report.unlabelled).toEqual([]);
    expect(report.stale).toEqual([]);
  });

  it('reaches 95% precision for every rule that fires', () => {
    expect(report.rules.length).toBeGreaterThan(10);
    const below = report.rules.filter((r) => r.precision < 0.95).map((r) => `${r.code}: ${r.truePositives}/${r.truePositives + r.falsePositives}`);
    expect(below).toEqual([]);
  });
});
