import type { Rule } from '../../rule.js';

export const dl3024: Rule = {
  code: 'DL3024',
  severity: 'error',
  category: 'correctness',
  title: 'FROM aliases (stage names) must be unique',
  hadolint: true,
  buildkit: 'DuplicateStageName',
  check({ model, report }) {
    const seen = new Set<string>();
    for (const stage of model.stages) {
      if (stage.alias === undefined) continue;
      if (seen.has(stage.alias)) report(stage.from, `Stage name \`${stage.alias}\` is already used by an earlier stage`);
      seen.add(stage.alias);
    }
  },
};
