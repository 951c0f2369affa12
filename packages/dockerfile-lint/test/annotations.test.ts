import { describe, expect, it } from '@jest/globals';
import { pickAnnotations } from '../src/formatters/annotations.js';
import { ruleDocsBase } from '../src/rule-links.js';
import type { Finding } from '../src/types.js';

function finding(code: string, file: string, line: number, severity: Finding['severity'] = 'warning'): Finding {
  return { code, severity, message: code, file, range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 }, category: 'layers' };
}

describe('which findings become annotations', () => {
  it('spreads the ten slots of a level over rules and files instead of filling them with one rule', () => {
    const findings = [
      ...Array.from({ length: 30 }, (_, i) => finding('DL3059', 'a/Dockerfile', i + 1)),
      ...Array.from({ length: 5 }, (_, i) => finding('DL3059', 'b/Dockerfile', i + 1)),
      finding('DL3006', 'b/Dockerfile', 1),
      finding('EK1001', 'c/Dockerfile', 4),
    ];
    const chosen = pickAnnotations(findings, 50);
    expect(chosen).toHaveLength(10);
    expect(new Set(chosen.map((f) => f.code))).toEqual(new Set(['DL3059', 'DL3006', 'EK1001']));
    const dl3059Files = chosen.filter((f) => f.code === 'DL3059').map((f) => f.file);
    expect(dl3059Files.filter((f) => f === 'b/Dockerfile').length).toBeGreaterThanOrEqual(3);
  });

  it('gives each level its own ten, most severe level first, within the overall maximum', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding('EK0005', 'Dockerfile', i + 1, 'error')),
      ...Array.from({ length: 12 }, (_, i) => finding('DL3006', 'Dockerfile', i + 1, 'warning')),
      ...Array.from({ length: 12 }, (_, i) => finding('SC2086', 'Dockerfile', i + 1, 'info')),
      finding('DL3048', 'Dockerfile', 40, 'style'),
    ];
    const levels = pickAnnotations(findings, 50).map((f) => f.severity);
    expect(levels.filter((s) => s === 'error')).toHaveLength(10);
    expect(levels.filter((s) => s === 'warning')).toHaveLength(10);
    // info and style are both notices: one set of ten, both rules present.
    expect(levels.filter((s) => s === 'info' || s === 'style')).toHaveLength(10);
    expect(levels).toContain('style');
    expect(pickAnnotations(findings, 15).map((f) => f.severity)).toEqual([...Array(10).fill('error'), ...Array(5).fill('warning')]);
    expect(pickAnnotations(findings, 0)).toEqual([]);
  });
});

describe('where rule links point', () => {
  it('at the repository and ref the workflow took the action from', () => {
    expect(ruleDocsBase({ GITHUB_ACTION_REPOSITORY: 'acme/eks-kit-fork', GITHUB_ACTION_REF: 'v2.3.1' }, '2.3.1')).toBe('https://github.com/acme/eks-kit-fork/blob/v2.3.1/docs/rules/');
    expect(ruleDocsBase({ GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_ACTION_REPOSITORY: 'a/b', GITHUB_ACTION_REF: 'feature/x' }, '1.0.0')).toBe('https://ghe.example.com/a/b/blob/feature/x/docs/rules/');
  });

  it('at the published repository and major tag when the action was not referenced by repository (local path, CLI)', () => {
    expect(ruleDocsBase({}, '3.4.5')).toBe('https://github.com/org/eks-kit/blob/v3/docs/rules/');
    expect(ruleDocsBase({ GITHUB_ACTION_REF: 'main' }, '1.0.0')).toBe('https://github.com/org/eks-kit/blob/v1/docs/rules/');
  });
});
