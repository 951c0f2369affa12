import type { Rule } from '../../rule.js';
import { copiesWholeContext, copyText } from './context-copy.js';
import { dockerignoreExcludes } from './dockerignore.js';

/** .git changes with every commit: copied in, it busts the cache of `COPY . .` on each build and ships the history. */
export const ek1013: Rule = {
  code: 'EK1013',
  severity: 'info',
  category: 'cache',
  title: 'The whole build context is copied and .dockerignore does not exclude .git',
  check({ model, report }) {
    const ignore = model.dockerignore;
    if (typeof ignore !== 'string') return;
    // A context that holds no .git (a service folder of a larger repository) has nothing to exclude.
    if (model.contextHas && !model.contextHas('.git')) return;
    const copy = model.instructions.find(copiesWholeContext);
    if (!copy || dockerignoreExcludes(ignore, '.git')) return;
    // `COPY --exclude=.git . .` (dockerfile 1.7+) keeps it out of the image and the cache key.
    if (copy.flags.some((f) => f.name === 'exclude' && f.value !== null && dockerignoreExcludes(f.value, '.git'))) return;
    report(
      copy,
      `\`${copyText(copy)}\` copies the whole build context and .dockerignore does not exclude .git: every commit changes it, so this step and all after it re-run on each build, and the repository history ships in the image. Add \`.git\` to .dockerignore.`,
    );
  },
};
