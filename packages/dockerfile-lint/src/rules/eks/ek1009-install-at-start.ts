import type { Instruction } from '../../model/dockerfile.js';
import { parseShell, type ShellCommand } from '../../model/shell.js';
import type { Rule } from '../../rule.js';
import { installCommandsIn } from '../package-managers.js';
import { copyOperands } from './context-copy.js';
import { dependencyStep } from './ecosystems.js';

/** The shell commands a CMD/ENTRYPOINT runs: its shell form, or `sh -c "…"` in exec form. */
function startCommands(instruction: Instruction): ShellCommand[] {
  const exec = instruction.execForm;
  if (!exec) return parseShell(instruction.args).commands;
  const [program = '', flag, script] = exec;
  if (/(^|\/)(ba|da|a)?sh$/.test(program) && flag === '-c' && script !== undefined) return parseShell(script).commands;
  return program ? [{ name: program.replace(/^.*\//, ''), args: exec.slice(1) }] : [];
}

// Every installer and install verb the checks below know; text without both needs no shell parse.
const INSTALLER = /\b(apt-get|apt|apk|yum|dnf|microdnf|zypper|pip[0-9.]*|python[0-9.]*|npm|yarn|pnpm|gem|go|bundle|bundler|composer|poetry|pipenv|uv)\b/;
const MAY_INSTALL = /install|\badd\b|\bci\b|\bsync\b|\bget\b|\bnpm\s+i\b|\bzypper\s+in\b|\bfetch\b|\bbundle\b|\byarn\b|\brestore\b/;
const mayInstall = (text: string): boolean => INSTALLER.test(text) && MAY_INSTALL.test(text);

/** The first install among commands: an OS or language package install, or a dependency install. */
function firstInstall(commands: ShellCommand[]): ShellCommand | undefined {
  const install = installCommandsIn(commands)[0]?.command;
  if (install) return install;
  return commands.find((c) => {
    const ecosystem = dependencyStep(c);
    return ecosystem !== undefined && ecosystem !== 'go' && ecosystem !== 'maven' && ecosystem !== 'gradle' && ecosystem !== 'cargo' && ecosystem !== 'dotnet';
  });
}

/** `RUN cat <<EOF > /entrypoint.sh`: the file the heredoc is written to. */
function redirectTarget(instruction: Instruction): string | undefined {
  for (const command of instruction.shell?.commands ?? []) {
    if (command.name !== 'cat' && command.name !== 'tee') continue;
    const arrow = command.args.findIndex((a) => a === '>' || a === '>>');
    const target = arrow === -1 ? (command.name === 'tee' ? command.args.find((a) => !a.startsWith('-')) : undefined) : command.args[arrow + 1];
    if (target) return target;
  }
  return undefined;
}

const shown = (command: ShellCommand): string => [command.name, ...command.args.filter((a) => !a.startsWith('-')).slice(0, 1)].join(' ');

/**
 * Installing at container start makes every pod start and every scale-out wait for downloads,
 * needs registry access from the nodes, and can start a different set of versions each time.
 */
export const ek1009: Rule = {
  code: 'EK1009',
  severity: 'warning',
  category: 'startup',
  title: 'Packages are installed when the container starts instead of when the image is built',
  check({ model, report }) {
    // Scripts written inline (`COPY <<EOF /entrypoint.sh`) that install, by destination path.
    const scripts = new Map<string, { line: number; command: ShellCommand }>();
    for (const instruction of model.instructions) {
      const destination = !instruction.heredocs ? undefined : instruction.keyword === 'RUN' ? redirectTarget(instruction) : copyOperands(instruction).destination;
      // A RUN heredoc that is the build script itself (`RUN <<EOF`) writes no file: not a start script.
      if (instruction.heredocs && destination) {
        for (const heredoc of instruction.heredocs) {
          if (!mayInstall(heredoc.body)) continue;
          const install = firstInstall(parseShell(heredoc.body).commands);
          if (!install) continue;
          // The line inside the body where the install is written, for the message.
          const name = new RegExp(`(^|[\\s/;&|(])${install.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`);
          const offset = heredoc.body.split('\n').findIndex((line) => name.test(line));
          scripts.set(destination.replace(/^.*\//, ''), { line: heredoc.startLine + Math.max(offset, 0), command: install });
        }
      }
      if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
      if (!mayInstall(instruction.args) && scripts.size === 0) continue;
      const commands = startCommands(instruction);
      const install = firstInstall(commands);
      if (install) {
        report(instruction, `${instruction.keyword} runs \`${shown(install)}\` every time the container starts: each pod start and scale-out waits for the download and needs the registry to be reachable. Install in a RUN at build time.`);
        continue;
      }
      const script = commands.flatMap((c) => [c.name, ...c.args]).map((word) => scripts.get(word.replace(/^.*\//, ''))).find((s) => s !== undefined);
      if (script) {
        report(
          instruction,
          `${instruction.keyword} starts a script that runs \`${shown(script.command)}\` (line ${script.line}) every time the container starts: each pod start and scale-out waits for the download. Install in a RUN at build time.`,
        );
      }
    }
  },
};
