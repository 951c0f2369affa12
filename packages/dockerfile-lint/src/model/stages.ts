import { derived, derivedSlot } from './derived.js';
import type { DockerfileModel, Stage } from './dockerfile.js';

const FIRST_BY_ALIAS = derivedSlot();

/** Each alias's first stage, built once per file: stage lookups stay constant-time with thousands of stages. */
function firstByAlias(model: DockerfileModel): Map<string, Stage> {
  return derived(model, FIRST_BY_ALIAS, ({ stages }) => {
    const byAlias = new Map<string, Stage>();
    for (const stage of stages) if (stage.alias !== undefined && !byAlias.has(stage.alias)) byAlias.set(stage.alias, stage);
    return byAlias;
  });
}

/** The stage named `alias` (case-insensitive) or numbered so, defined before `before`. */
export function stageNamed(model: DockerfileModel, reference: string, before = model.stages.length): Stage | undefined {
  const name = reference.toLowerCase();
  const named = firstByAlias(model).get(name);
  if (named && named.index < before) return named;
  return /^\d+$/.test(name) && Number(name) < before ? model.stages[Number(name)] : undefined;
}

/** Index of the stage whose FROM is at or above `line` (stages are in file order): a binary search. */
export function stageIndexAtLine(model: DockerfileModel, line: number): number | undefined {
  const stages = model.stages;
  let low = 0;
  let high = stages.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (stages[mid]!.from.range.startLine <= line) {
      found = stages[mid]!.index;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * Stages whose files end up in the final image: the last stage and the stages it is built FROM,
 * transitively. A stage that is only copied from is a build stage; its leftovers are not shipped.
 */
export function shippedStages(model: DockerfileModel): Set<Stage> {
  return new Set(stageLineage(model, model.stages[model.stages.length - 1]));
}

/** A stage and the stages it is built FROM, base first. */
export function stageLineage(model: DockerfileModel, stage: Stage | undefined): Stage[] {
  const lineage = new Set<Stage>();
  for (let current = stage; current && !lineage.has(current); ) {
    lineage.add(current);
    current = current.base.isStage ? stageNamed(model, current.base.resolved, current.index) : undefined;
  }
  return [...lineage].reverse();
}
