import type { Rule } from '../../rule.js';
import { buildkitMeta, isLowerCase, isOneCase, isUpperCase, keywordAsWritten } from './meta.js';

/**
 * Keywords in one case: each keyword must be all lower or all upper case, and in the case most
 * keywords of the file use (upper case on a tie). Like BuildKit, only instructions of stages
 * count: ARGs before the first FROM are not looked at.
 */
export const consistentInstructionCasing: Rule = {
  ...buildkitMeta('ConsistentInstructionCasing', 'style', 'maintainability', 'All instructions should use the same case (all upper or all lower)'),
  check({ model, report }) {
    const staged = model.instructions.filter((i) => i.stage !== undefined);
    const written = staged.map((i) => keywordAsWritten(model, i));
    let lower = 0;
    let upper = 0;
    for (const keyword of written) {
      if (!isOneCase(keyword)) continue;
      if (isLowerCase(keyword)) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    staged.forEach((instruction, index) => {
      const keyword = written[index]!;
      if (!(majorityLower ? isLowerCase(keyword) : isUpperCase(keyword))) report(instruction, `Instruction \`${keyword}\` should match the case of the majority (${majorityLower ? 'lowercase' : 'uppercase'})`);
    });
  },
};
