import type { DockerfileModel, Instruction, Stage } from '../../model/dockerfile.js';
import { stageLineage } from '../../model/stages.js';
import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';
import { expandWord, suggestName } from './variables.js';

// Instructions whose words BuildKit substitutes itself (RUN only in its --mount options); shell
// form RUN, CMD and ENTRYPOINT leave variables to the shell.
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** The words of an instruction that BuildKit substitutes variables in. */
function substitutedWords(instruction: Instruction): string[] {
  if (instruction.keyword === 'RUN') return instruction.flags.filter((f) => f.name === 'mount' && f.value !== null).map((f) => f.value!);
  if (instruction.keyword === 'ARG') return instruction.words.map((w) => (w.includes('=') ? w.slice(w.indexOf('=') + 1) : ''));
  if (instruction.keyword === 'ENV' && instruction.words[0]?.includes('=') === false) return instruction.words.slice(1);
  if (instruction.keyword === 'ENV') return instruction.words.map((w) => w.slice(w.indexOf('=') + 1));
  if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && (instruction.heredocs?.length ?? 0) > 0) return [];
  return EXPANDED.has(instruction.keyword) ? instruction.words : [];
}

/** Names an instruction defines for the ones after it. */
function definedBy(instruction: Instruction): string[] {
  if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') return [];
  return (instruction.properties ?? []).map((p) => p.name);
}

/** Whether the stage's environment is fully known: it starts, through its parents, from scratch. */
function rootedInScratch(model: DockerfileModel, stage: Stage): boolean {
  return stageLineage(model, stage)[0]?.base.isScratch ?? false;
}

/**
 * A variable used in an instruction BuildKit substitutes, defined by no ARG or ENV before it in
 * the stage (or in a stage it is built FROM). The base image's own ENV is only known after
 * pulling it, so for a stage on an image from a registry a name in capitals (`$PYTHON_VERSION`,
 * likely set by the image) is reported only when it is a near miss of a name defined here
 * (`$PAHT` for `$PATH`); names with small letters, which images do not set by convention, are
 * always reported. On `scratch` every undefined name is.
 */
export const undefinedVar: Rule = {
  ...buildkitMeta('UndefinedVar', 'warning', 'correctness', 'A variable is used before it is defined'),
  check({ model, report }) {
    const escape = model.directives.escape === '`' ? '`' : '\\';
    for (const stage of model.stages) {
      const lineage = stageLineage(model, stage);
      const defined = new Set<string>(['PATH']);
      for (const parent of lineage.slice(0, -1)) for (const instruction of parent.instructions) definedBy(instruction).forEach((n) => defined.add(n));
      const knownEnvironment = rootedInScratch(model, stage);
      for (const instruction of stage.instructions) {
        const unmatched = new Set<string>();
        for (const word of substitutedWords(instruction)) expandWord(word, (name) => (defined.has(name) ? '' : undefined), escape).unmatched.forEach((n) => unmatched.add(n));
        for (const name of unmatched) {
          const suggestion = suggestName(name, defined);
          if (!knownEnvironment && name === name.toUpperCase() && suggestion === undefined) continue;
          report(instruction, `Usage of undefined variable \`$${name}\`${suggestion ? ` (did you mean $${suggestion}?)` : ''}`);
        }
        definedBy(instruction).forEach((n) => defined.add(n));
      }
    }
  },
};
