import type { Instruction, Stage } from '../../model/dockerfile.js';
import { hasFlag, positionalArgs, type ShellCommand } from '../../model/shell.js';
import type { Rule } from '../../rule.js';
import { isWithin, volatileMountTargets } from './mounts.js';
import { shippedStages } from './stages.js';

/**
 * Package managers whose download or build cache lands in the layer and which no hadolint rule
 * covers. pip, apt, apk, yum, dnf, zypper and yarn are left to DL3042, DL3009, DL3019, DL3032,
 * DL3040, DL3036 and DL3060, which already accept a cache mount as the fix.
 */
interface CacheTool {
  name: string;
  /** `download`: installs from the manifest (cached as a layer until the manifest changes);
   *  `compile`: a build that re-runs on every source edit and gains most from a warm cache. */
  kind(command: ShellCommand): 'download' | 'compile' | undefined;
  /** Where the cache lives by default, for the message. */
  targets: string[];
  /** A mount target that serves this tool's cache. */
  serves(target: string, env: Map<string, string>): boolean;
  /** The same RUN already keeps the cache out of the layer. */
  disabled(command: ShellCommand, instruction: Instruction): boolean;
}

const verbOf = (command: ShellCommand): string | undefined => positionalArgs(command.args)[0];
const envPath = (env: Map<string, string>, ...names: string[]): string[] => names.map((n) => env.get(n)).filter((v): v is string => !!v);
const removes = (instruction: Instruction, test: (path: string) => boolean): boolean =>
  (instruction.shell?.commands ?? []).some((c) => c.name === 'rm' && positionalArgs(c.args).some((p) => test(p.replace(/\/\*$/, ''))));

const TOOLS: CacheTool[] = [
  {
    name: 'npm',
    kind: (c) => (c.name === 'npm' && ['ci', 'install', 'i', 'add'].includes(verbOf(c) ?? '') ? 'download' : undefined),
    targets: ['/root/.npm'],
    serves: (t, env) => /\/\.npm$/.test(t) || envPath(env, 'npm_config_cache', 'NPM_CONFIG_CACHE').some((p) => isWithin(t, p) || isWithin(p, t)),
    disabled: (c, i) =>
      (i.shell?.commands ?? []).some((x) => x.name === 'npm' && verbOf(x) === 'cache' && positionalArgs(x.args)[1] === 'clean') || removes(i, (p) => /\/\.npm$/.test(p)),
  },
  {
    name: 'pnpm',
    kind: (c) => (c.name === 'pnpm' && ['install', 'i', 'add', 'fetch'].includes(verbOf(c) ?? '') ? 'download' : undefined),
    targets: ['/root/.local/share/pnpm/store'],
    serves: (t, env) => t.includes('pnpm') || envPath(env, 'PNPM_HOME').some((p) => isWithin(t, p)),
    disabled: (_c, i) => removes(i, (p) => p.includes('pnpm')),
  },
  {
    name: 'Go',
    kind: (c) => {
      if (c.name !== 'go') return undefined;
      const words = positionalArgs(c.args);
      if (words[0] === 'mod' && words[1] === 'download') return 'download';
      return ['build', 'install', 'test'].includes(words[0] ?? '') ? 'compile' : undefined;
    },
    targets: ['/root/.cache/go-build', '/go/pkg/mod'],
    serves: (t, env) =>
      /(\/go-build|\/pkg\/mod|\/root\/\.cache)$/.test(t) || envPath(env, 'GOCACHE', 'GOMODCACHE', 'GOPATH').some((p) => isWithin(t, p)),
    disabled: (_c, i) => (i.shell?.commands ?? []).some((x) => x.name === 'go' && verbOf(x) === 'clean' && hasFlag(x.args, '-cache', '-modcache')),
  },
  {
    name: 'Maven',
    // Maven's cache holds downloads only, no compiled output: it matters where it ships.
    kind: (c) => (/^mvnw?$/.test(c.name) && positionalArgs(c.args).length > 0 ? 'download' : undefined),
    targets: ['/root/.m2'],
    serves: (t) => /\/\.m2(\/repository)?$/.test(t),
    disabled: (c, i) => c.args.some((a) => a.startsWith('-Dmaven.repo.local=')) || removes(i, (p) => /\/\.m2(\/repository)?$/.test(p)),
  },
  {
    name: 'Gradle',
    // Gradle's build cache is off unless the project turns it on: treat it as downloads, like Maven.
    kind: (c) => (/^gradlew?$/.test(c.name) && positionalArgs(c.args).length > 0 ? 'download' : undefined),
    targets: ['/root/.gradle'],
    serves: (t, env) => /\/\.gradle(\/caches)?$/.test(t) || envPath(env, 'GRADLE_USER_HOME').some((p) => isWithin(t, p)),
    disabled: (c, i) => hasFlag(c.args, '--project-cache-dir', '-g', '--gradle-user-home') || removes(i, (p) => /\/\.gradle$/.test(p)),
  },
  {
    name: 'Cargo',
    kind: (c) => (c.name !== 'cargo' ? undefined : verbOf(c) === 'fetch' ? 'download' : ['build', 'install', 'test'].includes(verbOf(c) ?? '') ? 'compile' : undefined),
    targets: ['/usr/local/cargo/registry', '<workdir>/target'],
    serves: (t, env) => /cargo|\/target$/.test(t) || envPath(env, 'CARGO_HOME', 'CARGO_TARGET_DIR').some((p) => isWithin(t, p)),
    disabled: (_c, i) => removes(i, (p) => /cargo\/registry$/.test(p)),
  },
  {
    name: 'Composer',
    kind: (c) => (/^composer(\.phar)?$/.test(c.name) && ['install', 'require', 'update'].includes(verbOf(c) ?? '') ? 'download' : undefined),
    targets: ['/root/.composer/cache'],
    serves: (t, env) => /composer/.test(t) || envPath(env, 'COMPOSER_CACHE_DIR', 'COMPOSER_HOME').some((p) => isWithin(t, p)),
    disabled: (c, i) => hasFlag(c.args, '--no-cache') || (i.shell?.commands ?? []).some((x) => /^composer/.test(x.name) && ['clear-cache', 'clearcache', 'cc'].includes(verbOf(x) ?? '')),
  },
];

