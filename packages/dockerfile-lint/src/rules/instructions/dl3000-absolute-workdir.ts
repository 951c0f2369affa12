import { instructionRule } from '../../rule.js';

export const dl3000 = instructionRule(
  { code: 'DL3000', severity: 'error', category: 'correctness', title: 'Use an absolute WORKDIR', hadolint: true },
  (instruction) => {
    if (instruction.keyword !== 'WORKDIR') return;
    const path = instruction.args.trim().replace(/^(["'])(.*)\1$/, '$2');
    // A variable may well be absolute; a Windows path starts with a drive letter.
    return !(path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:/.test(path));
  },
);
