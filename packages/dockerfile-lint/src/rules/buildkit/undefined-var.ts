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

/** Stages that define each name (by ARG or ENV), in file order. */
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

/**
 * Whether a stage inherits a name from a stage it is built FROM. Per name, the depth-first
 * intervals of its definers' subtrees, merged; a stage inherits the name when its entry time
 * falls inside one: a binary search, where asking each definer is quadratic when many stages
 * define the same name.
 */
function inheritance(tree: StageTree, byName: Map<string, Stage[]>): (name: string, stage: Stage) => boolean {
  const intervals = new Map<string, [number, number][]>();
  const of = (name: string): [number, number][] => {
    let merged = intervals.get(name);
    if (merged) return merged;
    const spans = (byName.get(name) ?? []).map((d): [number, number] => [tree.enter[d.index]!, tree.exit[d.index]!]).sort((a, b) => a[0] - b[0]);
    merged = [];
    // Subtrees are nested or apart: keep the outermost.
    for (const span of spans) if (merged.length === 0 || span[0] > merged[merged.length - 1]![1]) merged.push(span);
    intervals.set(name, merged);
    return merged;
  };
  return (name, stage) => {
    const spans = of(name);
    const at = tree.enter[stage.index]!;
    let low = 0;
    let high = spans.length - 1;
    // The last span that starts before the stage is entered.
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (spans[mid]![0] < at) low = mid + 1;
      else high = mid - 1;
    }
    return high >= 0 && at < spans[high]![1];
  };
}

// "Did you mean" looks at the names defined nearest before the use: this stage's so far, then up
// its lineage. Bounded so that a file with thousands of names and misses stays linear; a real
// Dockerfile has far fewer names in scope.
const SUGGESTION_NAMES = 64;
const SUGGESTION_STAGES = 64;

/** The names each stage defines, in order (duplicates kept): read once, not once per miss. */
function namesByStage(model: DockerfileModel): string[][] {
  return model.stages.map((stage) => stage.instructions.flatMap(definedBy));
}

// One list reused for every miss: a 1 MB file of misses asked for 20,000 of them.
const nearby: string[] = [];

/** The names a miss in `stage` may be a near miss of, nearest first (valid until the next call). */
function nearbyNames(tree: StageTree, stageNames: readonly string[][], stage: Stage, local: readonly string[]): readonly string[] {
  nearby.length = 0;
  for (let i = local.length - 1; i >= 0 && nearby.length < SUGGESTION_NAMES; i--) nearby.push(local[i]!);
  let parent = tree.parent[stage.index];
  for (let up = 0; parent && up < SUGGESTION_STAGES && nearby.length < SUGGESTION_NAMES; up++, parent = tree.parent[parent.index]) {
    const names = stageNames[parent.index]!;
    for (let i = 0; i < names.length; i++) nearby.push(names[i]!);
  }
  return nearby;
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
    const inherits = inheritance(tree, definers(model));
    const stageNames = namesByStage(model);
    for (const stage of model.stages) {
      // Defined here so far (also in order, for suggestions), or by a stage this one is built FROM.
      const local = new Set<string>(['PATH']);
      const localOrder = ['PATH'];
      const isDefined = (name: string): boolean => local.has(name) || inherits(name, stage);
      const knownEnvironment = tree.root[stage.index]!.base.isScratch;
      for (const instruction of stage.instructions) {
        let unmatched: Set<string> | undefined;
        for (const word of substitutedWords(instruction)) {
          // Only a `$` refers to a name: most words have none, and need no expansion.
          if (!word.includes('$')) continue;
          for (const name of expandWord(word, (n) => (isDefined(n) ? '' : undefined), escape).unmatched) (unmatched ??= new Set()).add(name);
        }
        for (const name of unmatched ?? []) {
          const suggestion = suggestName(name, nearbyNames(tree, stageNames, stage, localOrder));
          if (!knownEnvironment && name === name.toUpperCase() && suggestion === undefined) continue;
          report(instruction, `Usage of undefined variable \`$${name}\`${suggestion ? ` (did you mean $${suggestion}?)` : ''}`);
        }
        for (const name of definedBy(instruction)) {
          if (local.has(name)) continue;
          local.add(name);
          localOrder.push(name);
        }
      }
    }
  },
};
