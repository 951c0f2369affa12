import type { DockerfileModel, Instruction } from '../../model/dockerfile.js';
import { flagValue } from '../../model/copy-paths.js';
import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';
import { isImageReference } from './image-reference.js';
import { expandWord, PLATFORM_ARGS, suggestName } from './variables.js';

/** Names FROM may use: ARGs before the first FROM (with or without a default) and the platform arguments. */
function fromScope(model: DockerfileModel): Set<string> {
  return new Set([...Object.keys(model.globalArgs), ...Object.keys(PLATFORM_ARGS)]);
}

function fromLookup(model: DockerfileModel): (name: string) => string | undefined {
  return (name) => model.globalArgs[name] ?? PLATFORM_ARGS[name];
}

function fromWords(instruction: Instruction): string[] {
  const platform = flagValue(instruction, 'platform');
  return [instruction.words[0] ?? '', ...(platform === undefined ? [] : [platform])];
}

export const undefinedArgInFrom: Rule = {
  ...buildkitMeta('UndefinedArgInFrom', 'warning', 'correctness', 'FROM uses an ARG that is not declared before the first FROM'),
  check({ model, report }) {
    const scope = fromScope(model);
    const lookup = fromLookup(model);
    for (const stage of model.stages) {
      let unmatched: Set<string> | undefined;
      for (const word of fromWords(stage.from)) if (word.includes('$')) for (const name of expandWord(word, lookup).unmatched) (unmatched ??= new Set()).add(name);
      for (const name of unmatched ?? []) {
        if (scope.has(name)) continue;
        const suggestion = suggestName(name, scope);
        report(stage.from, `FROM argument \`${name}\` is not declared${suggestion ? ` (did you mean ${suggestion}?)` : ''}: declare it with ARG before the first FROM`);
      }
    }
  },
};

/**
 * With only the ARG defaults (no `--build-arg`), an image reference that uses an ARG must still
 * be a valid reference: `ARG TAG` then `FROM busybox:${TAG}` gives `busybox:`, which is not.
 */
export const invalidDefaultArgInFrom: Rule = {
  ...buildkitMeta('InvalidDefaultArgInFrom', 'warning', 'correctness', 'With the ARG defaults, the FROM image reference is empty or invalid'),
  check({ model, report }) {
    const lookup = fromLookup(model);
    for (const stage of model.stages) {
      const raw = stage.from.words[0] ?? '';
      if (!raw.includes('$')) continue;
      const image = expandWord(raw, lookup).result;
      if (!isImageReference(image)) report(stage.from, `With the ARG defaults, \`${raw}\` becomes \`${image}\`, which is not an image reference: give the ARG a default`);
    }
  },
};
