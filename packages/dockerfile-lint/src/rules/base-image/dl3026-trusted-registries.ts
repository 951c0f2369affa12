import { splitImage } from '../../model/build-model.js';
import { stageNamed } from '../../model/stages.js';
import type { DockerfileModel } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';
import { copyFrom } from '../stages/copy-from.js';

/** `*` matches all, `*.example.com` a suffix, `registry.example.*` a prefix; otherwise an exact host. */
export function registryMatches(pattern: string, registry: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return registry.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return registry.startsWith(pattern.slice(0, -1));
  return registry === pattern;
}

function isAllowed(image: string, trusted: string[]): boolean {
  const { registry, name } = splitImage(image);
  if (registry !== undefined) return trusted.some((p) => registryMatches(p, registry));
  // No registry means Docker Hub.
  return name === 'scratch' || trusted.some((p) => registryMatches(p, 'docker.io') || registryMatches(p, 'hub.docker.com'));
}

function isStageReference(model: DockerfileModel, reference: string, before: number): boolean {
  return stageNamed(model, reference, before) !== undefined;
}

/**
 * Images may only come from `trustedRegistries`: FROM, `COPY --from=<image>` and
 * `RUN --mount=from=<image>`. Stage references and ARG-valued images (unknown until build time) pass.
 */
export const dl3026: Rule = {
  code: 'DL3026',
  severity: 'error',
  category: 'security',
  title: 'Use only an allowed registry in the FROM image',
  hadolint: true,
  check({ model, config, report }) {
    const trusted = config.trustedRegistries;
    if (trusted.length === 0) return;
    const check = (image: string, before: number, at: Parameters<typeof report>[0]): void => {
      if (image.includes('$') || isStageReference(model, image, before) || isAllowed(image, trusted)) return;
      report(at, `\`${image}\` is not from a trusted registry (${trusted.join(', ')})`);
    };
    for (const stage of model.stages) {
      if (!stage.base.isStage && !stage.base.isDynamic) check(stage.base.resolved, stage.index, stage.from);
      for (const instruction of stage.instructions) {
        const from = copyFrom(instruction);
        if (from !== undefined) check(from, stage.index + 1, instruction);
        for (const flag of instruction.flags) {
          if (flag.name === 'mount' && flag.options.from) check(flag.options.from, stage.index + 1, instruction);
        }
      }
    }
  },
};
