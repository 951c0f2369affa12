import type { DockerfileModel, Instruction, Stage } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';
import { stageTree, type StageTree } from './stage-tree.js';
import { expandInto, suggestName } from './variables.js';

// Instructions whose words BuildKit substitutes itself (RUN only in its --mount options); shell
// form RUN, CMD and ENTRYPOINT leave variables to the shell.
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

const NONE: readonly string[] = [];

/**
 * The words of an instruction that BuildKit substitutes variables in, whole: an ARG's or ENV's
 * `name=value` as written (substitutedPart picks the value), so that a word with no `$`, most of
 * them, is passed over without a slice of its own.
 */
function candidateWords(instruction: Instruction): readonly string[] {
  const keyword = instruction.keyword;
  if (keyword === 'RUN') return instruction.flags.length === 0 ? NONE : instruction.flags.filter((f) => f.name === 'mount' && f.value !== null).map((f) => f.value!);
  if (keyword === 'ARG' || keyword === 'ENV') return instruction.words;
  if ((keyword === 'COPY' || keyword === 'ADD') && (instruction.heredocs?.length ?? 0) > 0) return NONE;
  return EXPANDED.has(keyword) ? instruction.words : NONE;
}

/** The part of candidate word `index` that BuildKit substitutes in: for ARG and ENV, the value. */
function substitutedPart(instruction: Instruction, index: number, word: string): string {
  if (instruction.keyword === 'ARG') return word.includes('=') ? word.slice(word.indexOf('=') + 1) : '';
  // `ENV NAME value…`: the first word is the name.
  if (instruction.keyword === 'ENV' && instruction.words[0]?.includes('=') === false) return index === 0 ? '' : word;
  if (instruction.keyword === 'ENV') return word.slice(word.indexOf('=') + 1);
  return word;
}

/**
 * The names each stage defines by ARG or ENV, in order (duplicates kept): read once, not once per
 * miss. A stage that defines none shares one empty list.
 */
function namesByStage(model: DockerfileModel): (readonly string[])[] {
  return model.stages.map((stage) => {
    let names: string[] | undefined;
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const property of instruction.properties ?? []) (names ??= []).push(property.name);
    }
    return names ?? NONE;
  });
}

/** Stages that define each name (by ARG or ENV), in file order. */
function definers(model: DockerfileModel, stageNames: readonly (readonly string[])[]): Map<string, Stage[]> {
  const byName = new Map<string, Stage[]>();
  for (const stage of model.stages) {
    const names = stageNames[stage.index]!;
    for (let i = 0; i < names.length; i++) {
      const list = byName.get(names[i]!);
      if (list === undefined) byName.set(names[i]!, [stage]);
      else if (list[list.length - 1] !== stage) list.push(stage);
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
function inheritance(tree: StageTree, byName: Map<string, Stage[]>): (name: string, stageIndex: number) => boolean {
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
  return (name, stageIndex) => {
    // A name no stage defines (every miss) needs no spans of its own.
    if (!byName.has(name)) return false;
    const spans = of(name);
    const at = tree.enter[stageIndex]!;
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

// One list reused for every miss: a 1 MB file of misses asked for 20,000 of them.
const nearby: string[] = [];

/** The names a miss in `stage` may be a near miss of, nearest first (valid until the next call). */
function nearbyNames(tree: StageTree, stageNames: readonly (readonly string[])[], stage: Stage, local: readonly string[]): readonly string[] {
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
    const stageNames = namesByStage(model);
    const byName = definers(model, stageNames);
    const inherits = inheritance(tree, byName);
    // Defined so far in the stage being read: by the index of the stage that last defined each
    // name, so one map serves every stage (a set per stage was garbage on a long chain). In order
    // too, for suggestions.
    const definedIn = new Map<string, number>();
    const localOrder: string[] = [];
    let current = -1;
    const lookup = (name: string): string | undefined => (name === 'PATH' || definedIn.get(name) === current || inherits(name, current) ? '' : undefined);
    // The misses of one instruction, in the order first met; reused from one to the next.
    const unmatched = new Set<string>();
    const lookups = { matched: { add: () => undefined }, unmatched };
    for (const stage of model.stages) {
      current = stage.index;
      localOrder.length = 0;
      localOrder.push('PATH');
      const knownEnvironment = tree.root[stage.index]!.base.isScratch;
      for (const instruction of stage.instructions) {
        const words = candidateWords(instruction);
        for (let i = 0; i < words.length; i++) {
          // Only a `$` refers to a name: most words have none, and need no expansion.
          if (!words[i]!.includes('$')) continue;
          const part = substitutedPart(instruction, i, words[i]!);
          if (part.includes('$')) expandInto(part, lookup, escape, lookups);
        }
        if (unmatched.size > 0) {
          for (const name of unmatched) {
            const suggestion = suggestName(name, nearbyNames(tree, stageNames, stage, localOrder));
            if (!knownEnvironment && name === name.toUpperCase() && suggestion === undefined) continue;
            report(instruction, `Usage of undefined variable \`$${name}\`${suggestion ? ` (did you mean $${suggestion}?)` : ''}`);
          }
          unmatched.clear();
        }
        if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
        for (const property of instruction.properties ?? []) {
          if (property.name === 'PATH' || definedIn.get(property.name) === stage.index) continue;
          definedIn.set(property.name, stage.index);
          localOrder.push(property.name);
        }
      }
    }
  },
};
