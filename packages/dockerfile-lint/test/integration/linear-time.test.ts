import { describe, expect, it } from '@jest/globals';
import { defaultConfig } from '../../src/config.js';
import { buildModel } from '../../src/model/build-model.js';
import type { Rule } from '../../src/rule.js';
import { allRules } from '../../src/rules/index.js';
import { GROWING_SHAPES as SHAPES } from '../support/growing-shapes.js';

/**
 * Lint work must grow linearly with the file: for each shape at 1× and 8× the size, each rule's
 * reads of the model's lists (instructions, stages, comments, lines, each stage's instructions)
 * are counted. Linear rules read about 8× as many, a rule that rescans the file per instruction
 * 64×; the bound is 12×. Counts, not time: a CPU-time ratio here went over its bound on a loaded
 * CI machine, so the whole lint's growth (parse included, and the work inside one long ENV or RUN
 * that counts cannot see) is measured by `npm run bench` (bench/lint-scale.ts, the 1 MB rows).
 */
const FACTOR = 8;
const VISIT_BOUND = 12;

/**
 * How many list elements of the model each rule reads on `text`. One model for all rules, as in a
 * real lint: what one rule works out and caches on the model is not read again by the next.
 */
function visitsPerRule(text: string, rules: readonly Rule[]): number[] {
  const model = buildModel('Dockerfile', text);
  let count = 0;
  const counted = <T>(list: T[]): T[] =>
    new Proxy(list, {
      get(target, key, receiver) {
        if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) count++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  for (const stage of model.stages) stage.instructions = counted(stage.instructions);
  Object.assign(model, { instructions: counted(model.instructions), stages: counted(model.stages), comments: counted(model.comments), lines: counted(model.lines) });
  const context = { model, config: defaultConfig(), report: () => undefined };
  return rules.map((rule) => {
    count = 0;
    rule.check(context);
    return count;
  });
}

function superLinearRules(make: (n: number) => string, base: number, rules: readonly Rule[] = allRules): string[] {
  const small = visitsPerRule(make(base), rules);
  const large = visitsPerRule(make(base * FACTOR), rules);
  return rules.flatMap((rule, r) => {
    const ratio = large[r]! / Math.max(1, small[r]!);
    return ratio > VISIT_BOUND ? [`${rule.code} read ${ratio.toFixed(1)}× as many elements at ${FACTOR}× the size`] : [];
  });
}

// What the bounds are for: a rule that compares each instruction with every earlier one.
const rescanning: Rule = {
  code: 'EK9999',
  severity: 'info',
  category: 'correctness',
  title: 'test rule that rescans the file per instruction',
  check({ model }) {
    model.instructions.forEach((instruction, index) => model.instructions.slice(0, index).some((earlier) => earlier.args === instruction.args));
  },
};

describe('lint time grows linearly with the file', () => {
  for (const [shape, { base, make }] of Object.entries(SHAPES)) {
    it(`${shape}: every rule reads the model linearly`, () => {
      expect(superLinearRules(make, base)).toEqual([]);
    });
  }

  it('the count catches a rule that rescans the file per instruction', () => {
    const { make } = SHAPES['many instructions of every kind']!;
    expect(superLinearRules(make, 150, [rescanning])).toEqual([expect.stringMatching(/^EK9999 read \d+\.\d× as many elements/)]);
  });
});
