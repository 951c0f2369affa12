import type { Rule } from '../../rule.js';

/** Parser directives (`# syntax=`, `# check=`) and comments are not instructions, so they may come first. */
export const dl3061: Rule = {
  code: 'DL3061',
  severity: 'error',
  category: 'correctness',
  title: 'Invalid instruction order: a Dockerfile must begin with `FROM`, `ARG` or a comment',
  hadolint: true,
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'FROM') return;
      if (instruction.keyword !== 'ARG') report(instruction);
    }
  },
};
