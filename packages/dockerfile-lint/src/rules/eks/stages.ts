import { derived, derivedSlot } from '../../model/derived.js';
import type { BaseImage, DockerfileModel, Stage } from '../../model/dockerfile.js';

const PARENTS = derivedSlot();

/** The stage a `FROM <stage>` builds on: the latest earlier stage of that alias, found in one pass for all stages. */
function parentStage(model: DockerfileModel, stage: Stage): Stage | undefined {
  const parents = derived(model, PARENTS, ({ stages }) => {
    const latest = new Map<string, Stage>();
    return stages.map((s) => {
      const parent = s.base.isStage ? latest.get(s.base.resolved.toLowerCase()) : undefined;
      if (s.alias !== undefined) latest.set(s.alias, s);
      return parent;
    });
  });
  return parents[stage.index];
}

/**
 * The stages whose layers end up in the image the build produces: the last stage and the
 * stages it is built `FROM`. Stages that only feed `COPY --from` ship nothing but what is copied.
 */
export function shippedStages(model: DockerfileModel): Stage[] {
  const shipped = new Set<Stage>();
  for (let stage = model.stages.at(-1); stage && !shipped.has(stage); stage = parentStage(model, stage)) shipped.add(stage);
  return [...shipped].reverse();
}

/** The image a stage ultimately starts from, following `FROM <stage>` chains. */
export function rootBase(model: DockerfileModel, stage: Stage): BaseImage {
  let current = stage;
  const seen = new Set<Stage>();
  for (let parent = parentStage(model, current); parent && !seen.has(parent); parent = parentStage(model, current)) {
    seen.add(current);
    current = parent;
  }
  return current.base;
}
