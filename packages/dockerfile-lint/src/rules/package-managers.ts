import { derived, derivedSlot } from '../model/derived.js';
import type { Instruction } from '../model/dockerfile.js';
import { positionalArgs, type ShellCommand } from '../model/shell.js';

export type PackageManager = 'apt-get' | 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'pipx' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'go';

/** An install command found in a RUN: which manager, which packages, and the command itself. */
export interface InstallCommand {
  manager: PackageManager;
  command: ShellCommand;
  /** Package words as written (`curl=7.88.1-10`, `flask==3.0`), flags and option values removed. */
  packages: string[];
}

// Flags whose next word is a value, not a package.
const VALUE_FLAGS: Record<string, ReadonlySet<string>> = {
  'apt-get': new Set(['-o', '-t', '--target-release', '-c', '--config-file']),
  apk: new Set(['-X', '--repository', '-p', '--root', '--virtual', '-t', '--arch', '--cache-dir', '--keys-dir']),
  yum: new Set(['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '-c', '--config']),
  pipx: new Set(['--python', '--pip-args', '-i', '--index-url', '--suffix', '--preinstall', '--backend', '--fetch-python']),
  pip: new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix', '--root', '-f', '--find-links', '--trusted-host', '--platform', '--python-version', '--only-binary', '--no-binary', '-e', '--editable', '--cache-dir', '--progress-bar', '--root-user-action', '--upgrade-strategy', '--src', '--log', '--timeout', '--retries', '--proxy', '--cert', '--client-cert', '--exists-action', '--implementation', '--abi', '--report', '-C', '--config-settings', '--global-option', '--use-feature', '--use-deprecated', '--python']),
  npm: new Set(['--prefix', '--registry', '--cache', '-w', '--workspace', '--omit', '--include', '--loglevel']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '--platform']),
};

const INSTALL_VERBS: Record<PackageManager, readonly string[]> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install', 'groupinstall', 'localinstall'],
  dnf: ['install', 'groupinstall', 'localinstall'],
  microdnf: ['install'],
  zypper: ['install', 'in'],
  pip: ['install'],
  pipx: ['install'],
  npm: ['install', 'i', 'add', 'ci'],
  yarn: ['add', 'install'],
  pnpm: ['add', 'install', 'i'],
  gem: ['install', 'i'],
  go: ['install', 'get'],
};

/** `pip3`, `python -m pip`, `pip3.12` are all pip. */
export function managerOf(command: ShellCommand): { manager: PackageManager; args: string[] } | undefined {
  const name = command.name;
  if (/^pip[0-9.]*$/.test(name)) return { manager: 'pip', args: command.args };
  if (/^python[0-9.]*$/.test(name)) {
    const m = command.args.indexOf('-m');
    if (m !== -1 && /^pip[0-9.]*$/.test(command.args[m + 1] ?? '')) return { manager: 'pip', args: command.args.slice(m + 2) };
    return undefined;
  }
  // Own keys only: a command named `__proto__` or `constructor` is not a package manager.
  if (Object.hasOwn(INSTALL_VERBS, name)) return { manager: name as PackageManager, args: command.args };
  return undefined;
}

// Many rules ask for the same RUN's installs; each instruction is worked out once.
const INSTALLS = derivedSlot();

/** The install commands of a RUN (none for other instructions). Shared between rules: do not mutate. */
export function installCommands(instruction: Instruction): InstallCommand[] {
  return derived(instruction, INSTALLS, installsOfRun);
}

// Module level, not inline: a function made on every call was a measurable share of the asks.
const installsOfRun = (run: Instruction): InstallCommand[] => installCommandsIn(run.shell?.commands ?? []);

/** The install commands among any shell commands (a CMD's script, a heredoc's body). */
export function installCommandsIn(commands: readonly ShellCommand[]): InstallCommand[] {
  const result: InstallCommand[] = [];
  for (const command of commands) {
    const found = managerOf(command);
    if (!found) continue;
    const { manager } = found;
    // `gem install x -- --with-opt true`: what follows `--` goes to the gem's build, not to gem.
    const args = manager === 'gem' && found.args.includes('--') ? found.args.slice(0, found.args.indexOf('--')) : found.args;
    const valueFlags = VALUE_FLAGS[manager === 'apt' ? 'apt-get' : manager === 'dnf' || manager === 'microdnf' ? 'yum' : manager] ?? new Set<string>();
    const words = positionalArgs(args, valueFlags);
    const verbIndex = words.findIndex((w) => INSTALL_VERBS[manager].includes(w));
    if (verbIndex === -1) continue;
    // Words before the verb are options' values or sub-commands (`yarn global add`).
    result.push({ manager, command, packages: words.slice(verbIndex + 1) });
  }
  return result;
}

/** Commands in a RUN for which `predicate` holds. */
export function commandsWhere(instruction: Instruction, predicate: (command: ShellCommand) => boolean): ShellCommand[] {
  return (instruction.shell?.commands ?? []).filter(predicate);
}

/** Whether a RUN runs `name` with `firstArg` as its sub-command (`apt-get update`). */
export function runsSubcommand(instruction: Instruction, name: string, subcommand: string): boolean {
  return commandsWhere(instruction, (c) => c.name === name && positionalArgs(c.args).includes(subcommand)).length > 0;
}
