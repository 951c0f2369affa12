import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';
import { inheritedFlags } from './stage-tree.js';

/**
 * The first WORKDIR of a stage (counting the stages it is built FROM) is relative: it is resolved
 * against the base image's working directory, which can change upstream. Later relative WORKDIRs
 * are fine once one was set here. A path that still holds a variable is not judged.
 */
export const workdirRelativePath: Rule = {
  ...buildkitMeta('WorkdirRelativePath', 'warning', 'correctness', 'Relative WORKDIR without an absolute one before it depends on the base image', { joins: 'DL3000' }),
  check({ model, report }) {
    const inherited = inheritedFlags(model, 'WORKDIR');
    for (const stage of model.stages) {
      if (inherited[stage.index]) continue;
      const first = stage.instructions.find((i) => i.keyword === 'WORKDIR');
      if (!first) continue;
      const path = first.args.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (path.includes('$') || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) continue;
      report(first, `Relative WORKDIR \`${path}\` depends on the base image's working directory: start it with \`/\``);
    }
  },
};