// Commands any tool above recognises: most RUN commands are none of them.
const TOOL_COMMANDS = new Set(['npm', 'pnpm', 'go', 'mvn', 'mvnw', 'gradle', 'gradlew', 'cargo', 'composer', 'composer.phar']);

/**
 * Fires where the cache costs something: in the image's own stages, where the cache bytes ship;
 * and for builds that re-run on every source edit (`go build`, `cargo build`) in any stage,
 * which a warm cache mount turns from a cold build into an incremental one.
 */
export const ek1002: Rule = {
  code: 'EK1002',
  severity: 'info',
  category: 'cache',
  title: 'A package manager cache is written into the layer where a BuildKit cache mount would serve',
  check({ model, report }) {
    const shipped = new Set(shippedStages(model));
    for (const stage of model.stages) {
      const env = new Map<string, string>();
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ENV') for (const p of instruction.properties ?? []) if (p.value) env.set(p.name, p.value);
        if (instruction.keyword !== 'RUN') continue;
        const message = check(instruction, stage, shipped.has(stage), env);
        if (message) report(instruction, message);
      }
    }
  },
};

function check(instruction: Instruction, stage: Stage, shipped: boolean, env: Map<string, string>): string | undefined {
  const mounts = volatileMountTargets(instruction);
  for (const command of instruction.shell?.commands ?? []) {
    if (!TOOL_COMMANDS.has(command.name)) continue;
    for (const tool of TOOLS) {
      const kind = tool.kind(command);
      if (!kind || (kind === 'download' && !shipped)) continue;
      if (mounts.some((target) => tool.serves(target, env)) || tool.disabled(command, instruction)) continue;
      const words = positionalArgs(command.args);
      const shown = [command.name, ...words.slice(0, words[0] === 'mod' ? 2 : 1)].join(' ');
      const flags = tool.targets.map((t) => `--mount=type=cache,target=${t}`).join(' ');
      const wrongMount = mounts.length > 0 ? ` The cache mount at ${mounts.join(', ')} does not cover it.` : '';
      const problem = shipped
        ? `\`${shown}\` leaves ${tool.name}'s cache in this layer, which ships in the image${stage.alias ? ` (stage ${stage.alias})` : ''}.`
        : `\`${shown}\` starts from a cold ${tool.name} cache every time this step re-runs.`;
      return `${problem}${wrongMount} Use \`RUN ${flags} …\` so rebuilds reuse the cache and it stays out of the image.`;
    }
  }
  return undefined;
}
