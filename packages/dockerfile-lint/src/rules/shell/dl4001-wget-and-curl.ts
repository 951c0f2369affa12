import type { Rule } from '../../rule.js';
import { report, runOf } from '../run-rule.js';

/** Two download tools in one stage: both get installed and kept, though either would do. */
export const dl4001: Rule = {
  code: 'DL4001',
  severity: 'warning',
  category: 'size',
  title: 'Either use wget or curl, not both',
  hadolint: true,
  check(context) {
    let seen = new Set<string>();
    let stage: unknown;
    for (const at of context.model.instructions) {
      if (at.stage !== stage) {
        stage = at.stage;
        seen = new Set();
      }
      const run = runOf(at);
      const used = (run?.shell?.commands ?? []).map((c) => c.name).filter((n) => n === 'wget' || n === 'curl');
      if (used.length === 0) continue;
      used.forEach((n) => seen.add(n));
      if (seen.size === 2) report(context, at, true);
    }
  },
};
