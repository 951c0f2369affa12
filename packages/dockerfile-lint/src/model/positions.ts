import type { SourceRange } from '../types.js';
import type { Instruction } from './dockerfile.js';

function unquote(word: string): string {
  const first = word[0];
  if (first !== '"' && first !== "'") return word;
  return word.length > 1 && word[word.length - 1] === first ? word.slice(1, -1) : word;
}

/**
 * Index of the first word of `instruction` at or after `fromIndex` that equals `word` (quotes
 * ignored) or satisfies it; -1 when there is none.
 */
export function wordIndex(instruction: Instruction, word: string | ((w: string) => boolean), fromIndex = 0): number {
  const words = instruction.words;
  for (let i = fromIndex; i < words.length; i++) {
    const bare = unquote(words[i] ?? '');
    if (typeof word === 'string' ? bare === word : word(bare)) return i;
  }
  return -1;
}

/**
 * Where a word of the instruction is, from the parser's own positions, so continuation lines and
 * heredoc bodies keep exact columns. Falls back to the whole instruction when the word is not
 * one of its arguments (e.g. it came from a variable or a rewritten ONBUILD trigger).
 */
export function wordRange(instruction: Instruction, word: string | ((w: string) => boolean), fromIndex = 0): SourceRange {
  const index = wordIndex(instruction, word, fromIndex);
  return (index === -1 ? undefined : instruction.wordRanges?.[index]) ?? instruction.range;
}

const SEPARATOR = /^(&&|\|\||;|\||&)$|;$/;

/**
 * Where `word` is within the first `command … word` of a RUN, e.g. the `install` of the
 * `apt-get install` rather than an earlier `apt-get update`. Falls back like `wordRange`.
 */
export function commandWordRange(instruction: Instruction, command: string, word: string): SourceRange {
  for (let start = wordIndex(instruction, command); start !== -1; start = wordIndex(instruction, command, start + 1)) {
    for (let i = start + 1; i < instruction.words.length; i++) {
      const current = unquote(instruction.words[i] ?? '');
      if (current === word) return instruction.wordRanges?.[i] ?? instruction.range;
      if (SEPARATOR.test(current)) break;
    }
  }
  return wordRange(instruction, word);
}
