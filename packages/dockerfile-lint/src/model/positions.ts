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

const OPERATOR = /^(&&|\|\||;|\||&)$/;
const SEPARATOR = /^(&&|\|\||;|\||&)$|;$/;

/**
 * Where `word` is within the first `command … word` of a RUN (or the one at `occurrence`, counted
 * from 0), e.g. the `install` of the `apt-get install` rather than an earlier `apt-get update`.
 * Falls back like `wordRange`.
 */
export function commandWordRange(instruction: Instruction, command: string, word: string, occurrence = 0): SourceRange {
  let seen = 0;
  for (let start = wordIndex(instruction, command); start !== -1; start = wordIndex(instruction, command, start + 1)) {
    for (let i = start + 1; i < instruction.words.length; i++) {
      const current = unquote(instruction.words[i] ?? '');
      if (current === word) {
        if (seen++ === occurrence) return instruction.wordRanges?.[i] ?? instruction.range;
        break;
      }
      if (SEPARATOR.test(current)) break;
    }
  }
  return wordRange(instruction, word);
}

/** A word as a shell command sees it: unquoted, without the `;` that ends its command (`make;`). */
function commandWord(word: string): string {
  const bare = unquote(word);
  return bare.length > 1 && bare.endsWith(';') ? bare.slice(0, -1) : bare;
}

/**
 * Where each of `words` is, in the order the command wrote them: a repeated name points at its
 * own place, and the whole lookup is one pass over the instruction (a search from the start for
 * each package was quadratic on long install lists). Falls back like `wordRange`.
 */
export function wordRangesInOrder(instruction: Instruction, words: readonly string[]): SourceRange[] {
  const positions = new Map<string, number[]>();
  // A word that starts a command (`make` in `…; make install`) is a program, never an argument.
  let startsCommand = true;
  instruction.words.forEach((word, index) => {
    const wasStart = startsCommand;
    startsCommand = SEPARATOR.test(word);
    if (wasStart || OPERATOR.test(word)) return;
    const key = commandWord(word);
    const list = positions.get(key);
    if (list) list.push(index);
    else positions.set(key, [index]);
  });
  const next = new Map<string, number>();
  let cursor = -1;
  return words.map((word) => {
    const list = positions.get(word);
    if (!list) return instruction.range;
    let at = next.get(word) ?? 0;
    // Skip places before the previous word's: they belong to an earlier command.
    while (at < list.length && list[at]! <= cursor) at++;
    next.set(word, at + 1);
    const index = list[at];
    if (index === undefined) return instruction.range;
    cursor = index;
    return instruction.wordRanges?.[index] ?? instruction.range;
  });
}

/** One finding per word, each at its own place (see `wordRangesInOrder`). */
export function atEachWord(instruction: Instruction, words: readonly string[], message: (word: string) => string): { range: SourceRange; message: string }[] {
  const ranges = wordRangesInOrder(instruction, words);
  return words.map((word, i) => ({ range: ranges[i]!, message: message(word) }));
}
