import type { SourceRange } from '../types.js';
import type { Instruction } from './dockerfile.js';

/**
 * The source word as the shell would see it, for matching against parsed command words:
 * surrounding quotes and glued-on operators (`curl;`, `(cd`, `x&&`) removed.
 */
function bare(word: string): string {
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
  const words = instruction.words;
  const wordRanges = instruction.wordRanges ?? [];
  const ranges: (SourceRange | undefined)[] = [];
  let cursor = from;
  for (const target of targets) {
    let found = -1;
    for (let i = cursor; i < words.length; i++) {
      if (bare(words[i] ?? '') === target) {
        found = i;
        break;
      }
    }
    if (found === -1) {
      ranges.push(undefined);
      continue;
    }
    ranges.push(wordRanges[found]);
    cursor = found + 1;
  }
  return { ranges, next: cursor };
}

/** Index of the first source word at or after `from` for which `predicate` holds, or -1. */
export function findWord(instruction: Instruction, predicate: (word: string) => boolean, from = 0): number {
  for (let i = from; i < instruction.words.length; i++) if (predicate(bare(instruction.words[i] ?? ''))) return i;
  return -1;
}
