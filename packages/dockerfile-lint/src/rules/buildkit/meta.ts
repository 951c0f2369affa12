import type { DockerfileModel, Instruction } from '../../model/dockerfile.js';
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

