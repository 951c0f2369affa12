import type { Instruction } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';

/** `[ip:][host:]port[/proto]` as BuildKit splits an EXPOSE word (an IPv6 address keeps its colons). */
function portParts(word: string): { ip: string; host: string; proto: string } {
  const parts = word.split(':');
  const container = parts[parts.length - 1] ?? '';
  const host = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  const ip = parts.length >= 3 ? parts.slice(0, -2).join(':') : '';
  const slash = container.indexOf('/');
  return { ip, host, proto: slash === -1 ? '' : container.slice(slash + 1) };
}

/** EXPOSE words without variables (a variable's value is only known at build time). */
function exposedWords(instruction: Instruction): string[] {
  return instruction.keyword === 'EXPOSE' ? instruction.words.filter((w) => !w.includes('$')) : [];
}

export const exposeProtoCasing: Rule = {
  ...buildkitMeta('ExposeProtoCasing', 'style', 'maintainability', 'The protocol in EXPOSE should be lowercase'),
  check({ model, report }) {
    for (const instruction of model.instructions) {
      for (const word of exposedWords(instruction)) {
        const { proto } = portParts(word);
        if (proto !== proto.toLowerCase()) report(instruction, `Protocol in \`EXPOSE ${word}\` should be lowercase`);
      }
    }
  },
};

export const exposeInvalidFormat: Rule = {
  ...buildkitMeta('ExposeInvalidFormat', 'warning', 'correctness', 'EXPOSE should not name an IP address or a host port'),
  check({ model, report }) {
    for (const instruction of model.instructions) {
      for (const word of exposedWords(instruction)) {
        const { ip, host } = portParts(word);
        if (ip !== '' || host !== '') report(instruction, `EXPOSE takes a port and protocol only, found \`${word}\`: publish host ports when the container is run`);
      }
    }
  },
};
