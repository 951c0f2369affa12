import type { SourceRange } from '../types.js';
import { derived, derivedSlot } from './derived.js';
import type { Instruction } from './dockerfile.js';

// Characters a word can start or end with that the shell does not keep as part of it.
const DECORATION = new Set(['(', ')', '"', "'", ';', '|', '&']);

/**
 * The source word as the shell would see it, for matching against parsed command words:
 * surrounding quotes and glued-on operators (`curl;`, `(cd`, `x&&`) removed.
 */
export function bareWord(word: string): string {
  // Most words are plain: skip the rewriting for them.
  if (!DECORATION.has(word[0] ?? '') && !DECORATION.has(word[word.length - 1] ?? '')) return word;
  return word
    .replace(/^[(]+/, '')
    .replace(/(?:&&|\|\||[;|&)])+$/, '')
    .replace(/^(["'])(.*)\1$/, '$2');
}

// A word that ends a simple command: the search for its words stops there.
const COMMAND_END = /^(&&|\|\||;|\|)$|(;|&&)$/;

interface BareWords {
  bare: string[];
  endsCommand: boolean[];
}

// Rules search the same instruction's words many times: prepare them once.
const BARE_WORDS = derivedSlot();

function bareWordsOf(instruction: Instruction): BareWords {
  return derived(instruction, BARE_WORDS, prepareBareWords);
}

function prepareBareWords({ words }: Instruction): BareWords {
  const bare = words.map(bareWord);
  // Only a word that changed when made bare (`&&`, `curl;`) can end a command.
  const endsCommand = words.map((word, i) => word !== bare[i] && COMMAND_END.test(word));
  return { bare, endsCommand };
}

/** The bare form of word `index`, or undefined past the end. */
export function bareWordAt(instruction: Instruction, index: number): string | undefined {
  return bareWordsOf(instruction).bare[index];
}

/** Index of the first word at or after `from` whose bare form (see `bareWord`) satisfies `test`, or -1. */
export function bareWordIndex(instruction: Instruction, test: (bare: string) => boolean, from = 0): number {
  const { bare } = bareWordsOf(instruction);
  for (let i = from; i < bare.length; i++) if (test(bare[i] ?? '')) return i;
  return -1;
}

/**
 * Finds `targets` among an instruction's source words, in order, starting at word `from` and
 * within one simple command (and before word `to`): how a rule reports at one package of a
 * multi-line `apt-get install`. A target that is not found (a word the shell rewrote) gets no
 * range and does not move the search on.
 */
export function locateWords(
  instruction: Instruction,
  targets: readonly string[],
  from = 0,
  to = Number.POSITIVE_INFINITY,
): { ranges: (SourceRange | undefined)[]; next: number } {
  const { bare, endsCommand } = bareWordsOf(instruction);
  const end = Math.min(to, bare.length);
  const ranges: (SourceRange | undefined)[] = [];
  let cursor = from;
  for (const target of targets) {
    let found = -1;
    for (let i = cursor; i < end; i++) {
      if (bare[i] === target) {
        found = i;
        break;
      }
      if (endsCommand[i]) break;
    }
    ranges.push(found === -1 ? undefined : instruction.wordRanges?.[found]);
    if (found !== -1) cursor = found + 1;
  }
  return { ranges, next: cursor };
}
