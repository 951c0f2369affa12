import type { Instruction } from '../../model/dockerfile.js';
import { hasFlag, positionalArgs, type ShellCommand } from '../../model/shell.js';

/** Language package managers that install a project's dependencies from its manifest. */
export type Ecosystem = 'npm' | 'yarn' | 'pnpm' | 'pip' | 'poetry' | 'pipenv' | 'uv' | 'bundler' | 'go' | 'maven' | 'gradle' | 'cargo' | 'composer' | 'dotnet';

/** The files to copy before the install step so that it only re-runs when they change. */
export const MANIFESTS: Record<Ecosystem, string> = {
  npm: 'package.json and package-lock.json',
  yarn: 'package.json and yarn.lock',
  pnpm: 'package.json and pnpm-lock.yaml',
  pip: 'the requirements files',
  poetry: 'pyproject.toml and poetry.lock',
  pipenv: 'Pipfile and Pipfile.lock',
  uv: 'pyproject.toml and uv.lock',
  bundler: 'Gemfile and Gemfile.lock',
  go: 'go.mod and go.sum',
  maven: 'pom.xml',
  gradle: 'the Gradle build and settings files',
  cargo: 'Cargo.toml and Cargo.lock',
  composer: 'composer.json and composer.lock',
  dotnet: 'the project files (*.csproj)',
};

/** What the dependency step is called in messages, per ecosystem. */
export const INSTALL_STEP: Record<Ecosystem, string> = {
  npm: 'npm ci',
  yarn: 'yarn install',
  pnpm: 'pnpm install',
  pip: 'pip install -r …',
  poetry: 'poetry install --no-root',
  pipenv: 'pipenv install --deploy',
  uv: 'uv sync --no-install-project',
  bundler: 'bundle install',
  go: 'go mod download',
  maven: 'mvn dependency:go-offline',
  gradle: 'gradle dependencies',
  cargo: 'cargo fetch',
  composer: 'composer install --no-scripts --no-autoloader',
  dotnet: 'dotnet restore',
};

// Names handled below (pip and python variants aside): most commands are none of them.
const STEP_COMMANDS = new Set(['npm', 'yarn', 'pnpm', 'poetry', 'pipenv', 'uv', 'bundle', 'bundler', 'go', 'mvn', 'mvnw', 'gradle', 'gradlew', 'cargo', 'composer', 'dotnet']);

const NPM_VALUE_FLAGS = new Set(['--prefix', '--registry', '--cache', '-w', '--workspace', '--omit', '--include', '--loglevel']);

/**
 * The ecosystem whose dependencies this command downloads, if it is a dependency step:
 * an install from the manifest (`npm ci`, `pip install -r`), or a build that resolves
 * dependencies on its own (`go build`, `mvn package`, `cargo build`).
 */
export function dependencyStep(command: ShellCommand): Ecosystem | undefined {
  const name = command.name.replace(/\.(cmd|sh)$/, '');
  if (!STEP_COMMANDS.has(name) && !/^(pip|python)/.test(name)) return undefined;
  const words = positionalArgs(command.args);
  const verb = words[0];
  switch (name) {
    case 'npm': {
      const packages = positionalArgs(command.args, NPM_VALUE_FLAGS).slice(1);
      if (verb === 'ci') return 'npm';
      return (verb === 'install' || verb === 'i') && packages.length === 0 && !hasFlag(command.args, '-g', '--global') ? 'npm' : undefined;
    }
    case 'yarn':
      return verb === undefined || (verb === 'install' && words.length === 1) ? 'yarn' : undefined;
    case 'pnpm':
      return ((verb === 'install' || verb === 'i') && words.length === 1) || verb === 'fetch' ? 'pnpm' : undefined;
    case 'poetry':
      return verb === 'install' || verb === 'sync' ? 'poetry' : undefined;
    case 'pipenv':
      return verb === 'install' || verb === 'sync' ? 'pipenv' : undefined;
    case 'uv':
      if (verb === 'sync') return 'uv';
      return verb === 'pip' && words[1] === 'install' && hasFlag(command.args, '-r', '--requirement') ? 'uv' : undefined;
    case 'bundle':
    case 'bundler':
      return verb === 'install' || verb === undefined ? 'bundler' : undefined;
    case 'go':
      // A vendored build downloads nothing; so do the offline builds below.
      if (command.args.includes('-mod=vendor')) return undefined;
      if (verb === 'mod') return words[1] === 'download' ? 'go' : undefined;
      return verb === 'build' || verb === 'install' || verb === 'test' || verb === 'generate' ? 'go' : undefined;
    case 'mvn':
    case 'mvnw':
      return words.length > 0 && !command.args.includes('-o') && !command.args.includes('--offline') ? 'maven' : undefined;
    case 'gradle':
    case 'gradlew':
      return words.length > 0 && !command.args.includes('--offline') ? 'gradle' : undefined;
    case 'cargo':
      if (hasFlag(command.args, '--offline', '--frozen')) return undefined;
      return verb === 'build' || verb === 'fetch' || verb === 'install' || verb === 'test' ? 'cargo' : undefined;
    case 'composer':
      return verb === 'install' || verb === 'update' ? 'composer' : undefined;
    case 'dotnet':
      return verb === 'restore' || verb === 'build' || verb === 'publish' ? 'dotnet' : undefined;
    default:
      if (/^pip[0-9.]*$/.test(name) && verb === 'install' && hasFlag(command.args, '-r', '--requirement')) return 'pip';
      if (/^python[0-9.]*$/.test(name) && command.args.includes('-m') && /^pip/.test(command.args[command.args.indexOf('-m') + 1] ?? '')) {
        return command.args.includes('install') && hasFlag(command.args, '-r', '--requirement') ? 'pip' : undefined;
      }
      return undefined;
  }
}

/** Every dependency step of a RUN, in order. */
export function dependencySteps(instruction: Instruction): { ecosystem: Ecosystem; command: ShellCommand }[] {
  const steps: { ecosystem: Ecosystem; command: ShellCommand }[] = [];
  for (const command of instruction.shell?.commands ?? []) {
    const ecosystem = dependencyStep(command);
    if (ecosystem) steps.push({ ecosystem, command });
  }
  return steps;
}

/** A command as it would be written, for messages: `npm ci`, `go mod download`. */
export function commandText(command: ShellCommand, maxWords = 3): string {
  return [command.name, ...command.args.slice(0, maxWords - 1)].join(' ');
}
