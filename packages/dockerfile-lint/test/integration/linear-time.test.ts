import { describe, expect, it } from '@jest/globals';
import { lintText } from '../../src/linter.js';
import { defaultConfig } from '../../src/config.js';
import { buildModel } from '../../src/model/build-model.js';
import type { Rule } from '../../src/rule.js';
import { allRules } from '../../src/rules/index.js';
import { GROWING_SHAPES as SHAPES } from '../support/growing-shapes.js';

/**
 * Lint work must grow linearly with the file, checked two ways for each shape at 1× and 8× the size:
 * - per rule, deterministically: how many elements of the model's lists (instructions, stages,
 *   comments, lines, each stage's instructions) the rule reads. Linear rules read about 8× as
 *   many, a rule that rescans the file per instruction 64×; the bound is 12×.
 * - for the whole lint, parse included, the CPU time ratio under a generous bound of 20× (a growth
 *   exponent of 1.44: room for a loaded machine and n·log n), which also sees work inside one
 *   long string that the counts cannot (one ENV of thousands of pairs, one RUN of thousands of
 *   packages). A ratio, never a duration: the absolute times are in `npm run bench`.
 */
const FACTOR = 8;
const BOUND = 20;
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

/** The least CPU time of a few runs: other processes can only make a run slower. */
function cpuMs(text: string, rules: readonly Rule[], runs = 3): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const start = process.cpuUsage();
    lintText('Dockerfile', text, { rules });
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function growth(make: (n: number) => string, base: number, rules: readonly Rule[] = allRules): number {
  const small = make(base);
  const large = make(base * FACTOR);
  cpuMs(small, rules, 2); // compile the code paths this shape takes before timing anything
  return cpuMs(large, rules) / cpuMs(small, rules);
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

    it(`${shape}: the whole lint's CPU time grows linearly`, () => {
      const ratio = growth(make, base);
      expect({ shape, ratio: Math.round(ratio * 10) / 10, linear: ratio < BOUND }).toMatchObject({ linear: true });
    });
  }

  it('the count catches a rule that rescans the file per instruction', () => {
    const { make } = SHAPES['many instructions of every kind']!;
    expect(superLinearRules(make, 150, [rescanning])).toEqual([expect.stringMatching(/^EK9999 read \d+\.\d× as many elements/)]);
  });
});
