import { wordRange } from '../../model/positions.js';
import { instructionRule } from '../../rule.js';

function outOfRange(word: string): boolean {
  if (word.includes('$')) return false;
  const ports = (word.split('/')[0] ?? '').split('-');
  return ports.some((p) => /^\d+$/.test(p) && Number(p) > 65535);
}

export const dl3011 = instructionRule(
  { code: 'DL3011', severity: 'error', category: 'correctness', title: 'Valid UNIX ports range from 0 to 65535', hadolint: true },
  (instruction, { report }) => {
    if (instruction.keyword !== 'EXPOSE') return;
    for (const word of instruction.words.filter(outOfRange)) report(wordRange(instruction, word), `Port ${word} is out of range: valid ports are 0 to 65535`);
  },
);
