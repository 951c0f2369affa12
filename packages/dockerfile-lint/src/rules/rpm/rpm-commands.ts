import type { Instruction } from '../../model/dockerfile.js';
import { hasFlag, positionalArgs, type ShellCommand } from '../../model/shell.js';

const VALUE_FLAGS: ReadonlySet<string> = new Set([
  '--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '-c', '--config', '-x', '--exclude', '--repo', '--repoid',
]);

/** The sub-command of a yum/dnf/zypper command line: its first word that is not a flag or a flag's value. */
export function subcommandOf(command: ShellCommand): string | undefined {
  return positionalArgs(command.args, VALUE_FLAGS)[0];
}

export function positional(command: ShellCommand): string[] {
  return positionalArgs(command.args, VALUE_FLAGS);
}

/** Commands of a RUN run by one of `names` with one of `subcommands`. */
export function commandsWith(run: Instruction, names: readonly string[], subcommands: readonly string[]): ShellCommand[] {
  return (run.shell?.commands ?? []).filter((c) => names.includes(c.name) && subcommands.includes(subcommandOf(c) ?? ''));
}

export function answersYes(command: ShellCommand, ...flags: string[]): boolean {
  return hasFlag(command.args, ...flags);
}

/**
 * Whether the cache-creating command at `index` is followed by a cleanup in the same RUN, so the
 * downloaded metadata and packages never reach the layer.
 */
export function cleanedAfter(run: Instruction, index: number, isCleanup: (command: ShellCommand) => boolean): boolean {
  return (run.shell?.commands ?? []).some((c, i) => i > index && isCleanup(c));
}

/**
 * rpm-style pins: `name-1.2.3` or `name-1.2.3-4.el9`, where a part after a dash starts with a
 * digit. Local `.rpm` files are pinned by their file.
 */
export function isRpmPinned(pkg: string): boolean {
  if (pkg.endsWith('.rpm')) return true;
  const parts = pkg.split('-');
  if (parts.length < 2) return false;
  const rest = parts.slice(1);
  return rest.every((p) => /^[A-Za-z0-9.~^_:+]+$/.test(p)) && rest.some((p) => /^\d/.test(p));
}
