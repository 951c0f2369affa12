import type { Instruction } from '../../model/dockerfile.js';
import { commandWordRange } from '../../model/positions.js';
import { stageLineage } from '../../model/stages.js';
import type { DockerfileModel } from '../../model/dockerfile.js';
import { cacheMountTargets, hasCacheMountEndingWith } from '../mounts.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

const TRUTHY = /^(1|true|on|yes)$/i;

/** `ENV PIP_NO_CACHE_DIR=1` earlier in this stage or in a stage it is built from. */
function envDisablesCache(model: DockerfileModel, at: Instruction): boolean {
  if (!at.stage) return false;
  for (const stage of stageLineage(model, at.stage)) {
    for (const instruction of stage.instructions) {
      if (instruction === at) return false;
      if (instruction.keyword !== 'ENV') continue;
      if (instruction.properties?.some((p) => p.name === 'PIP_NO_CACHE_DIR' && TRUTHY.test(p.value ?? ''))) return true;
    }
  }
  return false;
}

/**
 * pip keeps every wheel it downloads in ~/.cache/pip. hadolint accepts a cache mount whose
 * target contains `.cache/pip`; this also accepts one at `~/.cache`, and `--cache-dir` or
 * `PIP_CACHE_DIR` pointing into a cache mount.
 */
export const dl3042 = runRule(
  { code: 'DL3042', severity: 'warning', category: 'size', title: 'Avoid the pip cache in the image: `pip install --no-cache-dir <package>`', hadolint: true },
  (run, at, { model }) => {
    if (hasCacheMountEndingWith(run, '.cache/pip', '.cache')) return;
    const commands = run.shell?.commands ?? [];
    // `export PIP_NO_CACHE_DIR=1` or `PIP_NO_CACHE_DIR=1 pip install …` in the script itself.
    const exported = commands.some((c) => c.name === 'export' && c.args.some((a) => /^PIP_NO_CACHE_DIR=/.test(a) && TRUTHY.test(a.split('=')[1] ?? '')));
    if (exported || envDisablesCache(model, at)) return;
    const mounts = cacheMountTargets(run);
    const leaky = installCommands(run).filter((install) => {
      if (install.manager !== 'pip') return false;
      const args = install.command.args;
      if (args.includes('--no-cache-dir') || args.some((a) => /^--no-cache-dir=/.test(a))) return false;
      if (install.command.assignments?.some((a) => /^PIP_NO_CACHE_DIR=/.test(a) && TRUTHY.test(a.split('=')[1] ?? ''))) return false;
      const cacheDir = args[args.indexOf('--cache-dir') + 1] ?? args.find((a) => a.startsWith('--cache-dir='))?.slice('--cache-dir='.length);
      const envDir = install.command.assignments?.find((a) => a.startsWith('PIP_CACHE_DIR='))?.slice('PIP_CACHE_DIR='.length);
      return ![args.includes('--cache-dir') ? cacheDir : undefined, envDir].some((dir) => dir !== undefined && mounts.some((m) => dir === m || dir.startsWith(`${m}/`)));
    });
    const first = leaky[0];
    return first ? [{ range: commandWordRange(at, first.command.name, 'install') }] : undefined;
  },
  ['pip', 'python'],
);
