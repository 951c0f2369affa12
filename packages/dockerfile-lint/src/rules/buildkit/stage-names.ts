import { instructionRule } from '../../rule.js';
import { buildkitMeta, isLowerCase, isOneCase, isUpperCase, keywordAsWritten } from './meta.js';

// BuildKit reads `FROM image AS name` as three arguments; other shapes have no stage name to check.
export const stageNameCasing = instructionRule(
  buildkitMeta('StageNameCasing', 'style', 'maintainability', 'Stage names should be lowercase'),
  (instruction) => {
    if (instruction.keyword !== 'FROM' || instruction.words.length !== 3) return;
    const name = instruction.words[2]!;
    return !isLowerCase(name) && `Stage name \`${name}\` should be lowercase`;
  },
);

export const fromAsCasing = instructionRule(
  buildkitMeta('FromAsCasing', 'style', 'maintainability', 'The `AS` keyword should match the case of the `FROM` keyword'),
  (instruction, { model }) => {
    if (instruction.keyword !== 'FROM' || instruction.words.length < 3) return;
    const from = keywordAsWritten(model, instruction);
    const as = instruction.words[1]!;
    // A FROM in mixed case is ConsistentInstructionCasing's finding, not this one's.
    if (!isOneCase(from)) return;
    const matches = isLowerCase(from) ? isLowerCase(as) : isUpperCase(as);
    return !matches && `\`${as}\` and \`${from}\` keywords' casing do not match`;
  },
);
