import { derived, derivedSlot } from '../../model/derived.js';
import type { Instruction } from '../../model/dockerfile.js';
import { bareWordAt, bareWordIndex, locateWords } from '../../model/word-ranges.js';
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
const LISTS = derivedSlot();

/** Package words of an install that a list check looks at: variables, paths and local files are left out. */
function listedWords(install: InstallCommand): string[] {
  return install.packages.filter((p) => !p.includes('$') && !p.startsWith('.') && !p.startsWith('/'));
}

const KEYS = derivedSlot();

/** The compared names (`LocatedPackage.key`) of each list of a RUN, in `packageLists` order. */
function listKeys(instruction: Instruction): string[][] {
  return derived(instruction, KEYS, keysOfLists);
}

function keysOfLists(instruction: Instruction): string[][] {
  const keys: string[][] = [];
  for (const install of installCommands(instruction)) if (LISTED.has(install.manager)) keys.push(listedWords(install).map(packageName));
  return keys;
}

// Cheap tests before `packageLists`, which also finds where every package is written.

/** Whether some install of a RUN lists a package twice. */
export function listsAPackageTwice(instruction: Instruction): boolean {
  return listKeys(instruction).some((keys) => keys.length > 1 && new Set(keys).size < keys.length);
}

/** Whether some install of a RUN lists a package before one that sorts ahead of it. */
export function listsOutOfOrder(instruction: Instruction): boolean {
  return listKeys(instruction).some((keys) => keys.some((key, i) => i > 0 && key < keys[i - 1]!));
}

/** The package lists of a RUN's installs with where each package is written. Variables are left out. */
export function packageLists(instruction: Instruction): PackageList[] {
  return derived(instruction, LISTS, locatePackageLists);
}

function locatePackageLists(instruction: Instruction): PackageList[] {
  const lists: PackageList[] = [];
  let cursor = 0;
  for (const install of installCommands(instruction)) {
    if (!LISTED.has(install.manager)) continue;
    const words = listedWords(install);
    // `apt-get update && apt-get install …`: the right `apt-get` is the one followed by this command's first word.
    const { name, args } = install.command;
    const suffix = `/${name}`;
    const isName = (w: string): boolean => w === name || w.endsWith(suffix);
    let start = bareWordIndex(instruction, isName, cursor);
    for (let next = start; next !== -1; next = bareWordIndex(instruction, isName, next + 1)) {
      if (args.length === 0 || bareWordAt(instruction, next + 1) === args[0]) {
        start = next;
        break;
      }
    }
    // The command's source words are its arguments plus line continuations: never search further.
    const located = start === -1 ? { ranges: words.map((): SourceRange | undefined => undefined), next: cursor } : locateWords(instruction, words, start + 1, start + 2 * args.length + 3);
    cursor = located.next;
    const packages = words.map((word, i) => ({ word, key: packageName(word), range: located.ranges[i] }));
    const lines = new Set(packages.flatMap((p) => (p.range ? [p.range.startLine] : [])));
    lists.push({ install, packages, multiLine: lines.size > 1 });
  }
  return lists;
}
