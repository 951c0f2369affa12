import { derived, derivedSlot } from '../../model/derived.js';
import type { DockerfileModel, Stage } from '../../model/dockerfile.js';

/**
 * Which stage each stage is built FROM, worked out once per file in one pass, so that questions
 * about a stage's ancestors cost no more than the file's size: walking the lineage of every stage
 * is quadratic on a long chain of stages.
 */
export interface StageTree {
  /** By stage index: the stage it is built FROM, if it is one of this file's. */
  parent: (Stage | undefined)[];
  /** By stage index: the first stage of its lineage. */
  root: Stage[];
  /** Whether `ancestor` is a stage `stage` is built FROM, directly or further up (not itself). */
  isAncestor(ancestor: Stage, stage: Stage): boolean;
  /**
   * By stage index: entry and exit times of a depth-first walk of the tree. A stage's descendants
   * are the stages entered after it and before it exits.
   */
  enter: number[];
  exit: number[];
}

const TREE = derivedSlot();

export function stageTree(model: DockerfileModel): StageTree {
  return derived(model, TREE, buildTree);
}

function buildTree(model: DockerfileModel): StageTree {
  const stages = model.stages;
  const byAlias = new Map<string, Stage>();
  const parent: (Stage | undefined)[] = [];
  const root: Stage[] = [];
  const children: Stage[][] = stages.map(() => []);
  for (const stage of stages) {
    const name = stage.base.resolved.toLowerCase();
    // The first earlier stage of that name, or an earlier index, as stageNamed() resolves it.
    const found = stage.base.isStage ? (byAlias.get(name) ?? (/^\d+$/.test(name) && Number(name) < stage.index ? stages[Number(name)] : undefined)) : undefined;
    parent[stage.index] = found;
    root[stage.index] = found ? root[found.index]! : stage;
    if (found) children[found.index]!.push(stage);
    if (stage.alias !== undefined && !byAlias.has(stage.alias)) byAlias.set(stage.alias, stage);
  }
  // Entry and exit times of a depth-first walk: an ancestor's interval contains its descendants'.
  const enter: number[] = [];
  const exit: number[] = [];
  let clock = 0;
  for (const top of stages) {
    if (parent[top.index] !== undefined) continue;
    const stack: { stage: Stage; next: number }[] = [{ stage: top, next: 0 }];
    enter[top.index] = clock++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const child = children[frame.stage.index]![frame.next++];
      if (child) {
        enter[child.index] = clock++;
        stack.push({ stage: child, next: 0 });
      } else {
        exit[frame.stage.index] = clock++;
        stack.pop();
      }
    }
  }
  return {
    parent,
    root,
    enter,
    exit,
    isAncestor: (ancestor, stage) => ancestor !== stage && enter[ancestor.index]! < enter[stage.index]! && exit[stage.index]! < exit[ancestor.index]!,
  };
}

/** By stage index: whether a stage it is built FROM (not itself) has a `keyword` instruction, whose setting it inherits. */
export function inheritedFlags(model: DockerfileModel, keyword: string): boolean[] {
  const { parent } = stageTree(model);
  const inherited: boolean[] = [];
  for (const stage of model.stages) {
    const from = parent[stage.index];
    inherited[stage.index] = from !== undefined && (inherited[from.index]! || from.instructions.some((i) => i.keyword === keyword));
  }
  return inherited;
}
