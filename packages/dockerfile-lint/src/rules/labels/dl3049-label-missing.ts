import type { Stage } from '../../model/dockerfile.js';
import { stageLineage } from '../../model/stages.js';
import type { Rule } from '../../rule.js';
import { copyFrom } from '../stages/copy-from.js';

/**
 * Each label of `label-schema` must be set in every image-producing stage, by it or by a stage
 * it is built FROM. Stages that are only copied from are build stages and are not checked.
 */
export const dl3049: Rule = {
  code: 'DL3049',
  severity: 'info',
  category: 'maintainability',
  title: 'A label required by label-schema is missing',
  hadolint: true,
  check({ model, config, report }) {
    const required = Object.keys(config.labelSchema);
    if (required.length === 0) return;
    const copiedFrom = new Set(model.instructions.map((i) => copyFrom(i)?.toLowerCase()).filter((f): f is string => f !== undefined));
    const isBuildStage = (stage: Stage): boolean => (stage.alias !== undefined && copiedFrom.has(stage.alias)) || copiedFrom.has(String(stage.index));
    for (const stage of model.stages) {
      if (isBuildStage(stage)) continue;
      const defined = new Set(
        stageLineage(model, stage).flatMap((s) => s.instructions.filter((i) => i.keyword === 'LABEL').flatMap((i) => (i.properties ?? []).map((p) => p.name))),
      );
      for (const label of required) if (!defined.has(label)) report(stage.from, `Label \`${label}\` is missing`);
    }
  },
};
