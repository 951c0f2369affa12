import { instructionRule } from '../../rule.js';

export const dl3007 = instructionRule(
  {
    code: 'DL3007',
    severity: 'warning',
    category: 'correctness',
    title: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
    hadolint: true,
  },
  (instruction) => {
    const base = instruction.keyword === 'FROM' ? instruction.stage?.base : undefined;
    return base !== undefined && !base.isStage && base.tag === 'latest' && base.digest === undefined;
  },
);
