import type { DockerfileModel, Instruction } from '../../model/dockerfile.js';
import { stageLineage } from '../../model/stages.js';
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

/**
 * A version given by a variable (`git-${GIT_VERSION}`, kept up to date by a bot) counts as a pin
 * when every variable in it is defined where the RUN runs: by an ARG anywhere in the file, or by
 * an ENV in the stage or a stage it is built FROM. An ENV of an unrelated stage is not in scope.
 */
export function variablesDefined(model: DockerfileModel, at: Instruction, pkg: string): boolean {
  const names = [...pkg.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  const defined = new Set<string>();
  for (const instruction of model.instructions) if (instruction.keyword === 'ARG') (instruction.properties ?? []).forEach((p) => defined.add(p.name));
  const lineage = at.stage ? stageLineage(model, at.stage) : [];
  for (const stage of lineage) {
    for (const instruction of stage.instructions) {
      if (stage === at.stage && instruction.range.startLine >= at.range.startLine) break;
      if (instruction.keyword === 'ENV') (instruction.properties ?? []).forEach((p) => defined.add(p.name));
    }
  }
  return names.every((name) => defined.has(name));
}
