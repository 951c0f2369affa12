import { instructionRule } from '../../rule.js';
import { copyFrom } from './copy-from.js';

export const dl3023 = instructionRule(
  { code: 'DL3023', severity: 'error', category: 'correctness', title: '`COPY --from` cannot reference its own `FROM` alias', hadolint: true },
  (instruction) => {
    const from = copyFrom(instruction)?.toLowerCase();
    const stage = instruction.stage;
    return from !== undefined && stage !== undefined && (from === stage.alias || from === String(stage.index));
  },
);
