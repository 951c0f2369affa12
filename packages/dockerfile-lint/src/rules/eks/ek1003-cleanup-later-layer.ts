import type { ShellCommand } from '../../model/shell.js';
import type { Rule } from '../../rule.js';
import { overlaps, packagesInstalled, packagesRemoved, pathsCleaned, pathsLeftInLayer, pathsWritten } from './cleanup-paths.js';
import { shippedStages } from './stages.js';

interface Origin {
  line: number;
  command: ShellCommand;
}

const shown = (command: ShellCommand): string => [command.name, ...command.args.filter((a) => !a.startsWith('-')).slice(0, 1)].join(' ');

/**
 * A layer is immutable: deleting in RUN 3 what RUN 2 wrote only hides it, and the bytes still
 * ship and are pulled on every node. Only stages that end up in the image are checked.
 */
export const ek1003: Rule = {
  code: 'EK1003',
  severity: 'warning',
  category: 'layers',
  title: 'Cleanup runs in a later layer than the install, so the removed files still ship in the earlier layer',
  check({ model, report }) {
    const stages = shippedStages(model);
    const runs = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN'));
    // Most files clean up nowhere after their first RUN, or remove no packages: skip the bookkeeping then.
    const cleansAfterFirst = runs.slice(1).some((run) => (run.shell?.commands ?? []).some((c) => pathsCleaned(c).length > 0 || packagesRemoved(c).length > 0));
    if (!cleansAfterFirst) return;
    const removesPackages = runs.slice(1).some((run) => (run.shell?.commands ?? []).some((c) => packagesRemoved(c).length > 0));
    const leftPaths = new Map<string, Origin>();
    const installed = new Map<string, Origin>();
    for (const stage of stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'RUN') continue;
        const commands = instruction.shell?.commands ?? [];
        const writtenHere = commands.flatMap(pathsWritten);
        const installedHere = removesPackages ? packagesInstalled(instruction) : new Map<string, ShellCommand>();
        const late = new Set<string>();
        for (const command of commands) {
          for (const cleaned of pathsCleaned(command)) {
            if (writtenHere.some((w) => overlaps(cleaned, w))) continue;
            for (const [path, origin] of leftPaths) {
              if (!overlaps(cleaned, path)) continue;
              late.add(`\`${shown(command)}\` cleans ${path}, which \`${shown(origin.command)}\` on line ${origin.line} already stored in its layer`);
              leftPaths.delete(path);
            }
          }
          const removedEarlier = packagesRemoved(command).filter((name) => installed.has(name) && !installedHere.has(name));
          if (removedEarlier.length > 0) {
            const origin = installed.get(removedEarlier[0] ?? '');
            late.add(`\`${shown(command)}\` removes ${removedEarlier.join(', ')}, installed on line ${origin?.line ?? '?'} in an earlier layer`);
            for (const name of removedEarlier) installed.delete(name);
          }
        }
        if (late.size > 0) {
          report(instruction, `${[...late].join('; ')}: the files stay in that earlier layer and still ship. Do the cleanup in the same RUN as the install, or use a cache mount or a build stage.`);
        }
        for (const [path, command] of pathsLeftInLayer(instruction)) leftPaths.set(path, { line: instruction.range.startLine, command });
        for (const [name, command] of installedHere) installed.set(name, { line: instruction.range.startLine, command });
      }
    }
  },
};
