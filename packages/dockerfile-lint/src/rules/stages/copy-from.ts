import { flagValue } from '../../model/copy-paths.js';
import type { Instruction } from '../../model/dockerfile.js';

/** The `--from` of a COPY (or ONBUILD COPY is not resolvable, so none), unquoted. */
export function copyFrom(instruction: Instruction): string | undefined {
  if (instruction.keyword !== 'COPY') return undefined;
  return flagValue(instruction, 'from')?.replace(/^(["'])(.*)\1$/, '$2');
}

/** An image reference rather than a stage name: it has a tag, digest, registry or path, or a variable. */
export function looksLikeImage(reference: string): boolean {
  return /[:@/$]/.test(reference);
}
