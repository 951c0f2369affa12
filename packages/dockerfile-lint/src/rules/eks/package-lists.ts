import type { Instruction } from '../../model/dockerfile.js';
import { wordIndex } from '../../model/positions.js';
import { bareWord, locateWords } from '../../model/word-ranges.js';
import type { SourceRange } from '../../types.js';
import { installCommands, type InstallCommand } from '../package-managers.js';
import { packageName } from './cleanup-paths.js';

export interface LocatedPackage {
  /** As written: `curl=7.88.1-10`. */
  word: string;
  /** Compared by: lower case, no version. */
  key: string;
  range: SourceRange | undefined;
}

export interface PackageList {
  install: InstallCommand;
  packages: LocatedPackage[];
  /** The packages are written on more than one line. */
  multiLine: boolean;
}

// Go modules name versions, not a list people keep sorted.
const LISTED = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'pip', 'npm', 'yarn', 'pnpm', 'gem']);

// Two rules read the same lists; work them out once per instruction.
const cache = new WeakMap<Instruction, PackageList[]>();

/** The package lists of a RUN's installs with where each package is written. Variables are left out. */
export function packageLists(instruction: Instruction): PackageList[] {
  const cached = cache.get(instruction);
  if (cached) return cached;
  const lists: PackageList[] = [];
  let cursor = 0;
  for (const install of installCommands(instruction)) {
    const start = wordIndex(instruction, (w) => bareWord(w).replace(/^.*\//, '') === install.command.name, cursor);
    if (start !== -1) cursor = start + 1;
    if (!LISTED.has(install.manager)) continue;
    const words = install.packages.filter((p) => !p.includes('$') && !p.startsWith('.') && !p.startsWith('/'));
    const located = locateWords(instruction, words, cursor);
    cursor = located.next;
    const packages = words.map((word, i) => ({ word, key: packageName(word), range: located.ranges[i] }));
    const lines = new Set(packages.flatMap((p) => (p.range ? [p.range.startLine] : [])));
    lists.push({ install, packages, multiLine: lines.size > 1 });
  }
  cache.set(instruction, lists);
  return lists;
}
