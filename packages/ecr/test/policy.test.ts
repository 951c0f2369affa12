import { describe, expect, it } from '@jest/globals';
import { InputError } from '@eks-kit/core';
import { judgeFindings, limits, parseThresholds, type Finding, type Policy } from '../src/index.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

function policy(overrides: Partial<Policy> = {}): Policy {
  return { thresholds: {}, failOn: 'HIGH', fixableOnly: false, allowlist: [], acceptStatuses: [], ...overrides };
}

function finding(id: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  return { id, severity, packageName: 'pkg', packageVersion: '1', fixAvailable: 'unknown', ...extra };
}

describe('parseThresholds', () => {
  it('reads "critical: 0, high: 5" with commas, newlines, = and any case', () => {
    expect(parseThresholds('critical: 0, high: 5')).toEqual({ CRITICAL: 0, HIGH: 5 });
    expect(parseThresholds('CRITICAL=0\nmedium : 20\n# comment\n')).toEqual({ CRITICAL: 0, MEDIUM: 20 });
    expect(parseThresholds('info: 3, untriaged: 1')).toEqual({ INFORMATIONAL: 3, UNDEFINED: 1 });
  });

  it.each([
    ['critical 0', /"critical 0" is not "<severity>: <count>"/],
    ['severe: 1', /"severe" is not a severity/],
    ['high: five', /"five" for high is not a whole number/],
    ['high: -1', /"-1" for high is not a whole number/],
    ['high: 1, HIGH: 2', /HIGH is given twice/],
  ])('refuses %j', (text, message) => {
    expect(() => parseThresholds(text)).toThrow(InputError);
    expect(() => parseThresholds(text)).toThrow(message);
  });
});

describe('limits', () => {
  it('turns fail-on into a limit of 0 at and above it, and lets thresholds win', () => {
    const l = limits({ failOn: 'HIGH', thresholds: { HIGH: 5, LOW: 10 } });
    expect(l).toMatchObject({ CRITICAL: 0, HIGH: 5, MEDIUM: Infinity, LOW: 10 });
    expect(limits({ failOn: 'none', thresholds: {} }).CRITICAL).toBe(Infinity);
  });
});

describe('judgeFindings', () => {
  it('fails on a severity over its limit and names the breach', () => {
    const findings = [finding('CVE-1', 'HIGH'), finding('CVE-2', 'HIGH'), finding('CVE-3', 'MEDIUM')];
    const verdict = judgeFindings(findings, policy({ thresholds: { HIGH: 1 } }), NOW);
    expect(verdict.pass).toBe(false);
    expect(verdict.breaches).toEqual([{ severity: 'HIGH', count: 2, limit: 1 }]);
    expect(verdict.counts).toMatchObject({ HIGH: 2, MEDIUM: 1 });
  });

  it('passes at the limit', () => {
    expect(judgeFindings([finding('CVE-1', 'HIGH')], policy({ thresholds: { HIGH: 1 } }), NOW).pass).toBe(true);
  });

  it('lets a live allowlist entry hide a finding, and an expired one not', () => {
    const live = { id: 'cve-1', reason: 'not reachable', expires: '2026-06-01', source: 'a.yaml:1' };
    const expired = { id: 'CVE-2', reason: 'was fine', expires: '2026-05-31', source: 'a.yaml:4' };
    const verdict = judgeFindings([finding('CVE-1', 'CRITICAL'), finding('CVE-2', 'CRITICAL')], policy({ allowlist: [live, expired] }), NOW);
    expect(verdict.ignored).toEqual([expect.objectContaining({ reason: 'allowlisted', entry: live })]);
    expect(verdict.counted.map((f) => f.id)).toEqual(['CVE-2']);
    expect(verdict.expiredMatches).toEqual([expired]);
    expect(verdict.pass).toBe(false);
  });

  it('narrows an allowlist entry to its package', () => {
    const entry = { id: 'CVE-1', reason: 'r', expires: '2027-01-01', package: 'zlib', source: 'a.yaml:1' };
    const verdict = judgeFindings([finding('CVE-1', 'HIGH', { packageName: 'openssl' })], policy({ allowlist: [entry] }), NOW);
    expect(verdict.counted).toHaveLength(1);
  });

  it('ignores findings below the minimum CVSS but counts unscored ones', () => {
    const verdict = judgeFindings(
      [finding('CVE-1', 'HIGH', { cvss: 6.9 }), finding('CVE-2', 'HIGH', { cvss: 7 }), finding('CVE-3', 'HIGH')],
      policy({ minCvss: 7 }),
      NOW,
    );
    expect(verdict.counted.map((f) => f.id)).toEqual(['CVE-2', 'CVE-3']);
    expect(verdict.ignored).toEqual([expect.objectContaining({ reason: 'below-min-cvss' })]);
  });

  it('in fixable-only mode ignores findings without a fix, and counts unknown ones (fail closed)', () => {
    const verdict = judgeFindings(
      [finding('CVE-1', 'CRITICAL', { fixAvailable: 'no' }), finding('CVE-2', 'CRITICAL', { fixAvailable: 'yes' }), finding('CVE-3', 'CRITICAL', { fixAvailable: 'partial' }), finding('CVE-4', 'CRITICAL')],
      policy({ fixableOnly: true }),
      NOW,
    );
    expect(verdict.counted.map((f) => f.id)).toEqual(['CVE-2', 'CVE-3', 'CVE-4']);
  });

  it('with fail-on none and no thresholds never fails on findings', () => {
    expect(judgeFindings([finding('CVE-1', 'CRITICAL')], policy({ failOn: 'none' }), NOW).pass).toBe(true);
  });
});
