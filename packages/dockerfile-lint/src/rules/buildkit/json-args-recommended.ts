import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';
import { inheritedFlags } from './stage-tree.js';

/**
 * CMD or ENTRYPOINT in shell form where no SHELL was set: the program runs under `/bin/sh -c`
 * and does not receive SIGTERM. A SHELL instruction earlier in the stage (or in a stage it is
 * built FROM) says the shell is chosen on purpose, and BuildKit then stays quiet. Unlike DL3025,
 * HEALTHCHECK is not looked at; where both fire they are one finding.
 */
export const jsonArgsRecommended: Rule = {
  ...buildkitMeta('JSONArgsRecommended', 'warning', 'startup', 'JSON arguments recommended for ENTRYPOINT and CMD so the process receives OS signals', { joins: 'DL3025' }),
  check({ model, report }) {
    const inherited = inheritedFlags(model, 'SHELL');
    for (const stage of model.stages) {
      let shellSet = inherited[stage.index]!;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'SHELL') shellSet = true;
        if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
        if (!shellSet && instruction.execForm === undefined && instruction.args.trim() !== '') {
          report(instruction, `JSON arguments recommended for ${instruction.keyword} so the process receives OS signals`);
        }
      }
    }
  },
};
