import { shippedStages } from '../../model/stages.js';
import type { Rule } from '../../rule.js';

/**
 * Off by default, as in hadolint: on Kubernetes, probes in the pod spec do this job and Docker's
 * HEALTHCHECK is ignored. Only the image that is shipped (the final stage and the stages it is
 * built FROM) needs one; build stages do not.
 */
export const dl3057: Rule = {
  code: 'DL3057',
  severity: 'info',
  category: 'maintainability',
  title: '`HEALTHCHECK` instruction missing',
  hadolint: true,
  offByDefault: true,
  check({ model, report }) {
    const last = model.stages[model.stages.length - 1];
    if (!last) return;
    const hasHealthcheck = [...shippedStages(model)].some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'));
    if (!hasHealthcheck) report(last.from);
  },
};
