import { derived, derivedSlot } from '../../model/derived.js';
import type { Instruction } from '../../model/dockerfile.js';
import { hasFlag, positionalArgs, type ShellCommand } from '../../model/shell.js';
import { installCommands, managerOf } from '../package-managers.js';
import { isWithinNormalized, normalizePath, volatileMountTargets } from './mounts.js';

const APT = ['/var/lib/apt/lists', '/var/cache/apt'];
const PIP_CACHE = '/root/.cache/pip';
const NPM_CACHE = '/root/.npm';
const YARN_CACHE = '/usr/local/share/.cache/yarn';

// Commands that can write, clean or remove anything the functions below know: a cheap first test.
const RELEVANT = new Set(['apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'zypper', 'apk', 'npm', 'yarn', 'rm']);
const relevant = (command: ShellCommand): boolean => RELEVANT.has(command.name) || /^(pip|python)/.test(command.name);

const REMOVE_VERBS: Record<string, string[]> = {
  'apt-get': ['remove', 'purge'],
  apt: ['remove', 'purge'],
  apk: ['del'],
  yum: ['remove', 'erase'],
  dnf: ['remove', 'erase'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
  pip: ['uninstall'],
};

interface CommandEffects {
  written: string[];
  cleaned: string[];
  removed: string[];
}

// Several rules ask about the same commands: each is worked out once.
const EFFECTS = derivedSlot();
const NONE: CommandEffects = { written: [], cleaned: [], removed: [] };

function effectsOf(command: ShellCommand): CommandEffects {
  if (!relevant(command)) return NONE;
  return derived(command, EFFECTS, computeEffects);
}

function computeEffects(command: ShellCommand): CommandEffects {
  return { written: computeWritten(command), cleaned: computeCleaned(command), removed: computeRemoved(command) };
}

/** Cache and index directories a command writes: what a later `rm -rf` would try to take back. */
export function pathsWritten(command: ShellCommand): string[] {
  return effectsOf(command).written;
}

/** Directories a command empties: `rm -rf /var/lib/apt/lists/*`, `apt-get clean`, `pip cache purge` … */
export function pathsCleaned(command: ShellCommand): string[] {
  return effectsOf(command).cleaned;
}

const OPTION_FLAG: ReadonlySet<string> = new Set(['-o']);

/** Packages a command removes, for `apt-get purge`, `apk del`, `yum remove`, `pip uninstall` … */
export function packagesRemoved(command: ShellCommand): string[] {
  return effectsOf(command).removed;
}

/** Cache and index directories a command writes: what a later `rm -rf` would try to take back. */
function computeWritten(command: ShellCommand): string[] {
  const found = managerOf(command);
  const verb = positionalArgs(found?.args ?? command.args)[0];
  switch (found?.manager ?? command.name) {
    case 'apt-get':
    case 'apt':
      return verb === 'install' || verb === 'update' || verb === 'upgrade' || verb === 'dist-upgrade' ? APT : [];
    case 'yum':
      return verb === 'install' || verb === 'update' || verb === 'makecache' ? ['/var/cache/yum'] : [];
    case 'dnf':
      return verb === 'install' || verb === 'update' || verb === 'makecache' ? ['/var/cache/dnf'] : [];
    case 'microdnf':
      return verb === 'install' || verb === 'update' ? ['/var/cache/yum', '/var/cache/dnf'] : [];
    case 'zypper':
      return verb === 'install' || verb === 'in' || verb === 'refresh' ? ['/var/cache/zypp'] : [];
    case 'apk':
      return (verb === 'add' || verb === 'update') && !hasFlag(command.args, '--no-cache') ? ['/var/cache/apk'] : [];
    case 'pip':
      return verb === 'install' && !hasFlag(command.args, '--no-cache-dir') && !(command.assignments ?? []).some((a) => a.startsWith('PIP_NO_CACHE_DIR=')) ? [PIP_CACHE] : [];
    case 'npm':
      return ['install', 'i', 'ci', 'add'].includes(verb ?? '') ? [NPM_CACHE] : [];
    case 'yarn':
      return verb === undefined || verb === 'install' || verb === 'add' ? [YARN_CACHE] : [];
    default:
      return [];
  }
}

/** Directories a command empties: `rm -rf /var/lib/apt/lists/*`, `apt-get clean`, `pip cache purge` … */
function computeCleaned(command: ShellCommand): string[] {
  const words = positionalArgs(command.args);
  const verb = words[0];
  if (command.name === 'rm') return words.map((p) => normalizePath(p.replace(/\/\*+$/, '')));
  if ((command.name === 'apt-get' || command.name === 'apt') && (verb === 'clean' || verb === 'autoclean')) return ['/var/cache/apt'];
  if ((command.name === 'yum' || command.name === 'dnf' || command.name === 'microdnf') && verb === 'clean') return ['/var/cache/yum', '/var/cache/dnf'];
  if (command.name === 'zypper' && (verb === 'clean' || verb === 'cc')) return ['/var/cache/zypp'];
  if (command.name === 'apk' && verb === 'cache' && words[1] === 'clean') return ['/var/cache/apk'];
  if (/^pip[0-9.]*$/.test(command.name) && verb === 'cache' && (words[1] === 'purge' || words[1] === 'remove')) return [PIP_CACHE];
  if (command.name === 'npm' && verb === 'cache' && words[1] === 'clean') return [NPM_CACHE];
  if (command.name === 'yarn' && verb === 'cache' && words[1] === 'clean') return [YARN_CACHE];
  return [];
}

/** Whether cleaning `cleaned` takes away (some of) `written`: `rm -rf /root/.cache` covers pip's cache. */
export function overlaps(cleaned: string, written: string): boolean {
  // Both sides come normalized from the tables and `pathsCleaned`.
  return isWithinNormalized(written, cleaned) || isWithinNormalized(cleaned, written);
}

/**
 * The cache directories a RUN leaves in its layer: written by its commands, not cleaned in the
 * same RUN and not under a cache or tmpfs mount.
 */
export function pathsLeftInLayer(instruction: Instruction): Map<string, ShellCommand> {
  const left = new Map<string, ShellCommand>();
  const commands = instruction.shell?.commands ?? [];
  const cleaned = commands.flatMap(pathsCleaned);
  const mounts = volatileMountTargets(instruction);
  for (const command of commands) {
    for (const path of pathsWritten(command)) {
      if (left.has(path)) continue;
      if (mounts.some((target) => isWithinNormalized(path, target))) continue;
      if (cleaned.some((c) => overlaps(c, path))) continue;
      left.set(path, command);
    }
  }
  return left;
}

/** Packages a command removes, for `apt-get purge`, `apk del`, `yum remove`, `pip uninstall` … */
function computeRemoved(command: ShellCommand): string[] {
  const found = managerOf(command);
  const manager = found?.manager ?? command.name;
  const words = positionalArgs(found?.args ?? command.args, OPTION_FLAG);

  if (!Object.hasOwn(REMOVE_VERBS, manager) || !REMOVE_VERBS[manager]?.includes(words[0] ?? '')) return [];
  return words.slice(1).map(packageName);
}

/** Packages a RUN installs, by name, with apk `--virtual` group names. */
export function packagesInstalled(instruction: Instruction): Map<string, ShellCommand> {
  const installed = new Map<string, ShellCommand>();
  for (const install of installCommands(instruction)) {
    for (const name of install.packages) installed.set(packageName(name), install.command);
    if (install.manager === 'apk') {
      const args = install.command.args;
      args.forEach((arg, i) => {
        if ((arg === '--virtual' || arg === '-t') && args[i + 1]) installed.set(args[i + 1] ?? '', install.command);
        if (arg.startsWith('--virtual=')) installed.set(arg.slice('--virtual='.length), install.command);
      });
    }
  }
  return installed;
}

/** `curl=7.88.1-10` → `curl`; `flask==3.0` → `flask`; `@types/node@20` → `@types/node`. Lower case. */
export function packageName(word: string): string {
  // Plain names (most of them) need no pattern.
  if (/^[a-z0-9][a-z0-9._+-]*$/.test(word)) return word;
  const withoutVersion = word.replace(/^(@?[^@=<>~!\s[]+)(\[[^\]]*\])?.*$/, '$1');
  return withoutVersion.toLowerCase();
}
