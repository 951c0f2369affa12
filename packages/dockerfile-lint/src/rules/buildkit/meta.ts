import type { DockerfileModel, Instruction, Stage } from '../../model/dockerfile.js';
import { stageLineage } from '../../model/stages.js';
import type { Category, RuleMeta, Severity } from '../../types.js';
import type { BuildkitCheck } from './names.js';

/** The metadata of a BuildKit check reported under its own name. */
export function buildkitMeta(name: BuildkitCheck, severity: Severity, category: Category, title: string, extra: Partial<RuleMeta> = {}): RuleMeta {
  return { code: name, buildkit: name, severity, category, title, ...extra };
}

/** The keyword as written (`From`, `run`): the model keeps it upper-cased. */
export function keywordAsWritten(model: DockerfileModel, instruction: Instruction): string {
  const line = model.lines[instruction.range.startLine - 1] ?? '';
  return /^\S*/.exec(line.slice(instruction.range.startColumn - 1))?.[0] ?? instruction.keyword;
}

export function isOneCase(text: string): boolean {
  return text === text.toLowerCase() || text === text.toUpperCase();
}

/** Whether a stage the given one is built FROM (directly or further up) has a `keyword` instruction: its setting is inherited. */
export function inheritsFromParent(model: DockerfileModel, stage: Stage, keyword: string): boolean {
  return stageLineage(model, stage)
    .slice(0, -1)
    .some((parent) => parent.instructions.some((i) => i.keyword === keyword));
}
