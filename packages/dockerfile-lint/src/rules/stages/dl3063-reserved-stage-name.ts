import { instructionRule } from '../../rule.js';

// `scratch` is the empty image and `context` the build context: a stage of that name shadows them.
const RESERVED = new Set(['scratch', 'context']);

export const dl3063 = instructionRule(
  { code: 'DL3063', severity: 'warning', category: 'correctness', title: 'A stage name should not be a reserved word (`scratch`, `context`)', hadolint: true, buildkit: 'ReservedStageName' },
  (instruction) => instruction.keyword === 'FROM' && instruction.stage?.from === instruction && RESERVED.has(instruction.stage.alias ?? ''),
);
