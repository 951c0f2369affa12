import type { DockerfileModel, Instruction } from '../../model/dockerfile.js';
import type { Category, RuleMeta, Severity } from '../../types.js';
import type { BuildkitCheck } from './names.js';

/** The metadata of a BuildKit check reported under its own name. */
export function buildkitMeta(name: BuildkitCheck, severity: Severity, category: Category, title: string, extra: Partial<RuleMeta> = {}): RuleMeta {
  return { code: name, buildkit: name, severity, category, title, ...extra };
}

// Matched where the instruction starts, without slicing the line first.
const WORD_AT = /\S*/y;

/** The keyword as written (`From`, `run`): the model keeps it upper-cased. */
export function keywordAsWritten(model: DockerfileModel, instruction: Instruction): string {
  const line = model.lines[instruction.range.startLine - 1] ?? '';
  WORD_AT.lastIndex = Math.min(instruction.range.startColumn - 1, line.length);
  return WORD_AT.exec(line)?.[0] ?? instruction.keyword;
}

export function isOneCase(text: string): boolean {
  return isLowerCase(text) || isUpperCase(text);
}

/** Whether lower-casing leaves `text` as it is. */
export function isLowerCase(text: string): boolean {
  return asciiWithout(text, 65, 90) ?? text === text.toLowerCase();
}

/** Whether upper-casing leaves `text` as it is. */
export function isUpperCase(text: string): boolean {
  return asciiWithout(text, 97, 122) ?? text === text.toUpperCase();
}

/**
 * For ASCII text, whether it has no character in `from`..`to`; `undefined` otherwise, for the
 * runtime's case mapping to decide. Keywords are ASCII, and case-mapping a piece of a line on each
 * of 70,000 instructions was a measurable part of a large file's lint.
 */
function asciiWithout(text: string, from: number, to: number): boolean | undefined {
  let without = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return undefined;
    if (code >= from && code <= to) without = false;
  }
  return without;
}

