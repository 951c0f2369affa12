import { instructionRule } from '../../rule.js';

export const dl3043 = instructionRule(
  { code: 'DL3043', severity: 'error', category: 'correctness', title: '`ONBUILD`, `FROM` or `MAINTAINER` cannot be triggered from within `ONBUILD`', hadolint: true },
  (instruction) => instruction.keyword === 'ONBUILD' && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(instruction.onbuild?.keyword ?? ''),
);
