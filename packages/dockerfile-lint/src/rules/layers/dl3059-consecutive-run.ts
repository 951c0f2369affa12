import type { Instruction } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';

/**
 * Consecutive RUNs each add a layer and a cache step. Like hadolint, RUNs that differ in their
 * flags (for example different cache mounts) are not counted as mergeable, and neither is a pair
 * where either RUN already chains several commands (`foo && bar`): splitting there was a choice.
 */
export const dl3059: Rule = {
  code: 'DL3059',
  severity: 'info',
  category: 'layers',
  title: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
  hadolint: true,
  check({ model, report }) {
    for (const stage of model.stages) {
      let previous: Instruction | undefined;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'RUN' && previous?.keyword === 'RUN' && sameFlags(previous, instruction) && isSingleCommand(previous) && isSingleCommand(instruction)) report(instruction);
        previous = instruction;
      }
    }
  },
};

function sameFlags(a: Instruction, b: Instruction): boolean {
  const key = (i: Instruction): string => i.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
  return key(a) === key(b);
}

function isSingleCommand(run: Instruction): boolean {
  return (run.shell?.commands.length ?? 0) <= 1;
}
