import { instructionRule } from '../../rule.js';

export const dl3006 = instructionRule(
  { code: 'DL3006', severity: 'warning', category: 'correctness', title: 'Always tag the version of an image explicitly', hadolint: true },
  (instruction) => {
    const base = instruction.keyword === 'FROM' ? instruction.stage?.base : undefined;
    if (!base || base.isStage || base.isScratch || base.isDynamic) return;
    return base.tag === undefined && base.digest === undefined;
  },
);
