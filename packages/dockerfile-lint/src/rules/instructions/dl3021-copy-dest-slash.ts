import { copyPaths } from '../../model/copy-paths.js';
import { instructionRule } from '../../rule.js';

export const dl3021 = instructionRule(
  { code: 'DL3021', severity: 'error', category: 'correctness', title: 'COPY with more than 2 arguments requires the last argument to end with /', hadolint: true },
  (instruction) => {
    if (instruction.keyword !== 'COPY') return;
    const { sources, dest } = copyPaths(instruction);
    return sources.length > 1 && dest !== undefined && !dest.endsWith('/') && !dest.includes('$');
  },
);
