import type { Instruction } from '../../model/dockerfile.js';
import { stageLineage } from '../../model/stages.js';
import type { Rule } from '../../rule.js';

function isRoot(user: string): boolean {
  const name = user.trim().split(':')[0] ?? '';
  return name === 'root' || name === '0';
}

/**
 * The user the final image runs as is the last USER of the final stage, or of the stages it is
 * built FROM when it has none; build stages may use root freely.
 */
export const dl3002: Rule = {
  code: 'DL3002',
  severity: 'warning',
  category: 'security',
  title: 'Last USER should not be root',
  hadolint: true,
  check({ model, report }) {
    const last = model.stages[model.stages.length - 1];
    if (!last) return;
    let lastUser: Instruction | undefined;
    for (const stage of stageLineage(model, last)) for (const i of stage.instructions) if (i.keyword === 'USER') lastUser = i;
    if (lastUser && isRoot(lastUser.args)) report(lastUser);
  },
};
