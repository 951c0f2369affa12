import type { Instruction } from '../../model/dockerfile.js';
import { hasFlag, positionalArgs, type ShellCommand } from '../../model/shell.js';
import type { Rule } from '../../rule.js';
import { installCommands } from '../package-managers.js';
import { packageName, packagesRemoved } from './cleanup-paths.js';
import { shippedStages } from './stages.js';

// OS packages that are compilers, build systems or SDKs: needed to build, dead weight to run.
const BUILD_TOOLS = new Set([
  'gcc', 'g++', 'gcc-c++', 'cpp', 'clang', 'llvm', 'make', 'cmake', 'ninja-build', 'autoconf', 'automake', 'libtool',
  'build-essential', 'build-base', 'alpine-sdk', 'musl-dev', 'libc6-dev', 'libc-dev', 'glibc-devel',
  'golang', 'golang-go', 'go', 'rust', 'rustc', 'cargo', 'maven', 'gradle', 'ant', 'nodejs-dev',
  'default-jdk', 'openjdk-8-jdk', 'openjdk-11-jdk', 'openjdk-17-jdk', 'openjdk-21-jdk', 'openjdk8', 'openjdk11', 'openjdk17', 'openjdk21',
  'java-1.8.0-openjdk-devel', 'java-11-openjdk-devel', 'java-17-openjdk-devel', 'java-21-openjdk-devel',
  'python3-dev', 'python-dev', 'python3-devel',
]);
const OS_MANAGERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);

function virtualGroups(args: string[]): string[] {
  return args.flatMap((arg, i) => (arg === '--virtual' || arg === '-t' ? [args[i + 1] ?? ''] : arg.startsWith('--virtual=') ? [arg.slice(10)] : []));
}

function isBuildTool(name: string): boolean {
  return BUILD_TOOLS.has(name) || /^gcc\d*$|^g\+\+-?\d*$|^clang-\d+$/.test(name) || /-(dev|devel)$/.test(name);
}

/**
 * The official images' cleanup: `apt-mark auto '.*'` (after saving the manual list), then
 * `apt-get purge -y --auto-remove` or `apt-get autoremove` removes every package this RUN
 * installed except those marked manual again by name (the runtime libraries it keeps).
 */
function aptAutoRemoved(commands: readonly ShellCommand[]): { removesInstalled: boolean; keptByName: Set<string> } {
  const keptByName = new Set<string>();
  let markedAuto = false;
  let removesInstalled = false;
  for (const command of commands) {
    const words = positionalArgs(command.args);
    if (command.name === 'apt-mark' && words[0] === 'auto') markedAuto = true;
    else if (command.name === 'apt-mark' && words[0] === 'manual') words.slice(1).forEach((w) => keptByName.add(packageName(w)));
    else if (markedAuto && (command.name === 'apt-get' || command.name === 'apt')) {
      if (words[0] === 'autoremove' || ((words[0] === 'purge' || words[0] === 'remove') && hasFlag(command.args, '--auto-remove', '--autoremove'))) removesInstalled = true;
    }
  }
  return { removesInstalled, keptByName };
}

/** The npm install of a RUN that also installs devDependencies (no `--omit=dev`, no NODE_ENV=production). */
function installsDevDependencies(instruction: Instruction, productionEnv: boolean): boolean {
  if (productionEnv) return false;
  return installCommands(instruction).some(
    (i) =>
      i.manager === 'npm' &&
      ['ci', 'install', 'i'].includes(i.command.args.find((a) => !a.startsWith('-')) ?? '') &&
      i.packages.length === 0 &&
      !hasFlag(i.command.args, '--omit', '--production', '--only', '-g', '--global') &&
      !(i.command.assignments ?? []).some((a) => /^NODE_ENV=prod/.test(a)),
  );
}

/** Build tools a RUN installs with an OS package manager and nothing removes, each once. */
function shippedBuildTools(instruction: Instruction, removedLater: ReadonlySet<string>): string[] {
  const osInstalls = installCommands(instruction).filter((i) => OS_MANAGERS.has(i.manager));
  // Most RUNs install no build tool at all: then there is no removal to look for.
  if (!osInstalls.some((i) => i.packages.some((p) => isBuildTool(packageName(p))))) return [];
  const commands = instruction.shell?.commands ?? [];
  const removedHere = new Set(commands.flatMap(packagesRemoved));
  const removed = (name: string): boolean => removedHere.has(name) || removedLater.has(name);
  const autoRemoved = aptAutoRemoved(commands);
  const tools = osInstalls
    // `apk add --virtual .build-deps gcc … && apk del .build-deps` removes the group by name.
    .filter((i) => !virtualGroups(i.command.args).some(removed))
    .flatMap((i) => {
      const names = i.packages.map(packageName);
      const autoRemovedHere = autoRemoved.removesInstalled && (i.manager === 'apt-get' || i.manager === 'apt');
      return autoRemovedHere ? names.filter((name) => autoRemoved.keptByName.has(name)) : names;
    })
    .filter((name) => isBuildTool(name) && !removed(name));
  return [...new Set(tools)];
}

/**
 * Compilers, headers and dev dependencies installed in a stage the image is made of, and not
 * removed in the same RUN: they ship in every pull to every node. A build stage does not ship
 * them (copy only its output with `COPY --from`). Removal in a later RUN is EK1003's finding.
 */
export const ek1006: Rule = {
  code: 'EK1006',
  severity: 'warning',
  category: 'size',
  title: 'Build tools are installed in the image that ships; build in a separate stage',
  check({ model, report }) {
    const multiStage = model.stages.length > 1;
    const removedLater = new Set<string>();
    const stages = shippedStages(model);
    for (const stage of stages)
      for (const instruction of stage.instructions) for (const command of instruction.shell?.commands ?? []) packagesRemoved(command).forEach((n) => removedLater.add(n));
    // A later `npm prune --omit=dev` still leaves the files in the earlier layer; it is accepted as intent.
    const pruned = stages.some((s) => s.instructions.some((i) => (i.shell?.commands ?? []).some((c) => c.name === 'npm' && c.args.includes('prune'))));
    const advice = multiStage
      ? 'Install them in a build stage and copy only its output into the final stage with `COPY --from`.'
      : 'Use a multi-stage build: compile in a builder stage and copy only the result into a small runtime stage with `COPY --from`.';
    for (const stage of stages) {
      let production = false;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ENV') production ||= (instruction.properties ?? []).some((p) => p.name === 'NODE_ENV' && /^prod/.test(p.value ?? ''));
        if (instruction.keyword !== 'RUN') continue;
        const unique = shippedBuildTools(instruction, removedLater);
        if (unique.length > 0) {
          report(instruction, `${unique.slice(0, 4).join(', ')}${unique.length > 4 ? ' …' : ''} ${unique.length === 1 ? 'is a build tool' : 'are build tools'} installed in the image that ships. ${advice}`);
        } else if (installsDevDependencies(instruction, production) && !pruned) {
          report(instruction, `\`npm ci\`/\`npm install\` without \`--omit=dev\` puts devDependencies (test, lint and build tools) in the image that ships. ${advice} Or install with \`--omit=dev\`.`);
        }
      }
    }
  },
};
