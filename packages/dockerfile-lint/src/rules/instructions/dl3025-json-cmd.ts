import { instructionRule } from '../../rule.js';

/**
 * In shell form the program runs under `/bin/sh -c`, which does not pass on SIGTERM: the
 * container ignores `docker stop` (and Kubernetes' termination) until it is killed.
 */
export const dl3025 = instructionRule(
  { code: 'DL3025', severity: 'warning', category: 'startup', title: 'Use JSON (exec) form for CMD and ENTRYPOINT so the process receives signals', hadolint: true },
  (instruction) => {
    if (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') return instruction.execForm === undefined && instruction.args.trim() !== '';
    if (instruction.keyword === 'HEALTHCHECK') return /^\s*CMD\s/i.test(instruction.args) && instruction.execForm === undefined;
    return undefined;
  },
);
