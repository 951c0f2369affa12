import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config-file.js';
import { lintText } from '../src/linter.js';
import { hadolintRules } from '../src/rules/hadolint.js';
import type { ConformanceCase } from './hadolint-conformance/case.js';
import { cases as upTo3015 } from './hadolint-conformance/cases-dl1-dl3015.js';
import { cases as upTo3045 } from './hadolint-conformance/cases-dl3016-dl3045.js';
import { cases as theRest } from './hadolint-conformance/cases-dl3046-dl4006.js';
import { DIFFERENCES } from './hadolint-conformance/differences.js';

/**
 * hadolint's own rule tests are the spec of the DL rules: each case restated with a Dockerfile of
 * our own. A case passes when eks-kit reports the rule exactly where hadolint does. The few
 * deliberate differences are listed (with the reason) in differences.ts and docs/rules/hadolint.md;
 * they must still differ, so the list cannot go stale.
 */
const CASES: ConformanceCase[] = [...upTo3015, ...upTo3045, ...theRest];

function dockerfileOf(lines: string[], onbuild: boolean): string {
  const body = onbuild ? lines.map((line) => line.replace(/^RUN /, 'ONBUILD RUN ')) : lines;
  // hadolint's snippets often have no FROM; a stage around them keeps ours a real Dockerfile.
  const staged = body.some((line) => /^FROM\s/i.test(line)) ? body : ['FROM debian:12', ...body];
  return `${staged.join('\n')}\n`;
}

function reportCount(rule: string, text: string, config: string | undefined): number {
  const options = config === undefined ? {} : { config: parseConfig(config, '.hadolint.yaml') };
  return lintText('Dockerfile', text, options).filter((f) => f.code === rule).length;
}

interface Run {
  id: string;
  /** Whether the rule fires, or how often where the spec counts. */
  expected: boolean | number;
  actual: boolean | number;
}

const runs: Run[] = CASES.flatMap((conformance) =>
  [false, ...(conformance.onbuild ? [true] : [])].map((onbuild) => {
    const count = reportCount(conformance.rule, dockerfileOf(conformance.lines, onbuild), conformance.config);
    return {
      id: `${conformance.rule} ${conformance.spec}${onbuild ? ' (ONBUILD)' : ''}`,
      expected: conformance.count ?? conformance.fires,
      actual: conformance.count === undefined ? count > 0 : count,
    };
  }),
);

describe("hadolint's rule tests, restated", () => {
  it('cover every DL rule eks-kit implements', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(hadolintRules.map((r) => r.code).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('case names are unique, so a difference names one case', () => {
    const ids = runs.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(runs.filter((r) => !DIFFERENCES.has(r.id)).map((r) => [r.id, r] as const))('%s', (_id, run) => {
    expect(run.actual).toBe(run.expected);
  });

  it.each([...DIFFERENCES.keys()])('deliberate difference still differs: %s', (id) => {
    const run = runs.find((r) => r.id === id);
    expect(run).toBeDefined();
    expect(run?.actual).not.toBe(run?.expected);
  });

  it('agree with hadolint on at least 99% of the cases', () => {
    const agreed = runs.filter((r) => r.actual === r.expected).length;
    expect(agreed / runs.length).toBeGreaterThanOrEqual(0.99);
  });
});
