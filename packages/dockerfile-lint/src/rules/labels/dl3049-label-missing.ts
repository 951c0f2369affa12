import type { Stage } from '../../model/dockerfile.js';
import { stageLineage, stageNamed } from '../../model/stages.js';
import type { Rule } from '../../rule.js';
import { copyFrom } from '../stages/copy-from.js';

/**
 * Each label of `label-schema` must be set in every image-producing stage, by it or by a stage
 * it is built FROM, or by a stage built FROM it (as hadolint counts a parent stage). Stages that
 * are only copied from are build stages and are not checked.
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
    const labelsOf = (stage: Stage): string[] => stage.instructions.filter((i) => i.keyword === 'LABEL').flatMap((i) => (i.properties ?? []).map((p) => p.name));
    // A parent stage is complete when a stage built FROM it sets the label: that is the image.
    // Gathered child to parent in one pass from the last stage (a stage is built FROM earlier ones).
    const setBelow = new Map<Stage, Set<string>>();
    for (let index = model.stages.length - 1; index >= 0; index--) {
      const stage = model.stages[index]!;
      const parent = stage.base.isStage ? stageNamed(model, stage.base.resolved, stage.index) : undefined;
      if (!parent) continue;
      const set = setBelow.get(parent) ?? new Set<string>();
      labelsOf(stage).forEach((l) => set.add(l));
      setBelow.get(stage)?.forEach((l) => set.add(l));
      setBelow.set(parent, set);
    }
    for (const stage of model.stages) {
      if (isBuildStage(stage)) continue;
      const defined = new Set(stageLineage(model, stage).flatMap(labelsOf));
      setBelow.get(stage)?.forEach((l) => defined.add(l));
      for (const label of required) if (!defined.has(label)) report(stage.from, `Label \`${label}\` is missing`);
    }
  },
};
