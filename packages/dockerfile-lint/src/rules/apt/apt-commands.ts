import type { Instruction } from '../../model/dockerfile.js';
import { commandWordRange } from '../../model/positions.js';
import type { ShellCommand } from '../../model/shell.js';
import { positionalArgs } from '../../model/shell.js';
import type { SourceRange } from '../../types.js';

/** `apt-get install …` commands of a RUN (not `apt`, which DL3027 is about, as in hadolint). */
export function aptGetInstalls(run: Instruction): ShellCommand[] {
  return (run.shell?.commands ?? []).filter((c) => c.name === 'apt-get' && positionalArgs(c.args, APT_VALUE_FLAGS).includes('install'));
}

export const APT_VALUE_FLAGS: ReadonlySet<string> = new Set(['-o', '--option', '-t', '--target-release', '-c', '--config-file']);

/** One finding at the `install` of the first `apt-get install` of a RUN that fails `wrong`, not merely the first of the RUN. */
export function firstAptInstallWhere(run: Instruction, at: Instruction, wrong: (command: ShellCommand) => boolean): { range: SourceRange }[] | undefined {
  const index = aptGetInstalls(run).findIndex(wrong);
  return index === -1 ? undefined : [{ range: commandWordRange(at, 'apt-get', 'install', index) }];
}
