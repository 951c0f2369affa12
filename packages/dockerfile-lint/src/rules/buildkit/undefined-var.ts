import type { DockerfileModel, Instruction, Stage } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';
import { stageTree, type StageTree } from './stage-tree.js';
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

/** Stages that define each name (by ARG or ENV), for asking whether an ancestor of a stage does. */
function definers(model: DockerfileModel): Map<string, Stage[]> {
  const byName = new Map<string, Stage[]>();
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      for (const name of definedBy(instruction)) {
        const list = byName.get(name) ?? [];
        if (list[list.length - 1] !== stage) list.push(stage);
        byName.set(name, list);
      }
    }
  }
  return byName;
}

/** Names defined in the stages `stage` is built FROM, for "did you mean" (asked only on a miss). */
function inheritedNames(tree: StageTree, stage: Stage): Set<string> {
  const names = new Set<string>();
  for (let parent = tree.parent[stage.index]; parent; parent = tree.parent[parent.index]) for (const instruction of parent.instructions) definedBy(instruction).forEach((n) => names.add(n));
  return names;
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
    const tree = stageTree(model);
    const byName = definers(model);
    for (const stage of model.stages) {
      // Defined here so far, or by a stage this one is built FROM.
      const local = new Set<string>(['PATH']);
      const isDefined = (name: string): boolean => local.has(name) || (byName.get(name) ?? []).some((definer) => tree.isAncestor(definer, stage));
      const knownEnvironment = tree.root[stage.index]!.base.isScratch;
      for (const instruction of stage.instructions) {
        const unmatched = new Set<string>();
        for (const word of substitutedWords(instruction)) expandWord(word, (name) => (isDefined(name) ? '' : undefined), escape).unmatched.forEach((n) => unmatched.add(n));
        for (const name of unmatched) {
          const suggestion = suggestName(name, new Set([...local, ...inheritedNames(tree, stage)]));
          if (!knownEnvironment && name === name.toUpperCase() && suggestion === undefined) continue;
          report(instruction, `Usage of undefined variable \`$${name}\`${suggestion ? ` (did you mean $${suggestion}?)` : ''}`);
        }
        definedBy(instruction).forEach((n) => local.add(n));
      }
    }
  },
};
