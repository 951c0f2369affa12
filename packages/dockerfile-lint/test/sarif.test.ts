import { describe, expect, it } from '@jest/globals';
import { sarifErrors } from '../../../test/harness/sarif-schema.js';
import { formatSarif } from '../src/formatters/sarif.js';
import { lintText } from '../src/linter.js';
import { allRules } from '../src/rules/index.js';
import type { Finding } from '../src/types.js';

interface SarifLog {
  runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } }; results: { ruleId: string; partialFingerprints: Record<string, string> }[] }[];
}

const OPTIONS = { rules: allRules, version: '1.2.3', helpBaseUri: 'https://github.com/org/eks-kit/blob/v1/docs/rules/' };

// Fires security rules (DL3002, DL3004, DL3064, DL3066, EK1012), repeated identical lines, and rules whose messages name other lines.
const INSECURE = [
  'FROM ubuntu',
  'ARG GITHUB_TOKEN',
  'ENV API_PASSWORD=hunter2',
  'RUN sudo apt-get update',
  'RUN sudo apt-get update',
  'COPY . .',
  'RUN apt-get install -y curl',
  'USER root',
  'CMD ["bash"]',
];

function sarifOf(findings: readonly Finding[]): SarifLog {
  return JSON.parse(formatSarif(findings, OPTIONS)) as SarifLog;
}

function fingerprints(log: SarifLog): string[] {
  return log.runs[0]!.results.map((r) => r.partialFingerprints['eksKitFinding/v2']!);
}

describe('SARIF output', () => {
  it('is valid against the SARIF 2.1.0 schema when every rule fires', () => {
    const findings: Finding[] = allRules.map((rule, i) => ({
      code: rule.code,
      severity: rule.severity,
      message: rule.title,
      file: 'services/api/Dockerfile',
      range: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 10 },
      category: rule.category,
      fingerprint: `f${i}:0`,
    }));
    const log = sarifOf(findings);
    expect(sarifErrors(log)).toEqual([]);
    for (const rule of log.runs[0]!.tool.driver.rules) expect(new Set(rule.properties.tags).size).toBe(rule.properties.tags.length);
  });

  it('is valid for a real lint that fires security rules, with one fingerprint per finding', () => {
    const findings = lintText('Dockerfile', INSECURE.join('\n') + '\n');
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ['DL3002', 'DL3004', 'DL3006']) expect(codes).toContain(code);
    const log = sarifOf(findings);
    expect(sarifErrors(log)).toEqual([]);
    const prints = fingerprints(log);
    expect(prints).toHaveLength(findings.length);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('keeps each fingerprint when lines are added above the findings', () => {
    const before = lintText('Dockerfile', INSECURE.join('\n') + '\n');
    const shifted = lintText('Dockerfile', ['# syntax=docker/dockerfile:1', '', '# the API image', ...INSECURE].join('\n') + '\n');
    const byPrint = (list: Finding[]) => new Map(list.map((f) => [f.fingerprint, f.code]));
    expect(byPrint(shifted)).toEqual(byPrint(before));
    expect(shifted[0]!.range.startLine).toBeGreaterThan(before[0]!.range.startLine);
  });

  it('gives different files and different lines different fingerprints', () => {
    const a = lintText('a/Dockerfile', 'FROM ubuntu\n');
    const b = lintText('b/Dockerfile', 'FROM ubuntu\n');
    const c = lintText('a/Dockerfile', 'FROM debian\n');
    expect(a[0]!.fingerprint).not.toBe(b[0]!.fingerprint);
    expect(a[0]!.fingerprint).not.toBe(c[0]!.fingerprint);
  });
});

describe('SARIF for BuildKit checks', () => {
  const findings = lintText('Dockerfile', '# check=error=true\nFROM ubuntu:24.04 AS Build\nMAINTAINER ops@example.org\nENV MODE prod\n');
  const log = JSON.parse(formatSarif(findings, OPTIONS)) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
  const rules = log.runs[0]!.tool.driver.rules;
  it('links a check reported under its own name to Docker, and a DL rule that carries one to its own page', () => {
    expect(rules.find((r) => r.id === 'StageNameCasing')?.helpUri).toBe('https://docs.docker.com/reference/build-checks/stage-name-casing/');
    expect(rules.find((r) => r.id === 'DL4000')?.helpUri).toBe('https://github.com/org/eks-kit/blob/v1/docs/rules/hadolint.md#dl4000');
  });
  it('is still valid SARIF 2.1.0', () => {
    expect(sarifErrors(JSON.parse(formatSarif(findings, OPTIONS)))).toEqual([]);
  });
});

describe('SARIF output with ShellCheck findings', () => {
  it('gives each SC code one rule entry, linked to the ShellCheck wiki, and stays schema-valid', () => {
    const at = (line: number) => ({ startLine: line, startColumn: 10, endLine: line, endColumn: 16 });
    const findings: Finding[] = [
      { code: 'SC2086', severity: 'info', message: 'Double quote to prevent globbing and word splitting.', file: 'Dockerfile', range: at(2), category: 'correctness', fingerprint: 'a' },
      { code: 'SC2086', severity: 'info', message: 'Double quote to prevent globbing and word splitting.', file: 'Dockerfile', range: at(3), category: 'correctness', fingerprint: 'b' },
      { code: 'SC2154', severity: 'warning', message: 'x is referenced but not assigned.', file: 'Dockerfile', range: at(3), category: 'correctness', fingerprint: 'c' },
    ];
    const log = JSON.parse(formatSarif(findings, OPTIONS)) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; ruleIndex?: number }[] }[] };
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => [r.id, r.helpUri])).toEqual([
      ['SC2086', 'https://www.shellcheck.net/wiki/SC2086'],
      ['SC2154', 'https://www.shellcheck.net/wiki/SC2154'],
    ]);
    expect(run.results.map((r) => run.tool.driver.rules[r.ruleIndex!]?.id)).toEqual(['SC2086', 'SC2086', 'SC2154']);
  });
});
