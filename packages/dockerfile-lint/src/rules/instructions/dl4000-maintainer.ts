import { instructionRule } from '../../rule.js';

export const dl4000 = instructionRule(
  { code: 'DL4000', severity: 'error', category: 'maintainability', title: 'MAINTAINER is deprecated: use `LABEL org.opencontainers.image.authors=…`', hadolint: true, buildkit: 'MaintainerDeprecated' },
  (instruction) => instruction.keyword === 'MAINTAINER',
);
