import type { DockerfileModel, Stage } from './dockerfile.js';

/** The stage named `alias` (case-insensitive) or numbered so, defined before `before`. */
export function stageNamed(model: DockerfileModel, reference: string, before = model.stages.length): Stage | undefined {
  const name = reference.toLowerCase();
  const earlier = model.stages.slice(0, before);
  return earlier.find((s) => s.alias === name) ?? (/^\d+$/.test(name) ? earlier[Number(name)] : undefined);
}

/**
 * Stages whose files end up in the final image: the last stage and the stages it is built FROM,
 * transitively. A stage that is only copied from is a build stage; its leftovers are not shipped.
 */
export function shippedStages(model: DockerfileModel): Set<Stage> {
  const shipped = new Set<Stage>();
  let stage = model.stages[model.stages.length - 1];
  while (stage && !shipped.has(stage)) {
    shipped.add(stage);
    stage = stage.base.isStage ? stageNamed(model, stage.base.resolved, stage.index) : undefined;
  }
  return shipped;
}

/** A stage and the stages it is built FROM, base first. */
export function stageLineage(model: DockerfileModel, stage: Stage): Stage[] {
  const lineage: Stage[] = [];
  let current: Stage | undefined = stage;
  while (current && !lineage.includes(current)) {
    lineage.unshift(current);
    current = current.base.isStage ? stageNamed(model, current.base.resolved, current.index) : undefined;
  }
  return lineage;
}
