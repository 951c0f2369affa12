import type { Rule } from '../../rule.js';
import type { RuleMeta } from '../../types.js';

/** A rule that reports every `keyword` after the first in a stage: only the last one takes effect. */
export function singlePerStage(meta: RuleMeta, keyword: string): Rule {
  return {
    ...meta,
    check({ model, report }) {
      for (const stage of model.stages) {
        stage.instructions.filter((i) => i.keyword === keyword).slice(1).forEach((i) => report(i));
      }
    },
  };
}
