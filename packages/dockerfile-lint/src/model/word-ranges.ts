import type { SourceRange } from '../types.js';
import type { Instruction } from './dockerfile.js';
import { wordIndex } from './positions.js';

/**
 * The source word as the shell would see it, for matching against parsed command words:
 * surrounding quotes and glued-on operators (`curl;`, `(cd`, `x&&`) removed.
 */
export function bareWord(word: string): string {
  return word
    .replace(/^[(]+/, '')
    .replace(/(?:&&|\|\||[;|&)])+$/, '')
    .replace(/^(["'])(.*)\1$/, '$2');
}

/**
 * Finds `targets` among an instruction's source words, in order, starting at word `from`: how a
 * rule reports at one package of a multi-line `apt-get install`. A target that is not found (a
 * word the shell rewrote) gets no range and does not move the search on.
 */
export function locateWords(instruction: Instruction, targets: readonly string[], from = 0): { ranges: (SourceRange | undefined)[]; next: number } {
  const ranges: (SourceRange | undefined)[] = [];
  let cursor = from;
  for (const target of targets) {
    const found = wordIndex(instruction, (w) => bareWord(w) === target, cursor);
    ranges.push(found === -1 ? undefined : instruction.wordRanges?.[found]);
    if (found !== -1) cursor = found + 1;
  }
  return { ranges, next: cursor };
}
