import { describe, expect, it } from '@jest/globals';
import { defaultConfig, helpUriOf, type Finding, type LintRunResult } from '@eks-kit/dockerfile-lint';
import { renderSummary } from '../src/summary.js';

const BASE = 'https://github.com/acme/eks-kit/blob/v2.1.0/docs/rules/';

function finding(code: string, line: number, severity: Finding['severity'] = 'warning'): Finding {
  return { code, severity, message: `${code} message`, file: 'Dockerfile', range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 }, category: 'correctness' };
}

function result(findings: Finding[], shellcheck: LintRunResult['shellcheck'] = { ran: true, version: '0.9.0' }): LintRunResult {
  return { files: ['Dockerfile'], findings, config: defaultConfig(), threshold: 'info', failed: findings.length > 0, shellcheck };
}

const links = { fileUrl: () => undefined, ruleUrl: (code: string) => helpUriOf(code, BASE) };

describe('lint job summary', () => {
  it('links hadolint codes to the catalogue, eks-kit codes to their page and SC codes to the ShellCheck wiki', () => {
    const text = renderSummary(result([finding('DL3006', 1), finding('EK1001', 2), finding('SC2086', 3, 'info')]), 3, links);
    expect(text).toContain(`[DL3006](${BASE}hadolint.md#dl3006)`);
    expect(text).toContain(`[EK1001](${BASE}EK1001.md)`);
    expect(text).toContain('[SC2086](https://www.shellcheck.net/wiki/SC2086)');
  });

  it('closes with one sentence when not everything is shown, and none when everything is', () => {
    const many = Array.from({ length: 120 }, (_, i) => finding('DL3059', i + 1));
    const closing = renderSummary(result(many), 10, links).trimEnd().split('\n').pop();
    expect(closing).toBe('The table shows 100 of 120 findings and 10 are annotated in the diff; the step log lists every finding.');
    const few = renderSummary(result([finding('DL3006', 1), finding('DL3059', 2)]), 1, links).trimEnd().split('\n').pop();
    expect(few).toBe('The table shows all 2 findings and 1 is annotated in the diff; the step log lists every finding.');
    const all = renderSummary(result([finding('DL3006', 1)]), 1, links);
    expect(all).not.toContain('step log');
  });

  it('says once that ShellCheck was not found, and nothing when it ran', () => {
    const missing = renderSummary(result([], { ran: false, reason: 'not-found' }), 0, links);
    expect(missing.match(/ShellCheck is not on PATH/g)).toHaveLength(1);
    expect(renderSummary(result([]), 0, links)).not.toContain('ShellCheck');
  });
});
