import type { Instruction } from '../../model/dockerfile.js';
import type { ShellCommand } from '../../model/shell.js';
import { positionalArgs } from '../../model/shell.js';

/** `apt-get install …` commands of a RUN (not `apt`, which DL3027 is about, as in hadolint). */
export function aptGetInstalls(run: Instruction): ShellCommand[] {
  return (run.shell?.commands ?? []).filter((c) => c.name === 'apt-get' && positionalArgs(c.args, APT_VALUE_FLAGS).includes('install'));
}

export const APT_VALUE_FLAGS: ReadonlySet<string> = new Set(['-o', '--option', '-t', '--target-release', '-c', '--config-file']);
