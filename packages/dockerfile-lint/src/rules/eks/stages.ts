import type { BaseImage, DockerfileModel, Stage } from '../../model/dockerfile.js';

/** The stage a `FROM <stage>` builds on. */
function parentStage(model: DockerfileModel, stage: Stage): Stage | undefined {
  if (!stage.base.isStage) return undefined;
  const alias = stage.base.resolved.toLowerCase();
  for (let i = stage.index - 1; i >= 0; i--) {
    const candidate = model.stages[i];
    if (candidate?.alias === alias) return candidate;
  }
  return undefined;
}

/**
 * The stages whose layers end up in the image the build produces: the last stage and the
 * stages it is built `FROM`. Stages that only feed `COPY --from` ship nothing but what is copied.
 */
export function shippedStages(model: DockerfileModel): Stage[] {
  const shipped: Stage[] = [];
  let stage = model.stages.at(-1);
  while (stage && !shipped.includes(stage)) {
    shipped.unshift(stage);
    stage = parentStage(model, stage);
  }
  return shipped;
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
