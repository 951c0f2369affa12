import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../src/config-file.js';
import { lintText } from '../src/linter.js';
import type { Rule } from '../src/rule.js';
import { codesAt, lint, linesOf } from './helpers.js';

describe('pragmas', () => {
  const file = ['FROM ubuntu', 'RUN a', '# hadolint ignore=DL3059', 'RUN b', 'RUN c'];
  it('an inline ignore applies to the next instruction only', () => {
    expect(linesOf('DL3059', file)).toEqual([5]);
  });
  it('a global ignore applies to the whole file', () => {
    expect(linesOf('DL3059', ['# hadolint global ignore=DL3059', ...file])).toEqual([]);
  });
  it('a stage ignore applies to its stage only', () => {
    const twoStages = ['FROM a:1 AS one', '# eks-kit stage ignore=DL3059', 'RUN a', 'RUN b', 'FROM b:1', 'RUN c', 'RUN d'];
    expect(linesOf('DL3059', twoStages)).toEqual([7]);
  });
  it('an ignore not directly above an instruction ignores nothing', () => {
    expect(linesOf('DL3006', ['# hadolint ignore=DL3006', '', 'FROM ubuntu'])).toEqual([3]);
  });
  it('disable-ignore-pragma turns pragmas off', () => {
    expect(linesOf('DL3059', file, { config: { disableIgnorePragma: true } })).toEqual([4, 5]);
  });
});

describe('config', () => {
  it('reads ignored, override and failure-threshold like hadolint', () => {
    const config = parseConfig('ignored: [DL3006]\noverride:\n  error: [DL3059]\nfailure-threshold: warning\n', '.hadolint.yaml');
    const findings = lint(['FROM ubuntu', 'RUN a', 'RUN b'], { config });
    expect(codesAt(findings)).toEqual(['DL3059@3']);
    expect(findings[0]?.severity).toBe('error');
    expect(config.failureThreshold).toBe('warning');
  });
  it('names the key and the file of a mistake', () => {
    expect(() => parseConfig('override:\n  fatal: [DL3006]\n', 'ci/.hadolint.yaml')).toThrow('ci/.hadolint.yaml: override.fatal: unknown severity');
    expect(() => parseConfig('ignore: [DL3006]\n', '.hadolint.yaml')).toThrow('.hadolint.yaml: ignore: unknown setting');
    expect(() => parseConfig('ignored: [DL30]\n', '.hadolint.yaml')).toThrow('"DL30" is not a rule code');
    expect(() => parseConfig('failure-threshold: fatal\n', '.hadolint.yaml')).toThrow('is not a threshold');
  });
});

describe('robustness', () => {
  it('turns a crashing rule into a finding instead of throwing', () => {
    const broken: Rule = { code: 'XX9999', severity: 'error', category: 'correctness', title: 'broken', check: () => { throw new Error('oops'); } };
    const findings = lintText('Dockerfile', 'FROM a:1\n', { rules: [broken] });
    expect(findings.map((f) => f.code)).toEqual(['EK0002']);
    expect(findings[0]?.message).toContain('oops');
  });
});

describe('reporting a finding', () => {
  /**
   * A rule that reports one range deep in a long file and counts how many elements of the
   * model's instruction and stage lists the report itself reads (where its pragma line and stage
   * are looked up).
   */
  function readsOfOneReport(buildkit?: string): number {
    let reads = 0;
    const rule: Rule = {
      code: 'EK9998',
      severity: 'warning',
      category: 'correctness',
      title: 'test rule',
      ...(buildkit ? { buildkit } : {}),
      check({ model, report }) {
        const counted = <T>(list: T[]): T[] => new Proxy(list, { get: (target, key, receiver) => (typeof key === 'string' && /^\d+$/.test(key) && reads++, Reflect.get(target, key, receiver) as unknown) });
        Object.assign(model, { instructions: counted(model.instructions), stages: counted(model.stages) });
        const last = model.instructions[model.instructions.length - 1]!;
        reads = 0;
        report({ ...last.range, startColumn: 2 });
      },
    };
    const text = Array.from({ length: 64 }, (_, i) => `FROM alpine:3.20 AS s${i}\nRUN echo ${i}\n`).join('');
    expect(lintText('Dockerfile', text, { rules: [rule] }).map((f) => f.code)).toEqual(['EK9998']);
    return reads;
  }

  it('looks up the pragma line and the stage once, also for a rule BuildKit names too', () => {
    expect(readsOfOneReport('TestCheck')).toBe(readsOfOneReport());
  });
});
