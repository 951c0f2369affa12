import type { Rule } from '../../rule.js';
import { copiesWholeContext, copyText } from './context-copy.js';

/**
 * Without a .dockerignore, `COPY . .` takes .git, node_modules, local .env files and build
 * output into the image, and any change to them invalidates that COPY and every step after it.
 * Fires only when the caller knows there is no .dockerignore (`null`), never when it is unknown.
 */
export const ek1005: Rule = {
  code: 'EK1005',
  severity: 'warning',
  category: 'size',
  title: 'The whole build context is copied and there is no .dockerignore',
  check({ model, report }) {
    if (model.dockerignore !== null) return;
    const copy = model.instructions.find(copiesWholeContext);
    if (!copy) return;
    report(
      copy,
      `\`${copyText(copy)}\` copies the whole build context and there is no .dockerignore beside it: .git, node_modules, local .env files and build output go into the image, and any change to them re-runs this step and all after it. Add a .dockerignore that excludes them.`,
    );
  },
};
