import { copyPaths } from '../../model/copy-paths.js';
import { instructionRule } from '../../rule.js';
import { valuelessFlag } from '../eks/ek0005-rejected-syntax.js';

export const dl3021 = instructionRule(
  { code: 'DL3021', severity: 'error', category: 'correctness', title: 'COPY with more than 2 arguments requires the last argument to end with /', hadolint: true },
  (instruction) => {
    // BuildKit refuses `COPY --from build …` (EK0005 says so): its operands are not what they seem.
    if (instruction.keyword !== 'COPY' || valuelessFlag(instruction)) return;
    const { sources, dest } = copyPaths(instruction);
    return sources.length > 1 && dest !== undefined && !dest.endsWith('/') && !dest.includes('$');
  },
);
